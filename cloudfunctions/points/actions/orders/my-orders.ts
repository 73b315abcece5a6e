import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { ordersOf, toOrderViews } from '../../../_core/mall'
import { userIdFor } from '../../../_core/profile'

/** The caller's own orders only: the user id comes from the platform's identity, never the payload. */
export const myOrders: Action<OrdersContract, 'myOrders'> = async (input, ctx) => {
  const page = await ordersOf(ctx.db, userIdFor(ctx.secrets(), ctx.openid()), input.status, input)
  return { items: await toOrderViews(ctx, page.items), nextCursor: page.nextCursor }
}
