import type { ActivityContract } from '../../../types/contract/activity'
import { requireActivity, toParticipationView } from '../../_core/activity'
import { activityMac, recordMark, selfMark, walkInPerson } from '../../_core/attendance'
import { profileWithOrg, userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'

/** The participant's own check-in; the time is the server's, the position only evidence. */
export const checkIn: Action<ActivityContract, 'checkIn'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const activity = await requireActivity(ctx.db, input.activityId)
  const mark = selfMark('in', activity, input, now, activityMac(activity.secret))
  // Only a walk-in needs the profile (to name the new participation); the common case skips the reads.
  const walker = activity.walkIn ? await profileWithOrg(ctx.db, userIdFor(ctx.secrets(), openid)) : { profile: null, org: null }
  const admit = () => walkInPerson(activity, walker.profile, walker.org)
  const participation = await recordMark(ctx.db, activity, openid, admit, mark, now)
  return { participation: toParticipationView(participation, null) }
}
