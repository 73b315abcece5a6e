import type { FunctionName } from '../types/contract'
import { activityContract } from '../types/contract/activity'
import { communityContract } from '../types/contract/community'
import { pointsContract } from '../types/contract/points'
import { stationContract } from '../types/contract/station'
import { userContract } from '../types/contract/user'
import { actions as activityActions } from '../cloudfunctions/activity/actions'
import { actions as communityActions } from '../cloudfunctions/community/actions'
import { actions as pointsActions } from '../cloudfunctions/points/actions'
import { actions as stationActions } from '../cloudfunctions/station/actions'
import { actions as userActions } from '../cloudfunctions/user/actions'
import { productionDeps, type Deps } from '../cloudfunctions/_core/runtime/context'
import { createHandler, type Handler } from '../cloudfunctions/_core/runtime/serve'

/**
 * Every cloud function's router, built in-process for the local gateway and the tests. The same
 * `createHandler` makes each deployed function's `main`; only the dependencies differ.
 */
export function createHandlers(deps: () => Deps = productionDeps): Record<FunctionName, Handler> {
  return {
    user: createHandler(userContract, userActions, deps),
    activity: createHandler(activityContract, activityActions, deps),
    points: createHandler(pointsContract, pointsActions, deps),
    community: createHandler(communityContract, communityActions, deps),
    station: createHandler(stationContract, stationActions, deps),
  }
}
