import type { CommunityContract } from '../../../types/contract/community'
import {
  announcementIdFor,
  announcementViews,
  authorNameOf,
  enqueueAnnouncement,
  getAnnouncement,
  groupOrg,
  memberCounts,
  postedImage,
  putAnnouncement,
  requireGroup,
  requireManager,
  statusOf,
  subscribersOf,
  txAnnouncement,
  type AnnouncementDoc,
} from '../../_core/community'
import { dispatch } from '../../_core/outbox'
import { assertOwnUploads, assertPublishable } from '../../_core/platform'
import { userIdFor } from '../../_core/profile/profile.repo'
import { transaction } from '../../_core/runtime/db'
import { asReplay, requestHash } from '../../_core/runtime/idempotency'
import type { Action } from '../../_core/runtime/serve'

/**
 * An announcement under the id its request key gives: a retry after a lost reply, or the same key
 * sent many times at once, answers the one announcement, told once. Text and pictures pass the
 * content check before anything is written; a picture whose check is still pending keeps the
 * announcement from members (`pending`) until WeChat pushes the verdict (announcementImageChecked).
 */
export const postAnnouncement: Action<CommunityContract, 'postAnnouncement'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  await requireManager(ctx, group)
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  const viewer = { manager: true, userId }
  const { requestId, ...fields } = input
  const id = announcementIdFor(openid, requestId)
  const hash = requestHash(fields)
  const earlier = asReplay(await getAnnouncement(ctx.db, id), hash)
  if (earlier) {
    ctx.audit.replay()
    return { announcement: (await announcementViews(ctx, [earlier], viewer))[0] }
  }
  await assertPublishable(ctx.platform.contentCheck, openid, [fields.title, fields.body])
  const urls = await assertOwnUploads(ctx.platform.storage, userId, fields.images)
  // Every picture is asked before anything is written: one refused at once refuses the announcement.
  const checks = await Promise.all(fields.images.map((fileId) => ctx.platform.contentCheck.image({ openid, url: urls.get(fileId)!, fileId })))
  const images = fields.images.map((fileId, i) => postedImage(fileId, checks[i]))
  const now = ctx.clock.now()
  const [authorName, members] = await Promise.all([authorNameOf(ctx.db, userId, group.name), memberCounts(ctx.db, [group._id])])
  const status = statusOf(images)
  const doc: AnnouncementDoc = {
    _id: id,
    groupId: group._id,
    orgId: group.orgId,
    underOrgs: group.underOrgs,
    title: fields.title,
    body: fields.body,
    images,
    imageTraces: images.filter((i) => i.check === 'pending').map((i) => i.trace!),
    status,
    pinned: fields.pinned,
    authorOpenid: openid,
    authorName,
    publishedAt: now,
    memberCount: members.get(group._id) ?? 0,
    readCount: 0,
    replyCount: 0,
    requestHash: hash,
    createdAt: now,
    updatedAt: now,
  }
  // Read before the transaction: a long list is no work to repeat on a conflict.
  const to = status === 'published' ? await subscribersOf(ctx.db, group, openid) : []
  const { made, messages } = await transaction(ctx.db, async (tx) => {
    // Inside the transaction too: the same key sent twice at once makes one announcement, one audit entry, one message each.
    const raced = asReplay(await txAnnouncement(tx, id), hash)
    if (raced) {
      ctx.audit.replay()
      return { made: raced, messages: [] }
    }
    await putAnnouncement(tx, doc)
    const org = groupOrg(group)
    await ctx.audit.write(tx, { target: { type: 'announcement', id }, orgId: org._id, orgPath: org.path, detail: { groupId: group._id, title: doc.title, status, images: images.length } })
    return { made: doc, messages: status === 'published' ? await enqueueAnnouncement(tx, doc, group.name, to, now) : [] }
  })
  await dispatch(ctx, messages)
  return { announcement: (await announcementViews(ctx, [made], viewer))[0] }
}
