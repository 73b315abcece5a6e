import type { OrdersContract } from '../../../../types/contract/orders'
import type { Actions } from '../../../_core/runtime/serve'
import { cancelOrder } from './cancel-order'
import { confirmPickup } from './confirm-pickup'
import { expireOrders } from './expire-orders'
import { getOrder } from './get-order'
import { lookupPickup } from './lookup-pickup'
import { myOrders } from './my-orders'
import { myPickupVenues } from './my-pickup-venues'
import { pickupList } from './pickup-list'
import { redeem } from './redeem'
import { remindOrders } from './remind-orders'
import { syncPickups } from './sync-pickups'
import { sweepStock } from './sweep-stock'

export const ordersActions: Actions<OrdersContract> = {
  redeem,
  myOrders,
  getOrder,
  cancelOrder,
  myPickupVenues,
  lookupPickup,
  confirmPickup,
  pickupList,
  syncPickups,
  expireOrders,
  remindOrders,
  sweepStock,
}
