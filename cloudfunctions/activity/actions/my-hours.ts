import type { ActivityContract } from '../../../types/contract/activity'
import { getTotals, starProgress } from '../../_core/hours'
import { userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'

export const myHours: Action<ActivityContract, 'myHours'> = async (_input, ctx) => {
  const totals = await getTotals(ctx.db, userIdFor(ctx.secrets(), ctx.openid()))
  return starProgress(totals?.attendedMinutes ?? 0, totals?.declaredMinutes ?? 0)
}
