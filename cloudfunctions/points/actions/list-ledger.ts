import type { PointsContract } from '../../../types/contract/points'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

// PENDING: not built yet.
export const listLedger: Action<PointsContract, 'listLedger'> = async () => {
  throw new AppError('GENERIC.UNKNOWN_ACTION')
}
