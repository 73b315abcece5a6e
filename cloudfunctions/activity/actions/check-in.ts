import type { ActivityContract } from '../../../types/contract/activity'
import { applicantOf, getParticipation, participationIdFor, requireActivity, toParticipationView } from '../../_core/activity'
import { activityMac, isShortCode, recordMark, selfMark, walkInPerson, withCodeLimit } from '../../_core/attendance'
import { touchActiveUnder } from '../../_core/community'
import { userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'

/**
 * The participant's own check-in; the time is the server's, the position only evidence. A signed
 * participant costs three database calls: the activity, the participation, one conditional update
 * (three more for a group's activity: the youth's memberships, their groups, the 'active' mark).
 */
export const checkIn: Action<ActivityContract, 'checkIn'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const [activity, seen] = await Promise.all([requireActivity(ctx.db, input.activityId), getParticipation(ctx.db, participationIdFor(input.activityId, openid))])
  const mark = await withCodeLimit(ctx.db, activity, seen, input.code, () => selfMark('in', activity, input, now, activityMac(activity.secret)))
  // Only a walk-in needs the profile (to name the new participation); the common case skips the reads.
  const walksIn = activity.walkIn && seen?.status !== 'signed'
  const walker = walksIn ? await applicantOf(ctx.db, activity.audience, userIdFor(ctx.secrets(), openid)) : { profile: null, org: null, chains: [] }
  const admit = () => walkInPerson(activity, walker.profile, walker.org, walker.chains)
  const participation = await recordMark(ctx.db, activity, openid, seen, admit, mark, now, isShortCode(input.code))
  // Taking part in a group's activity makes the youth an active member of it (the group's figures).
  if (activity.audience.type === 'group') await touchActiveUnder(ctx.db, participation.userId, activity.audience.groupId, now)
  return { participation: toParticipationView(participation, null) }
}
