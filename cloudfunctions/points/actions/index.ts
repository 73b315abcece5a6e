import type { PointsContract } from '../../../types/contract/points'
import type { Actions } from '../../_core/runtime/serve'
import { balance } from './balance'
import { listLedger } from './list-ledger'

export const actions: Actions<PointsContract> = {
  balance,
  listLedger,
}
