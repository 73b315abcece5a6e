import type { ActivityContract } from '../../../types/contract/activity'
import { loadTargets, rejectAttendance, rejectDeclaration, reviewBatch } from '../../_core/hours'
import { assertPublishable } from '../../_core/platform'
import type { Action } from '../../_core/runtime/serve'

export const rejectHours: Action<ActivityContract, 'rejectHours'> = async (input, ctx) => {
  const targets = await loadTargets(ctx, input.items)
  // The youth reads the reason (invariant 10).
  await assertPublishable(ctx.platform.contentCheck, ctx.openid(), [input.reason])
  const review = { reviewer: ctx.openid(), now: ctx.clock.now() }
  return reviewBatch(
    ctx,
    input.items,
    targets,
    (tx, t) => (t.kind === 'declaration' ? rejectDeclaration(tx, t.id, input.reason, review) : rejectAttendance(tx, t.id, input.reason, review)),
    { decision: 'reject', reason: input.reason },
  )
}
