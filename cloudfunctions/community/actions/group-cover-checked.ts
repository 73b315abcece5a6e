import type { CommunityContract } from '../../../types/contract/community'
import { coverVerdict } from '../../_core/activity'
import { groupByCoverTrace, putGroup, txGroup } from '../../_core/community'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * WeChat's verdict on a group cover (`wxa_media_check`, pushed to the function; each function that
 * asks for checks gets every push and keeps only its own traces). Applied only while the group still
 * waits for that very check: a cover replaced meanwhile has a check of its own.
 */
export const groupCoverChecked: Action<CommunityContract, 'groupCoverChecked'> = async (input, ctx) => {
  const waiting = await groupByCoverTrace(ctx.db, input.trace_id)
  if (!waiting) return { applied: false }
  const verdict = await transaction(ctx.db, async (tx) => {
    const fresh = await txGroup(tx, waiting._id)
    const after = fresh && coverVerdict(fresh, input.trace_id, input.result?.suggest)
    if (!after) return null
    await putGroup(tx, { ...fresh, ...after.fields, updatedAt: ctx.clock.now() })
    return after.verdict
  })
  if (verdict && verdict !== 'pass') ctx.log.info('cover_refused', { groupId: waiting._id, verdict })
  return { applied: verdict !== null }
}
