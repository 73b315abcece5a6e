import { adjustContract } from './adjust'
import { defineContract } from './common'
import { donorsContract } from './donors'
import { goodsContract } from './goods'
import { ordersContract } from './orders'
import { venuesContract } from './venues'
import { walletContract } from './wallet'

/**
 * The points function's whole contract, put together from its parts: the wallet (balance, ledger,
 * adjustments, expiry), venues, donors and goods, orders and pickup, and donor recognition. The
 * server and the docs read this; the app imports only the part a page calls (src/services/api/).
 */
export const pointsContract = defineContract('points', {
  ...walletContract.actions,
  ...adjustContract.actions,
  ...venuesContract.actions,
  ...goodsContract.actions,
  ...ordersContract.actions,
  ...donorsContract.actions,
})

export type PointsContract = typeof pointsContract

export * from './wallet'
export * from './adjust'
export * from './venues'
export * from './goods'
export * from './orders'
export * from './donors'
