import { maskName } from '../hours/hours.rules'
import { urlsFor } from '../platform/storage'
import { getProfiles } from '../profile/profile.repo'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { transaction, txGet, type Db, type Tx } from '../runtime/db'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import { refundTry, takeTry } from '../runtime/tries'
import type { VenueDoc } from '../venue'
import { urlOf, type ViewDeps } from './goods.views'
import type { OrderDoc } from './mall.rules'
import { settleStock } from './stock'

/**
 * Pickup (核销) at a venue: a clerk types or scans the 8-digit code, sees what to hand over and a
 * photo-free check of who (masked name, last 4 digits of the phone), and confirms once. Wrong codes
 * are limited per clerk per hour, counted atomically; past the limit even the right code waits, so
 * guessing stops paying (docs/domain.md, "Typed codes").
 */

const ORDERS = COLLECTIONS.orders

export const MAX_PICKUP_MISSES = 10

function missId(clerk: string, now: number): string {
  return `pm_${clerk}_${Math.floor(now / 3600_000)}`
}

/**
 * Takes one of the clerk's tries this hour before a code is compared (runtime/tries.ts: one
 * conditional increment, so a burst of wrong codes cannot all pass a count read before any was
 * counted); past the limit even the right code is refused. Returns the counter to give back with
 * refundPickupTry when the code turns out right.
 */
export async function takePickupTry(db: Db, clerk: string, now: number): Promise<string> {
  const id = missId(clerk, now)
  await takeTry(db, id, MAX_PICKUP_MISSES, now, () => new AppError('ORDER.TOO_MANY_TRIES'))
  return id
}

/** A right code gives its try back. */
export const refundPickupTry: (db: Db, missId: string) => Promise<void> = refundTry

/** The order a code names: the one waiting for pickup, else the latest that held it. */
export async function orderByCode(db: Db, code: string): Promise<OrderDoc | null> {
  const res = await db.collection(ORDERS).where({ pickupCode: code }).orderBy('createdAt', 'desc').limit(20).get()
  const found = res.data as OrderDoc[]
  return found.find((o) => o.status === 'ready') ?? found[0] ?? null
}

const hhmm = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16)

/**
 * Why this order cannot be handed over at this venue at `at`, or null. Another county's order is
 * told apart from a wrong venue inside the county, so the clerk knows what to say.
 */
export function pickupRefusal(o: OrderDoc, venue: Pick<VenueDoc, '_id' | 'underOrgs'>, at: number): AppError | null {
  if (o.underOrgs[0] !== venue.underOrgs[0]) return new AppError('ORDER.OTHER_COUNTY')
  if (o.status === 'picked_up') return new AppError('ORDER.PICKED_UP', `这笔订单已于${hhmm(o.pickedUpAt ?? at)}领取过了，不能重复领取。`)
  if (o.status === 'cancelled') return new AppError('ORDER.CANCELLED')
  if (o.status === 'expired' || at >= o.expiresAt) return new AppError('ORDER.EXPIRED')
  if (!o.venueIds.includes(venue._id)) return new AppError('ORDER.WRONG_VENUE')
  return null
}

export interface Handover {
  clerk: string
  venueId: string
  /** When it was handed over: now, or the time an offline confirmation was made. */
  at: number
  /**
   * An offline confirmation: one the same clerk already made at the same venue (an upload sent again
   * after a lost reply, or a confirmation at the counter whose answer was lost and that the phone
   * queued) is answered with the order. A confirmation at the counter is never repeated: a second is refused.
   */
  offline: boolean
}

/**
 * Marks the order picked up, once: the status flips in a transaction on the order alone, then the
 * stock's entry for it is settled (its units stay taken). `onRecord` writes the audit entry inside
 * that transaction, so no handover lands off the record.
 */
export async function handOver(
  db: Db,
  orderId: string,
  venue: VenueDoc,
  h: Handover,
  now: number,
  onRecord: (tx: Tx, o: OrderDoc) => Promise<void>,
): Promise<{ order: OrderDoc; replay: boolean }> {
  const res = await transaction(db, async (tx) => {
    const o = await txGet<OrderDoc>(tx, ORDERS, orderId)
    if (!o) throw new AppError('ORDER.NOT_FOUND')
    if (h.offline && o.status === 'picked_up' && o.pickedUpBy === h.clerk && o.pickedUpVenue === h.venueId) return { order: o, replay: true }
    const refusal = pickupRefusal(o, venue, h.at)
    if (refusal) throw refusal
    if (h.at < o.createdAt || h.at > now) throw new AppError('GENERIC.BAD_INPUT', '领取时间不在订单的有效期内，请核对手机时间。')
    const change = { status: 'picked_up' as const, pickedUpAt: h.at, pickedUpBy: h.clerk, pickedUpVenue: h.venueId, syncedAt: now }
    await tx.collection(ORDERS).doc(o._id).update({ data: change })
    await onRecord(tx, o)
    return { order: { ...o, ...change }, replay: false }
  })
  await settleStock(db, res.order.goodsId, res.order._id, now)
  return res
}

/**
 * The counter's view of orders: the holder's masked name and the last 4 digits of their phone, and
 * the goods' picture as a temporary URL (the profiles and the one storage call of the page at once).
 */
export async function toPickupViews(deps: ViewDeps, orders: OrderDoc[]) {
  const [profiles, urls] = await Promise.all([getProfiles(deps.db, orders.map((o) => o.userId)), urlsFor(deps.platform.storage, orders.map((o) => o.image))])
  return orders.map((o) => {
    const p = profiles.get(o.userId)
    return {
      orderId: o._id,
      pickupCode: o.pickupCode,
      goodsName: o.goodsName,
      image: urlOf(urls, o.image),
      quantity: o.quantity,
      status: o.status,
      expiresAt: o.expiresAt,
      holderName: p ? maskName(p.realName) : '*',
      phoneLast4: p ? p.phoneMasked.slice(-4) : '',
      venueIds: o.venueIds,
      pickedUpAt: o.pickedUpAt,
    }
  })
}

/** A venue's orders waiting for pickup, newest first, by the (venueIds, status, createdAt) index. */
export function readyAtVenue(db: Db, venueId: string, page: PageRequest): Promise<PageResult<OrderDoc>> {
  const source = collectionSource<OrderDoc>(db, { tag: 'o', collection: ORDERS, where: { venueIds: venueId, status: 'ready' }, field: 'createdAt', dir: 'desc', at: (o) => o.createdAt })
  return keysetPage([source], 'desc', page)
}
