import type { CommunityContract } from '../../../types/contract/community'
import {
  assertVisible,
  authorNameOf,
  bumpReplyCount,
  getReply,
  groupOrg,
  putReply,
  replyIdFor,
  requireAnnouncement,
  requireGroup,
  requireMember,
  toReplyView,
  txAnnouncement,
  txReply,
  type ReplyDoc,
} from '../../_core/community'
import { assertPublishable } from '../../_core/platform'
import { userIdFor } from '../../_core/profile/profile.repo'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import { asReplay, requestHash } from '../../_core/runtime/idempotency'
import type { Action } from '../../_core/runtime/serve'

/**
 * A member's reply, under the id its request key gives (a retry answers the same reply, counted
 * once); the text passes the content check first. The announcement's count of visible replies
 * moves in the same transaction as the reply.
 */
export const replyToAnnouncement: Action<CommunityContract, 'replyToAnnouncement'> = async (input, ctx) => {
  const a = await requireAnnouncement(ctx.db, input.announcementId)
  const group = await requireGroup(ctx.db, a.groupId)
  const { manager } = await requireMember(ctx, group)
  assertVisible(a, manager)
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  const id = replyIdFor(openid, input.requestId)
  const hash = requestHash({ announcementId: input.announcementId, text: input.text })
  const earlier = asReplay(await getReply(ctx.db, id), hash)
  if (earlier) {
    ctx.audit.replay()
    return { reply: toReplyView(earlier, userId) }
  }
  await assertPublishable(ctx.platform.contentCheck, openid, [input.text])
  const now = ctx.clock.now()
  const reply: ReplyDoc = {
    _id: id,
    announcementId: a._id,
    groupId: a.groupId,
    authorOpenid: openid,
    authorUserId: userId,
    authorName: await authorNameOf(ctx.db, userId, group.name),
    text: input.text,
    hidden: false,
    hiddenBy: null,
    requestHash: hash,
    createdAt: now,
    updatedAt: now,
  }
  const made = await transaction(ctx.db, async (tx) => {
    const raced = asReplay(await txReply(tx, id), hash)
    if (raced) {
      ctx.audit.replay()
      return raced
    }
    if (!(await txAnnouncement(tx, a._id))) throw new AppError('ANNOUNCEMENT.NOT_FOUND')
    await putReply(tx, reply)
    await bumpReplyCount(tx, ctx.db, a._id, 1, now)
    const org = groupOrg(group)
    await ctx.audit.write(tx, { target: { type: 'reply', id }, orgId: org._id, orgPath: org.path, detail: { announcementId: a._id } })
    return reply
  })
  return { reply: toReplyView(made, userId) }
}
