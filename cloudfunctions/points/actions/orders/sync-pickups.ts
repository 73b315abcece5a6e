import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import type { ItemResultT } from '../../../../types/contract/common'
import type { VenueDoc } from '../../../_core/venue'
import { failureBody } from '../../../_core/runtime/failure'
import { pickupVenue } from './buyer'
import { confirmOne, handoverEntry } from './handover'

/**
 * Handovers a clerk confirmed offline, uploaded later with their times. Each stands alone: one the
 * order no longer allows (cancelled, expired, picked up elsewhere meanwhile) is refused in its own
 * result and the rest still apply; one sent again after a lost reply is answered ok without a
 * second pickup. The upload has one audit entry, grown inside each applied handover's transaction.
 */
export const syncPickups: Action<OrdersContract, 'syncPickups'> = async (input, ctx) => {
  const venues = new Map<string, VenueDoc>()
  const results: ItemResultT[] = new Array(input.items.length)
  const applied: ItemResultT[] = []
  let clerk = ctx.openid()
  let last: VenueDoc | null = null
  const entry = (rs: ItemResultT[]) =>
    handoverEntry(last!, { uploaded: input.items.length, applied: rs.length, items: rs.map((r) => r.id) }, { type: 'pickup_upload', id: last!._id })
  // In the order they were handed over, so the first of two confirmations of one order wins.
  const order = input.items.map((_item, i) => i).sort((i, j) => input.items[i].at - input.items[j].at)
  for (const i of order) {
    const item = input.items[i]
    try {
      let venue = venues.get(item.venueId)
      if (!venue) {
        const found = await pickupVenue(ctx, item.venueId)
        venue = found.venue
        clerk = found.clerk
        venues.set(venue._id, venue)
      }
      const v = venue
      const res = await confirmOne(ctx, v, clerk, { ...item, offline: true }, async (tx) => {
        last = v
        await ctx.audit.rewrite(tx, entry([...applied, { id: item.orderId, ok: true, code: null, message: null }]))
      })
      const ok = { id: item.orderId, ok: true, code: null, message: null }
      if (!res.replay) applied.push(ok)
      results[i] = ok
    } catch (e) {
      const body = failureBody(e, ctx.log, 'pickup_sync_failed', { orderId: item.orderId })
      results[i] = { id: item.orderId, ok: false, code: body.code, message: body.message }
    }
  }
  // Nothing applied (all refused or all sent before): nothing changed, so nothing goes on record.
  if (!applied.length) ctx.audit.replay()
  return { results }
}
