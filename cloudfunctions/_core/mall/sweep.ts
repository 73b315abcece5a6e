import { COLLECTIONS } from '../runtime/collections'
import { findByIds, type Db } from '../runtime/db'
import { dropEntry, readPlaces, settle, ticketTime, type PlacesSpec } from '../runtime/places'
import type { OrderDoc } from './mall.rules'
import { QUOTA } from './quota'
import { STOCK } from './stock'

/**
 * Repairs what a crash between the steps of a redemption, a cancel, an expiry or a pickup left on
 * the stock and limit documents (see orders.ts): an order's entry older than the grace whose order
 * was never written is given back; one whose order ended is given back (cancelled, expired) or, on
 * the stock, settled (picked up). Each repair is conditional on the entry the sweep saw, so two
 * sweeps at once repair once. The grace is far longer than any call may run (the points function's
 * timeout is 20 s), so an entry of a redemption still in flight is never taken for a leftover.
 */
export const SWEEP_GRACE_MS = 5 * 60_000
/** Documents touched within this window are looked at: a day, so missed timer runs cost nothing. */
export const SWEEP_WINDOW_MS = 24 * 3600_000
const PAGE = 100

export interface SweepReport {
  released: number
  settled: number
}

async function sweepDoc(db: Db, spec: PlacesSpec, id: string, now: number, out: SweepReport): Promise<void> {
  const s = await readPlaces(db, spec, id)
  if (!s) return
  const old = Object.entries(s.holders).filter(([, t]) => ticketTime(t) <= now - SWEEP_GRACE_MS)
  if (!old.length) return
  const orders = await findByIds<OrderDoc>(db, COLLECTIONS.orders, old.map(([k]) => k), { status: true })
  for (const [orderId, ticket] of old) {
    const status = orders.get(orderId)?.status
    if (status === 'ready') continue
    // A picked-up order keeps its units: on the stock its entry is settled; on a limit it stays (it counts).
    if (status === 'picked_up') {
      if (spec === STOCK && (await settle(db, spec, id, orderId, now))) out.settled++
      continue
    }
    if (await dropEntry(db, spec, id, 'held', orderId, ticket, now, s.units[orderId] ?? 1)) out.released++
  }
}

async function sweepCollection(db: Db, spec: PlacesSpec, now: number, out: SweepReport): Promise<void> {
  const _ = db.command
  let after = ''
  for (;;) {
    const where: Record<string, unknown> = { [spec.touched]: _.gte(now - SWEEP_WINDOW_MS) }
    if (after) where._id = _.gt(after)
    const res = await db.collection(spec.collection).where(where).field({ _id: true }).orderBy('_id', 'asc').limit(PAGE).get()
    const ids = (res.data as { _id: string }[]).map((d) => d._id)
    for (const id of ids) await sweepDoc(db, spec, id, now, out)
    if (ids.length < PAGE) return
    after = ids[ids.length - 1]
  }
}

export async function sweepMall(db: Db, now: number): Promise<SweepReport> {
  const out: SweepReport = { released: 0, settled: 0 }
  await sweepCollection(db, STOCK, now, out)
  await sweepCollection(db, QUOTA, now, out)
  return out
}
