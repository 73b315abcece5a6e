import type { ActivityContract } from '../../../types/contract/activity'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

// PENDING: not built yet.
export const sendReminders: Action<ActivityContract, 'sendReminders'> = async () => {
  throw new AppError('GENERIC.UNKNOWN_ACTION')
}
