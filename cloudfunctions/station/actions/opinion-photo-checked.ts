import type { StationContract } from '../../../types/contract/station'
import { mediaVerdict } from '../../_core/platform'
import { afterPhotoVerdict, opinionByTrace, pendingPhotoTraces, putOpinion, txOpinion } from '../../_core/station'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * WeChat's verdict on one photo of an opinion (`wxa_media_check`; every function that asks for
 * checks gets every push and keeps only its own traces). A passed photo is shown to the assignee
 * too; a risky one is dropped from every view. Applied once per trace, in a transaction, so two
 * photos' verdicts arriving at once both land.
 */
export const opinionPhotoChecked: Action<StationContract, 'opinionPhotoChecked'> = async (input, ctx) => {
  const waiting = await opinionByTrace(ctx.db, input.trace_id)
  if (!waiting) return { matched: false }
  const verdict = mediaVerdict(input.result?.suggest)
  const now = ctx.clock.now()
  const applied = await transaction(ctx.db, async (tx) => {
    const fresh = await txOpinion(tx, waiting._id)
    const photos = fresh && afterPhotoVerdict(fresh.photos, input.trace_id, verdict)
    if (!fresh || !photos) return false
    await putOpinion(tx, { ...fresh, photos, photoTraces: pendingPhotoTraces(photos), updatedAt: now })
    return true
  })
  // The opinion and the trace only: never its author.
  if (applied && verdict !== 'pass') ctx.log.info('opinion_photo_dropped', { opinionId: waiting._id, trace: input.trace_id })
  return { matched: applied }
}
