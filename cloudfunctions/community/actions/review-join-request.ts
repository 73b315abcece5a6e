import type { CommunityContract } from '../../../types/contract/community'
import { depart, endMembership, enter, getMembership, requireGroup, requireManager, requireMembership, toMemberViews } from '../../_core/community'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/**
 * An admin approves (the youth takes a place — refused, and the request kept, when the group is
 * full) or rejects with a reason. Answered once: a request already answered, or withdrawn, is refused.
 */
export const reviewJoinRequest: Action<CommunityContract, 'reviewJoinRequest'> = async (input, ctx) => {
  const first = await requireMembership(ctx.db, input.membershipId)
  const group = await requireGroup(ctx.db, first.groupId)
  await requireManager(ctx, group)
  const openid = ctx.openid()
  const now = ctx.clock.now()
  for (let seen = first; ; ) {
    if (seen.status !== 'pending') throw new AppError('GROUP.REQUEST_DONE')
    const done = input.approve
      ? await enter(ctx.db, group, seen, { ...seen, status: 'active', reviewedBy: openid, reason: null, endedAt: null, updatedAt: now }, now)
      : await depart(ctx.db, group, seen, endMembership(seen, 'rejected', openid, input.reason.trim(), now), now)
    if (done) {
      await ctx.audit.write(ctx.db, { target: { type: 'group', id: group._id }, orgId: group.orgId, orgPath: group.underOrgs.slice(0, -1), detail: { membershipId: done._id, approve: input.approve } })
      const [member] = await toMemberViews(ctx.db, [done])
      return { member }
    }
    const again = await getMembership(ctx.db, seen._id)
    if (!again) throw new AppError('GROUP.MEMBERSHIP_NOT_FOUND')
    seen = again
  }
}
