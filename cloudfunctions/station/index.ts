import { stationContract } from '../../types/contract/station'
import { createHandler, wxMain } from '../_core/runtime/serve'
import { actions } from './actions'

/** 联络站：团代表联络站与青年之家、派驻与两联、进站接待、履职、征集意见、问卷。 */
export const handler = createHandler(stationContract, actions)
export const main = wxMain(handler)
