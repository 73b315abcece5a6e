import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { toPickupViews } from '../../../_core/mall'
import { pickupVenue } from './buyer'
import { confirmOne, handoverEntry } from './handover'

/** The clerk hands the goods over: once, at a venue the order lists, before its deadline. */
export const confirmPickup: Action<OrdersContract, 'confirmPickup'> = async (input, ctx) => {
  const { venue, clerk } = await pickupVenue(ctx, input.venueId)
  const res = await confirmOne(ctx, venue, clerk, { ...input, at: ctx.clock.now(), offline: false }, (tx, o) =>
    ctx.audit.write(tx, handoverEntry(venue, { goodsId: o.goodsId, quantity: o.quantity }, { type: 'order', id: o._id })),
  )
  return { pickup: (await toPickupViews(ctx, [res.order]))[0] }
}
