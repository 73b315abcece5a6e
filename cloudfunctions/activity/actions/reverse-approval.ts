import type { ActivityContract } from '../../../types/contract/activity'
import { loadTargets, reverseAttendance, reverseDeclaration, runItems } from '../../_core/hours'
import type { Action } from '../../_core/runtime/serve'

/** One record; its audit entry lands in the same transaction as the reversal, or neither does. */
export const reverseApproval: Action<ActivityContract, 'reverseApproval'> = async (input, ctx) => {
  const targets = await loadTargets(ctx, [input.item])
  const review = { reviewer: ctx.openid(), now: ctx.clock.now() }
  const run = await runItems(ctx, [input.item], targets, async (tx, t) => {
    await (t.kind === 'declaration' ? reverseDeclaration(tx, t.id, review) : reverseAttendance(tx, t.id, review))
    await ctx.audit.write(tx, { target: { type: t.kind, id: t.id }, orgId: t.org._id, orgPath: t.org.path, detail: { decision: 'reverse', reason: input.reason } })
  })
  const [result] = run.outcomes
  if (!result.ok) throw run.firstError
  return { result }
}
