import { COLLECTIONS } from '../runtime/collections'
import { findByIds, isDuplicate, type Db } from '../runtime/db'
import { join, leave, type PlacesSpec } from '../runtime/places'
import { periodKey, type GoodsDoc } from './mall.rules'

/**
 * Per-person limits: for each limit a goods item sets (in total; per week or month), one document
 * per (goods, youth[, period]) whose capacity is the limit and whose holders are the youth's orders
 * — the same conditional-update piece as the stock (runtime/places.ts). Fifty redemptions one youth
 * sends at once against a limit of 2 give exactly 2 orders and 48 true answers (超过限兑数量).
 * A cancelled or expired order gives its units back; a picked-up one keeps them.
 */
export const QUOTA: PlacesSpec = {
  collection: COLLECTIONS.goodsQuotas,
  capacity: 'limit',
  count: 'held',
  queued: 'queued',
  holders: 'orders',
  queue: 'queue',
  touched: 'touched',
  units: 'units',
}

export interface QuotaRef {
  id: string
  limit: number
}

/** The limit documents an order at `now` counts against. */
export function quotasFor(g: Pick<GoodsDoc, '_id' | 'limitTotal' | 'limitPeriod'>, userId: string, now: number): QuotaRef[] {
  const out: QuotaRef[] = []
  if (g.limitTotal !== null) out.push({ id: `q_${g._id}_${userId}`, limit: g.limitTotal })
  if (g.limitPeriod) out.push({ id: `q_${g._id}_${userId}_${periodKey(g.limitPeriod.period, now)}`, limit: g.limitPeriod.count })
  return out
}

interface QuotaDoc {
  _id: string
  limit: number
  held: number
}

async function readQuotas(db: Db, refs: QuotaRef[]): Promise<Map<string, QuotaDoc>> {
  return findByIds<QuotaDoc>(db, QUOTA.collection, refs.map((r) => r.id), { limit: true, held: true })
}

/** How many more units the youth may redeem now under every limit; null when the goods sets none. */
export async function remainingFor(db: Db, g: Pick<GoodsDoc, '_id' | 'limitTotal' | 'limitPeriod'>, userId: string, now: number): Promise<number | null> {
  const refs = quotasFor(g, userId, now)
  if (!refs.length) return null
  const docs = await readQuotas(db, refs)
  return Math.max(0, Math.min(...refs.map((r) => r.limit - (docs.get(r.id)?.held ?? 0))))
}

/**
 * Makes each limit document exist and carry the goods' current limit (a cadre may have changed it:
 * the new limit counts from now on, against what is already held).
 */
async function ensure(db: Db, refs: QuotaRef[], now: number): Promise<void> {
  const docs = await readQuotas(db, refs)
  for (const r of refs) {
    const d = docs.get(r.id)
    if (d && d.limit === r.limit) continue
    if (d) {
      await db.collection(QUOTA.collection).where({ _id: r.id }).update({ data: { limit: r.limit, touched: now } })
      continue
    }
    try {
      await db.collection(QUOTA.collection).add({ data: { _id: r.id, limit: r.limit, held: 0, queued: 0, orders: {}, queue: {}, units: {}, touched: now } })
    } catch (e) {
      if (!isDuplicate(e)) throw e // made by this youth's other request at the same moment
    }
  }
}

/**
 * Holds `units` for the order under every limit, or none: a limit that is full gives back what the
 * earlier ones took. Answers false when a limit is reached.
 */
export async function holdQuotas(db: Db, refs: QuotaRef[], orderId: string, units: number, ticket: number, now: number): Promise<boolean> {
  if (!refs.length) return true
  await ensure(db, refs, now)
  const held: QuotaRef[] = []
  for (const r of refs) {
    const res = await join(db, QUOTA, r.id, orderId, ticket, { capacity: r.limit, open: {}, queue: false, units })
    if (res.outcome === 'held' || res.outcome === 'present') {
      held.push(r)
      continue
    }
    await releaseQuotas(db, held.map((h) => h.id), orderId, units, now)
    return false
  }
  return true
}

/** Gives an order's units back under each limit it holds (exactly once per limit: the entry goes with them). */
export async function releaseQuotas(db: Db, ids: string[], orderId: string, units: number, now: number): Promise<void> {
  for (const id of ids) await leave(db, QUOTA, id, orderId, now, 'held', units)
}
