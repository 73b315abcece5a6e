import type { ActivityContract } from '../../../types/contract/activity'
import { loadTargets, reverseAttendance, reverseDeclaration, reviewBatch } from '../../_core/hours'
import type { Action } from '../../_core/runtime/serve'

/** One record; its audit entry lands in the same transaction as the reversal, or neither does. */
export const reverseApproval: Action<ActivityContract, 'reverseApproval'> = async (input, ctx) => {
  const targets = await loadTargets(ctx, [input.item])
  const review = { reviewer: ctx.openid(), now: ctx.clock.now() }
  const { results } = await reviewBatch(
    ctx,
    [input.item],
    targets,
    (tx, t) => (t.kind === 'declaration' ? reverseDeclaration(tx, t.id, review) : reverseAttendance(tx, t.id, review)),
    { decision: 'reverse', reason: input.reason },
  )
  return { result: results[0] }
}
