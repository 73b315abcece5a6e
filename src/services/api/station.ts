import { stationContract } from '../../../types/contract/station'
import { clientFor } from './index'

/** 联络站: stations and youth homes, posts and 两联, visits, duties, opinions, surveys (`types/contract/station.ts`). */
export const stationApi = clientFor(stationContract)
