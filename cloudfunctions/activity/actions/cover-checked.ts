import type { ActivityContract } from '../../../types/contract/activity'
import { activityByCoverTrace, coverVerdict, putActivity, txActivity, EDIT_ATTEMPTS } from '../../_core/activity'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * WeChat's verdict on a cover picture (`wxa_media_check`, pushed to the function). Applied only while
 * the activity still waits for that very check: a cover replaced meanwhile has a check of its own.
 */
export const coverChecked: Action<ActivityContract, 'coverChecked'> = async (input, ctx) => {
  const waiting = await activityByCoverTrace(ctx.db, input.trace_id)
  if (!waiting) return { applied: false }
  const verdict = await transaction(ctx.db, async (tx) => {
    const fresh = await txActivity(tx, waiting._id)
    const after = fresh && coverVerdict(fresh, input.trace_id, input.result?.suggest)
    if (!after) return null
    await putActivity(tx, { ...fresh, ...after.fields, updatedAt: ctx.clock.now() })
    return after.verdict
  }, EDIT_ATTEMPTS)
  if (verdict && verdict !== 'pass') ctx.log.info('cover_refused', { activityId: waiting._id, verdict })
  return { applied: verdict !== null }
}
