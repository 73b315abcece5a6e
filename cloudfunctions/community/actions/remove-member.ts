import type { CommunityContract } from '../../../types/contract/community'
import { assertMayRemove, depart, endMembership, getMembership, requireGroup, requireManager, requireMembership, toMemberViews } from '../../_core/community'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** An admin removes a member, with the reason the youth will see; owners stay, admins go only by the owner or a cadre. */
export const removeMember: Action<CommunityContract, 'removeMember'> = async (input, ctx) => {
  const first = await requireMembership(ctx.db, input.membershipId)
  const group = await requireGroup(ctx.db, first.groupId)
  const actor = await requireManager(ctx, group)
  const now = ctx.clock.now()
  for (let seen = first; ; ) {
    if (seen.status !== 'active') throw new AppError('GROUP.NOT_MEMBER', '这位青年已不在社群中。')
    assertMayRemove(actor, seen)
    const done = await depart(ctx.db, group, seen, endMembership(seen, 'removed', ctx.openid(), input.reason.trim(), now), now)
    if (done) {
      await ctx.audit.write(ctx.db, { target: { type: 'group', id: group._id }, orgId: group.orgId, orgPath: group.underOrgs.slice(0, -1), detail: { membershipId: done._id, removed: true } })
      const [member] = await toMemberViews(ctx.db, [done])
      return { member }
    }
    const again = await getMembership(ctx.db, seen._id)
    if (!again) throw new AppError('GROUP.MEMBERSHIP_NOT_FOUND')
    seen = again
  }
}
