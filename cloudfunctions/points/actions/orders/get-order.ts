import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { getOrder as findOrder, toOrderView } from '../../../_core/mall'
import { userIdFor } from '../../../_core/profile'
import { AppError } from '../../../_core/runtime/app-error'

/** Another youth's order is answered as not found: its existence is not theirs to learn. */
export const getOrder: Action<OrdersContract, 'getOrder'> = async (input, ctx) => {
  const order = await findOrder(ctx.db, input.orderId)
  if (!order || order.userId !== userIdFor(ctx.secrets(), ctx.openid())) throw new AppError('ORDER.NOT_FOUND')
  return { order: await toOrderView(ctx, order) }
}
