import type { CommunityContract } from '../../../types/contract/community'
import { groupByCoverTrace, putGroup, txGroup } from '../../_core/community'
import { mediaVerdict } from '../../_core/platform'
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
  const verdict = mediaVerdict(input.result?.suggest)
  const applied = await transaction(ctx.db, async (tx) => {
    const fresh = await txGroup(tx, waiting._id)
    if (!fresh || fresh.coverTrace !== input.trace_id) return false
    await putGroup(tx, { ...fresh, coverCheck: verdict === 'pass' ? 'pass' : 'risky', coverTrace: null, updatedAt: ctx.clock.now() })
    return true
  })
  if (applied && verdict !== 'pass') ctx.log.info('cover_refused', { groupId: waiting._id, verdict })
  return { applied }
}
