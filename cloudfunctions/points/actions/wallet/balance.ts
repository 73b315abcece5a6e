import type { PointsContract } from '../../../../types/contract/points'
import { expiringView, getAccount, nextExpiry, policyOfUser, totalsOf } from '../../../_core/ledger'
import { userIdFor } from '../../../_core/profile'
import type { Action } from '../../../_core/runtime/serve'

export const balance: Action<PointsContract, 'balance'> = async (_input, ctx) => {
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const [account, { policy }] = await Promise.all([getAccount(ctx.db, userId), policyOfUser(ctx.db, userId)])
  const t = totalsOf(account)
  const now = ctx.clock.now()
  return {
    balance: t.balance,
    earned: t.earned,
    spent: t.spent,
    adjusted: t.adjusted,
    expired: t.expired,
    expiring: expiringView(nextExpiry(account, policy, now), now),
    remindExpiry: account?.remindExpiry === true,
  }
}
