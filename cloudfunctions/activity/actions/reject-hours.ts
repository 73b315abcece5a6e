import type { ActivityContract } from '../../../types/contract/activity'
import { finishBatch, loadTargets, rejectAttendance, rejectDeclaration, runItems } from '../../_core/hours'
import type { Action } from '../../_core/runtime/serve'

export const rejectHours: Action<ActivityContract, 'rejectHours'> = async (input, ctx) => {
  const targets = await loadTargets(ctx, input.items)
  const review = { reviewer: ctx.openid(), now: ctx.clock.now() }
  const run = await runItems(ctx, input.items, targets, (tx, t) =>
    t.kind === 'declaration' ? rejectDeclaration(tx, t.id, input.reason, review) : rejectAttendance(tx, t.id, input.reason, review),
  )
  return finishBatch(ctx, input.items, targets, run, { decision: 'reject', reason: input.reason })
}
