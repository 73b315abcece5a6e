import type { PointsContract } from '../../../../types/contract/points'
import { getAccount } from '../../../_core/ledger'
import { userIdFor } from '../../../_core/profile'
import type { Action } from '../../../_core/runtime/serve'

export const balance: Action<PointsContract, 'balance'> = async (_input, ctx) => {
  const account = await getAccount(ctx.db, userIdFor(ctx.secrets(), ctx.openid()))
  return { balance: account?.balance ?? 0, earned: account?.earned ?? 0, spent: account?.spent ?? 0 }
}
