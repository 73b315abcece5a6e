import type { CommunityContract } from '../../../types/contract/community'
import { depart, endMembership, membershipOf, requireGroup, toMembershipView } from '../../_core/community'
import { userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/**
 * A youth leaves, or withdraws a request. Leaving twice — or a group one never joined — is refused
 * as "not a member"; the owner stays until a cadre hands the group over.
 */
export const leaveGroup: Action<CommunityContract, 'leaveGroup'> = async (input, ctx) => {
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  const group = await requireGroup(ctx.db, input.groupId)
  const now = ctx.clock.now()
  for (;;) {
    const seen = await membershipOf(ctx.db, group._id, userId)
    if (!seen || (seen.status !== 'active' && seen.status !== 'pending')) throw new AppError('GROUP.NOT_MEMBER')
    if (seen.role === 'owner') throw new AppError('GROUP.OWNER_CANNOT_LEAVE')
    const left = await depart(ctx.db, group, seen, endMembership(seen, 'left', null, null, now), now)
    if (left) {
      return { membership: toMembershipView(left) }
    }
  }
}
