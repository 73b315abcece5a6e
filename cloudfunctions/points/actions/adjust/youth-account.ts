import type { AdjustContract } from '../../../../types/contract/adjust'
import { getAccount, policyOfUser } from '../../../_core/ledger'
import type { Action } from '../../../_core/runtime/serve'
import { managedYouth, toAccountSummary } from './summary'

export const youthAccount: Action<AdjustContract, 'youthAccount'> = async (input, ctx) => {
  const { profile, org } = await managedYouth(ctx, input.userId)
  const [account, { policy }] = await Promise.all([getAccount(ctx.db, profile._id), policyOfUser(ctx.db, profile._id)])
  return { account: toAccountSummary(profile, org, account, policy, ctx.clock.now()) }
}
