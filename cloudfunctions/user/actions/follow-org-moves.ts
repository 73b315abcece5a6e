import type { UserContract } from '../../../types/contract/user'
import { finishOrgMove, FOLLOW_GRACE_MS } from '../../_core/org'
import { movesOwed } from '../../_core/org'
import { errorFields } from '../../_core/runtime/log'
import type { Action } from '../../_core/runtime/serve'

/** Of the user function's 10 s: stop taking new moves after this, so a run never dies halfway through one. */
export const FOLLOW_BUDGET_MS = 6_000
const PAGE = 50

/**
 * Every 10 minutes: a move whose mark is older than the grace lost its rewrite (its caller died or
 * failed after the commit); it is finished from the tree as it is now. One move that keeps failing
 * is logged and does not hold up the others; what is left (`more`) waits for the next run.
 */
export const followOrgMoves: Action<UserContract, 'followOrgMoves'> = async (_input, ctx) => {
  const deadline = Date.now() + FOLLOW_BUDGET_MS
  const owed = await movesOwed(ctx.db, ctx.clock.now() - FOLLOW_GRACE_MS, PAGE)
  const report = { finished: 0, failed: 0, more: owed.length === PAGE }
  for (const org of owed) {
    if (Date.now() > deadline) return { ...report, more: true }
    try {
      await finishOrgMove(ctx.db, org._id, org.followPending!)
      report.finished++
    } catch (e) {
      report.failed++
      ctx.log.error('org.follow_failed', { fn: ctx.fn, action: ctx.action, orgId: org._id, ...errorFields(e) })
    }
  }
  return report
}
