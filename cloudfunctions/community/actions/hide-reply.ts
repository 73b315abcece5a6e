import type { CommunityContract } from '../../../types/contract/community'
import { bumpReplyCount, groupOrg, putReply, requireGroup, requireManager, requireReply, toReplyView, txReply } from '../../_core/community'
import { userIdFor } from '../../_core/profile/profile.repo'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * Hides a reply from the members (its author and the managers still see it, marked hidden) or
 * restores it; the count of visible replies follows in the same transaction, so hiding twice at
 * once moves it once. Asking for the state it is already in changes nothing and is not audited again.
 */
export const hideReply: Action<CommunityContract, 'hideReply'> = async (input, ctx) => {
  const current = await requireReply(ctx.db, input.replyId)
  const group = await requireGroup(ctx.db, current.groupId)
  await requireManager(ctx, group)
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const after = await transaction(ctx.db, async (tx) => {
    const fresh = await txReply(tx, current._id)
    if (!fresh) throw new AppError('REPLY.NOT_FOUND')
    if (fresh.hidden === input.hidden) {
      ctx.audit.replay()
      return fresh
    }
    const next = { ...fresh, hidden: input.hidden, hiddenBy: input.hidden ? openid : null, updatedAt: now }
    await putReply(tx, next)
    await bumpReplyCount(tx, ctx.db, fresh.announcementId, input.hidden ? -1 : 1, now)
    const org = groupOrg(group)
    await ctx.audit.write(tx, { target: { type: 'reply', id: next._id }, orgId: org._id, orgPath: org.path, detail: { announcementId: next.announcementId, hidden: input.hidden } })
    return next
  })
  return { reply: toReplyView(after, userIdFor(ctx.secrets(), openid)) }
}
