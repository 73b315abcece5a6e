import { communityContract } from '../../types/contract/community'
import { createHandler, wxMain } from '../_core/runtime/serve'
import { actions } from './actions'

/** 社群：网上青年社群与塔群。 */
export const handler = createHandler(communityContract, actions)
export const main = wxMain(handler)
