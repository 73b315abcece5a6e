import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { requireActivity } from '../../_core/activity'
import { activityMac, attendanceCounts, boardCode } from '../../_core/attendance'
import type { Action } from '../../_core/runtime/serve'

/** The organizer's screen: live counts and the rotating code, which the page refreshes at `expiresAt`. */
export const attendanceBoard: Action<ActivityContract, 'attendanceBoard'> = async (input, ctx) => {
  const activity = await requireActivity(ctx.db, input.activityId)
  await requireScope(ctx, activity.orgId, MANAGER_ROLES)
  const now = ctx.clock.now()
  const counts = await attendanceCounts(ctx.db, activity._id)
  return { counts, code: boardCode(activity, now, activityMac(activity.secret)), serverTime: now }
}
