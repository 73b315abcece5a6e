import type { CommunityContract } from '../../../types/contract/community'
import { announcementViews, pageAnnouncements, requireGroup, requireMember } from '../../_core/community'
import { userIdFor } from '../../_core/profile/profile.repo'
import type { Action } from '../../_core/runtime/serve'

/** A group's announcements for its members (published only) and its managers (every state, with read counts). */
export const listAnnouncements: Action<CommunityContract, 'listAnnouncements'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  const { manager } = await requireMember(ctx, group)
  const page = await pageAnnouncements(ctx.db, group._id, !manager, { cursor: input.cursor, limit: input.limit })
  const items = await announcementViews(ctx, page.items, { manager, userId: userIdFor(ctx.secrets(), ctx.openid()) })
  return { items, nextCursor: page.nextCursor }
}
