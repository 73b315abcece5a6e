import { walletContract } from '../../../types/contract/wallet'
import { clientFor } from './index'

/**
 * 益币 balance and ledger alone (`types/contract/wallet.ts`): the 益币 tab lives in the main package,
 * which should not carry the schemas of every other part of the points function (`./points`).
 */
export const walletApi = clientFor(walletContract)
