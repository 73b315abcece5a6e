import type { CommunityContract } from '../../../types/contract/community'
import { assertCurrentPrivacy } from '../../_core/activity'
import { depart, enter, joinPath, membershipOf, requireGroup, startMembership, toMembershipView, type MembershipDoc } from '../../_core/community'
import { assertPublishable } from '../../_core/platform'
import { getProfile, userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'

/**
 * A youth joins: an open group (or an invite-only one with its code) takes a place at once — at
 * capacity under a storm each youth is told the truth, joined or full; a group that approves gets a
 * request. Sent again (a lost answer, a double tap), it answers the same membership.
 */
export const joinGroup: Action<CommunityContract, 'joinGroup'> = async (input, ctx) => {
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  const [group, profile] = await Promise.all([requireGroup(ctx.db, input.groupId), getProfile(ctx.db, userId)])
  assertCurrentPrivacy(profile)
  const path = joinPath(group, input.inviteCode)
  if (path === 'request' && input.message.trim()) await assertPublishable(ctx.platform.contentCheck, openid, [input.message])
  const now = ctx.clock.now()
  for (;;) {
    const seen = await membershipOf(ctx.db, group._id, userId)
    if (seen && (seen.status === 'active' || (seen.status === 'pending' && path === 'request'))) {
      return { membership: toMembershipView(seen) }
    }
    const role = seen?.role === 'owner' ? 'owner' : 'member'
    let made: MembershipDoc | null
    if (path === 'seat') {
      made = await enter(ctx.db, group, seen, startMembership(group, { userId, openid }, seen, { role, status: 'active', message: '' }, now), now)
    } else {
      made = await depart(ctx.db, group, seen, { ...startMembership(group, { userId, openid }, seen, { role, status: 'pending', message: input.message.trim() }, now), joinedAt: null }, now)
    }
    // Null: this youth's other request changed the membership meanwhile; read it again.
    if (made) {
      return { membership: toMembershipView(made) }
    }
  }
}
