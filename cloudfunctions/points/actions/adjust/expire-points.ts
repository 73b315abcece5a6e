import type { AdjustContract } from '../../../../types/contract/adjust'
import { runExpiry } from '../../../_core/ledger'
import type { Action } from '../../../_core/runtime/serve'

/** Of the points function's 20 s: stop taking new chunks after this, so a run never dies halfway. */
export const EXPIRY_BUDGET_MS = 12_000

/**
 * Hourly: the year end just passed expires what is left of its lot in every account under a county
 * policy — once each, whatever runs at the same time — and from 30 days before the next year end the
 * youth who asked are reminded. Chunked with a resume cursor (expiry.repo.ts `sweepAccounts`).
 */
export const expirePoints: Action<AdjustContract, 'expirePoints'> = async (_input, ctx) => {
  return runExpiry(ctx.db, ctx.clock.now(), Date.now() + EXPIRY_BUDGET_MS)
}
