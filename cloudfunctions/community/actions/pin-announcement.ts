import type { CommunityContract } from '../../../types/contract/community'
import { announcementViews, groupOrg, putAnnouncement, requireAnnouncement, requireGroup, requireManager, txAnnouncement } from '../../_core/community'
import { userIdFor } from '../../_core/profile/profile.repo'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/** Pinned announcements come first in the group's list; pinning what is already pinned changes nothing and is not audited again. */
export const pinAnnouncement: Action<CommunityContract, 'pinAnnouncement'> = async (input, ctx) => {
  const current = await requireAnnouncement(ctx.db, input.announcementId)
  const group = await requireGroup(ctx.db, current.groupId)
  await requireManager(ctx, group)
  const now = ctx.clock.now()
  const after = await transaction(ctx.db, async (tx) => {
    const fresh = await txAnnouncement(tx, current._id)
    if (!fresh) throw new AppError('ANNOUNCEMENT.NOT_FOUND')
    if (fresh.pinned === input.pinned) {
      ctx.audit.replay()
      return fresh
    }
    const next = { ...fresh, pinned: input.pinned, updatedAt: now }
    await putAnnouncement(tx, next)
    const org = groupOrg(group)
    await ctx.audit.write(tx, { target: { type: 'announcement', id: next._id }, orgId: org._id, orgPath: org.path, detail: { pinned: input.pinned } })
    return next
  })
  const [view] = await announcementViews(ctx, [after], { manager: true, userId: userIdFor(ctx.secrets(), ctx.openid()) })
  return { announcement: view }
}
