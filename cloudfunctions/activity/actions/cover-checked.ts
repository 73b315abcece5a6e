import type { ActivityContract } from '../../../types/contract/activity'
import { activityByCoverTrace, putActivity, txActivity, EDIT_ATTEMPTS } from '../../_core/activity'
import { mediaVerdict } from '../../_core/platform'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * WeChat's verdict on a cover picture (`wxa_media_check`, pushed to the function). Applied only while
 * the activity still waits for that very check: a cover replaced meanwhile has a check of its own.
 */
export const coverChecked: Action<ActivityContract, 'coverChecked'> = async (input, ctx) => {
  const waiting = await activityByCoverTrace(ctx.db, input.trace_id)
  if (!waiting) return { applied: false }
  const verdict = mediaVerdict(input.result?.suggest)
  const applied = await transaction(ctx.db, async (tx) => {
    const fresh = await txActivity(tx, waiting._id)
    if (!fresh || fresh.coverTrace !== input.trace_id) return false
    await putActivity(tx, { ...fresh, coverCheck: verdict === 'pass' ? 'pass' : 'risky', coverTrace: null, updatedAt: ctx.clock.now() })
    return true
  }, EDIT_ATTEMPTS)
  if (applied && verdict !== 'pass') ctx.log.info('cover_refused', { activityId: waiting._id, verdict })
  return { applied }
}
