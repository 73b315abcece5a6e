import type { PointsContract } from '../../../../types/contract/points'
import { getAccount, policyExpires, policyOfUser, walletFigures } from '../../../_core/ledger'
import { userIdFor } from '../../../_core/profile'
import type { Action } from '../../../_core/runtime/serve'

export const balance: Action<PointsContract, 'balance'> = async (_input, ctx) => {
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const [account, policy] = await Promise.all([getAccount(ctx.db, userId), policyOfUser(ctx.db, userId)])
  const now = ctx.clock.now()
  return { ...walletFigures(account, policy, now), remindExpiry: account?.remindExpiry === true, expiryPolicy: policyExpires(policy, now) }
}
