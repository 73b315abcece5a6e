import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'
import { dutiesActions } from './duties'
import { opinionsActions } from './opinions'
import { peopleActions } from './people'
import { surveysActions } from './surveys'
import { sweepStations } from './sweep-stations'
import { venuesActions } from './venues'

export const actions: Actions<StationContract> = {
  ...venuesActions,
  ...peopleActions,
  ...dutiesActions,
  ...opinionsActions,
  ...surveysActions,
  sweepStations,
}
