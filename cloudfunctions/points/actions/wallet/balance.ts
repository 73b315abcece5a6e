import type { PointsContract } from '../../../../types/contract/points'
import { getAccount, policyOfUser, shanghaiYear, walletFigures, yearStart, yearsFor, type PointsPolicyDoc } from '../../../_core/ledger'
import { userIdFor } from '../../../_core/profile'
import type { Action } from '../../../_core/runtime/serve'

/**
 * Whether some coming year end expires 益币: the next one keeps the version in force a month before
 * it (a change to 长期有效 made in December still leaves it), every later one takes the latest version.
 */
function policyExpires(policy: PointsPolicyDoc | null, now: number): boolean {
  if (!policy) return false
  const nextYearEnd = yearStart(shanghaiYear(now) + 1)
  return policy.expireAfterYears !== null || yearsFor(policy, nextYearEnd) !== null
}

export const balance: Action<PointsContract, 'balance'> = async (_input, ctx) => {
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const [account, policy] = await Promise.all([getAccount(ctx.db, userId), policyOfUser(ctx.db, userId)])
  const now = ctx.clock.now()
  return { ...walletFigures(account, policy, now), remindExpiry: account?.remindExpiry === true, expiryPolicy: policyExpires(policy, now) }
}
