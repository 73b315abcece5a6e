import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { readyAtVenue, toPickupViews } from '../../../_core/mall'
import { pickupVenue } from './buyer'

/** What a clerk's phone keeps for the day, so a code can be looked up without a network. */
export const pickupList: Action<OrdersContract, 'pickupList'> = async (input, ctx) => {
  const { venue } = await pickupVenue(ctx, input.venueId)
  const page = await readyAtVenue(ctx.db, venue._id, input)
  return { items: await toPickupViews(ctx, page.items), nextCursor: page.nextCursor }
}
