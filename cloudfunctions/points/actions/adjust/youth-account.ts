import type { AdjustContract } from '../../../../types/contract/adjust'
import { getAccount } from '../../../_core/ledger'
import type { Action } from '../../../_core/runtime/serve'
import { managedYouth, toAccountSummary } from './summary'

export const youthAccount: Action<AdjustContract, 'youthAccount'> = async (input, ctx) => {
  const { profile, org, policy } = await managedYouth(ctx, input.userId)
  const [account, p] = await Promise.all([getAccount(ctx.db, profile._id), policy()])
  return { account: toAccountSummary(profile, org, account, p, ctx.clock.now()) }
}
