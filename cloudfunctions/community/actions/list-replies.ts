import type { CommunityContract } from '../../../types/contract/community'
import { assertVisible, pageReplies, requireAnnouncement, requireGroup, requireMember, toReplyView } from '../../_core/community'
import { userIdFor } from '../../_core/profile/profile.repo'
import type { Action } from '../../_core/runtime/serve'

/** An announcement's replies, first come first listed; a hidden reply only for the managers and its author. */
export const listReplies: Action<CommunityContract, 'listReplies'> = async (input, ctx) => {
  const a = await requireAnnouncement(ctx.db, input.announcementId)
  const group = await requireGroup(ctx.db, a.groupId)
  const { manager } = await requireMember(ctx, group)
  assertVisible(a, manager)
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const page = await pageReplies(ctx.db, a._id, { manager, userId }, { cursor: input.cursor, limit: input.limit })
  return { items: page.items.map((r) => toReplyView(r, userId)), nextCursor: page.nextCursor }
}
