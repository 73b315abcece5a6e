import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'
import { dutyRoster } from './duty-roster'
import { myDuties } from './my-duties'

/** The duties actions of the station function: a person's own year, and the cadre's roster. */
export const dutiesActions: Pick<Actions<StationContract>, 'myDuties' | 'dutyRoster'> = {
  myDuties,
  dutyRoster,
}
