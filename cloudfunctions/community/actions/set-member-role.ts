import type { CommunityContract } from '../../../types/contract/community'
import { assertNotOwner, requireGroup, requireManager, requireMembership, setRole, toMemberViews } from '../../_core/community'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** The owner or a cadre in scope makes a member an admin, or an admin a member again. */
export const setMemberRole: Action<CommunityContract, 'setMemberRole'> = async (input, ctx) => {
  const seen = await requireMembership(ctx.db, input.membershipId)
  const group = await requireGroup(ctx.db, seen.groupId)
  const actor = await requireManager(ctx, group)
  if (!actor.cadre && actor.membership?.role !== 'owner') throw new AppError('AUTH.FORBIDDEN')
  if (seen.status !== 'active') throw new AppError('GROUP.NOT_MEMBER', '这位青年已不在社群中。')
  assertNotOwner(seen)
  const done = await setRole(ctx.db, seen, input.role, ctx.clock.now())
  await ctx.audit.write(ctx.db, { target: { type: 'group', id: group._id }, orgId: group.orgId, orgPath: group.underOrgs.slice(0, -1), detail: { membershipId: seen._id, role: input.role } })
  const [member] = await toMemberViews(ctx.db, [done])
  return { member }
}
