import type { ActionContext } from '../../../_core/runtime/context'
import { getOrder, handOver, refundPickupTry, takePickupTry, type OrderDoc } from '../../../_core/mall'
import { AppError } from '../../../_core/runtime/app-error'
import type { Tx } from '../../../_core/runtime/db'
import type { VenueDoc } from '../../../_core/venue'

/**
 * One handover, online or from the offline queue: the code must be the order's (a wrong one counts
 * against the clerk's limit), then the order flips once (_core/mall/pickup.ts).
 */
export async function confirmOne(
  ctx: ActionContext,
  venue: VenueDoc,
  clerk: string,
  item: { orderId: string; pickupCode: string; at: number; offline: boolean },
  onRecord: (tx: Tx, o: OrderDoc) => Promise<void>,
): Promise<{ order: OrderDoc; replay: boolean }> {
  const now = ctx.clock.now()
  const tried = await takePickupTry(ctx.db, clerk, now)
  const order = await getOrder(ctx.db, item.orderId)
  if (!order || order.pickupCode !== item.pickupCode) throw new AppError(order ? 'ORDER.CODE_MISMATCH' : 'ORDER.NOT_FOUND')
  await refundPickupTry(ctx.db, tried)
  return handOver(ctx.db, order._id, venue, { clerk, venueId: venue._id, at: item.at, offline: item.offline }, now, onRecord)
}

export function handoverEntry(venue: VenueDoc, detail: Record<string, unknown>, target: { type: string; id: string }) {
  return { target, orgId: venue.orgId, orgPath: venue.underOrgs.slice(0, -1), detail: { venueId: venue._id, ...detail } }
}
