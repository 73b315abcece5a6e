import type { PointsContract } from '../../../types/contract/points'
import type { Actions } from '../../_core/runtime/serve'
import { adjustActions } from './adjust'
import { donorsActions } from './donors'
import { goodsActions } from './goods'
import { ordersActions } from './orders'
import { venuesActions } from './venues'
import { walletActions } from './wallet'

/** One folder per part of the contract (types/contract/points.ts). */
export const actions: Actions<PointsContract> = {
  ...walletActions,
  ...adjustActions,
  ...venuesActions,
  ...goodsActions,
  ...ordersActions,
  ...donorsActions,
}
