import type { StationContract } from '../../../types/contract/station'
import type { Action } from '../../_core/runtime/serve'

/** The station function's timer: each part of the module answers for its own overdue work. */
export const sweepStations: Action<StationContract, 'sweepStations'> = async () => {
  return { visitsEnded: 0, overdueReminded: 0, autoClosed: 0, dutyReminded: 0 }
}
