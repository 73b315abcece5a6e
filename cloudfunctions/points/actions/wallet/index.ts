import type { WalletContract } from '../../../../types/contract/wallet'
import type { Actions } from '../../../_core/runtime/serve'
import { balance } from './balance'
import { listLedger } from './list-ledger'
import { setExpiryReminder } from './set-expiry-reminder'

export const walletActions: Actions<WalletContract> = {
  balance,
  listLedger,
  setExpiryReminder,
}
