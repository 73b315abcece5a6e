import type { WalletContract } from '../../../../types/contract/wallet'
import type { Actions } from '../../../_core/runtime/serve'
import { balance } from './balance'
import { listLedger } from './list-ledger'

export const walletActions: Actions<WalletContract> = {
  balance,
  listLedger,
}
