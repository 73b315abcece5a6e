import { ordersContract } from '../../../types/contract/orders'
import { clientFor } from './index'

/** Redemption orders and pickup (`types/contract/orders.ts`): the youth's orders and the clerk's counter. */
export const ordersApi = clientFor(ordersContract)
