import { userContract } from '../../types/contract/user'
import { createHandler, wxMain } from '../_core/runtime/serve'
import { actions } from './actions'

/** 用户：青年档案、团组织树、角色与邀请码。 */
export const handler = createHandler(userContract, actions)
export const main = wxMain(handler)
