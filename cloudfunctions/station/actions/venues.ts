import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'
import { getStation } from './get-station'
import { listStations } from './list-stations'
import { nearbyVenues } from './nearby-venues'
import { saveStation } from './save-station'
import { saveYouthHome } from './save-youth-home'
import { stationFigures } from './station-figures'

/** The venues actions of the station function: stations in their tree and the youth homes beside them. */
export const venuesActions: Pick<Actions<StationContract>, 'saveStation' | 'saveYouthHome' | 'listStations' | 'nearbyVenues' | 'getStation' | 'stationFigures'> = {
  saveStation,
  saveYouthHome,
  listStations,
  nearbyVenues,
  getStation,
  stationFigures,
}
