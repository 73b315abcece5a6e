import type { CommunityContract } from '../../../types/contract/community'
import { announcementViews, assertVisible, isActive, markRead, requireAnnouncement, requireGroup, requireMember, touchActive } from '../../_core/community'
import { userIdFor } from '../../_core/profile/profile.repo'
import type { Action } from '../../_core/runtime/serve'

/**
 * A member opens an announcement: the first open of each member counts once towards its read count
 * (a cadre who is not a member reads without counting), and marks the member active.
 */
export const readAnnouncement: Action<CommunityContract, 'readAnnouncement'> = async (input, ctx) => {
  const a = await requireAnnouncement(ctx.db, input.announcementId)
  const group = await requireGroup(ctx.db, a.groupId)
  const { manager, membership } = await requireMember(ctx, group)
  assertVisible(a, manager)
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const now = ctx.clock.now()
  let shown = a
  if (isActive(membership) && a.status === 'published') {
    const [first] = await Promise.all([markRead(ctx.db, a, userId, now), touchActive(ctx.db, membership._id, now)])
    if (first) shown = { ...a, readCount: a.readCount + 1 }
  }
  const [view] = await announcementViews(ctx, [shown], { manager, userId })
  return { announcement: view }
}
