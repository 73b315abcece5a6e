import type { ActivityContract } from '../../../types/contract/activity'
import { getParticipation, participationIdFor, requireActivity, toParticipationView } from '../../_core/activity'
import { activityMac, isShortCode, recordMark, selfMark, withCodeLimit } from '../../_core/attendance'
import type { Action } from '../../_core/runtime/serve'

/** The participant's own check-out: fixes the minutes the stay earns and queues them for review. */
export const checkOut: Action<ActivityContract, 'checkOut'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const [activity, seen] = await Promise.all([requireActivity(ctx.db, input.activityId), getParticipation(ctx.db, participationIdFor(input.activityId, openid))])
  const mark = await withCodeLimit(ctx.db, activity, seen, input.code, () => selfMark('out', activity, input, now, activityMac(activity.secret)))
  // Nobody walks in at check-out: without a check-in there is nothing to close.
  const participation = await recordMark(ctx.db, activity, openid, seen, null, mark, now, isShortCode(input.code))
  return { participation: toParticipationView(participation, null) }
}
