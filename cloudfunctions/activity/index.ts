import { activityContract } from '../../types/contract/activity'
import { createHandler, wxMain } from '../_core/runtime/serve'
import { actions } from './actions'

/** 活动：发布与报名、签到签退、时长审核与益币发放、星级与证明。 */
export const handler = createHandler(activityContract, actions)
export const main = wxMain(handler)
