import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'

/** The venues actions of the station function (one file per action beside this one, as they are built). */
const notBuilt = async (): Promise<never> => {
  throw new Error('not built yet')
}

export const venuesActions: Pick<Actions<StationContract>, 'saveStation' | 'saveYouthHome' | 'listStations' | 'nearbyVenues' | 'getStation' | 'stationFigures'> = {
  saveStation: notBuilt,
  saveYouthHome: notBuilt,
  listStations: notBuilt,
  nearbyVenues: notBuilt,
  getStation: notBuilt,
  stationFigures: notBuilt,
}
