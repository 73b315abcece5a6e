import { pointsContract } from '../../types/contract/points'
import { createHandler, wxMain } from '../_core/runtime/serve'
import { actions } from './actions'

/** 益币：账户与流水。 */
export const handler = createHandler(pointsContract, actions)
export const main = wxMain(handler)
