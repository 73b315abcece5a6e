import { activityContract } from './activity'
import { communityContract } from './community'
import { pointsContract } from './points'
import { stationContract } from './station'
import { userContract } from './user'

/** Every function's contract, by function name. Later domains add theirs here. */
export const contracts = {
  user: userContract,
  activity: activityContract,
  points: pointsContract,
  community: communityContract,
  station: stationContract,
} as const

export type FunctionName = keyof typeof contracts
export { activityContract, communityContract, pointsContract, stationContract, userContract }
