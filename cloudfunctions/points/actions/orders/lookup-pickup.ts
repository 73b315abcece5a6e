import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { orderByCode, pickupRefusal, refundPickupTry, takePickupTry, toPickupViews } from '../../../_core/mall'
import { AppError } from '../../../_core/runtime/app-error'
import { pickupVenue } from './buyer'

/**
 * The clerk types or scans a code. A code that names no order counts against the clerk's hourly
 * limit of wrong codes; a real order that cannot be handed over here is refused with the reason.
 */
export const lookupPickup: Action<OrdersContract, 'lookupPickup'> = async (input, ctx) => {
  const { venue, clerk } = await pickupVenue(ctx, input.venueId)
  const now = ctx.clock.now()
  const tried = await takePickupTry(ctx.db, clerk, now)
  const order = await orderByCode(ctx.db, input.pickupCode)
  if (!order) throw new AppError('ORDER.CODE_WRONG')
  await refundPickupTry(ctx.db, tried)
  const refusal = pickupRefusal(order, venue, now)
  if (refusal) throw refusal
  return { pickup: (await toPickupViews(ctx, [order]))[0] }
}
