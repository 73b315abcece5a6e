import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { closeOrder, toOrderView } from '../../../_core/mall'
import { userIdFor } from '../../../_core/profile'
import { AppError } from '../../../_core/runtime/app-error'

/**
 * Cancel before pickup: the refund and the status once, then stock and limits back. Asked again
 * (a lost reply), it answers the cancelled order; a picked-up or expired order says so.
 */
export const cancelOrder: Action<OrdersContract, 'cancelOrder'> = async (input, ctx) => {
  const { order } = await closeOrder(ctx.db, input.orderId, 'cancelled', ctx.clock.now(), userIdFor(ctx.secrets(), ctx.openid()))
  if (order.status === 'picked_up') throw new AppError('ORDER.PICKED_UP', '这笔订单已经领取，不能取消。')
  if (order.status === 'expired') throw new AppError('ORDER.EXPIRED')
  return { order: await toOrderView(ctx, order) }
}
