import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'

/** The duties actions of the station function (one file per action beside this one, as they are built). */
const notBuilt = async (): Promise<never> => {
  throw new Error('not built yet')
}

export const dutiesActions: Pick<Actions<StationContract>, 'myDuties' | 'dutyRoster'> = {
  myDuties: notBuilt,
  dutyRoster: notBuilt,
}
