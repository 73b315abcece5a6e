/**
 * The clerk's offline pickup book and queue (docs/mall.md, "The clerk's pickup page"), modelled on the
 * organizer's scan queue (src/utils/scan-queue.ts). Pure: no Taro, no clock, no storage — the pickup
 * page keeps both in device storage (./pickup-store.ts) and passes times in.
 *
 * - The book: a venue's orders waiting for pickup, downloaded while online (pickupList, every page),
 *   so a code can be looked up with no network.
 * - The queue: pickups confirmed while offline, each with the time it was confirmed (`at`). One entry
 *   per order, so a code confirmed offline is never confirmed twice. The same entry is re-sent with the
 *   same `at` after a lost answer, which the server answers as the first time (cloudfunctions/_core/mall/pickup.ts).
 * - An answer per order: accepted and refused orders leave the queue (the refusal's sentence is shown
 *   once, e.g. the youth cancelled meanwhile); a passing fault (network, busy) keeps the order queued.
 */

import type { ItemResultT } from '../../../types/contract/common'
import type { PickupItemT, PickupViewT } from '../../../types/contract/orders'
import { ERRORS } from '../../../types/errors'

/** What the book keeps of an order: what the counter shows, nothing more (the phone's storage is small). */
export interface LocalOrder {
  orderId: string
  pickupCode: string
  goodsName: string
  image: string | null
  quantity: number
  expiresAt: number
  holderName: string
  phoneLast4: string
}

export interface OrderBook {
  venueId: string
  /** When the download finished (the phone's clock), shown as 「下载于 HH:mm」. */
  savedAt: number
  orders: LocalOrder[]
}

export interface QueuedPickup {
  orderId: string
  pickupCode: string
  venueId: string
  /** When the clerk confirmed it; sent as is, every time. */
  at: number
  goodsName: string
  quantity: number
  holderName: string
  /** The last passing fault the server answered for it (it stays queued and is sent again). */
  retry?: string
}

/** One line of the page's upload results. */
export interface PickupOutcome {
  orderId: string
  goodsName: string
  quantity: number
  holderName: string
  at: number
  ok: boolean
  message: string
}

/** The most the contract takes in one syncPickups call. */
export const SYNC_BATCH = 100

/** The 8 digits printed under the youth's QR (and what the QR holds), typed as shown ("1234 5678") or scanned. */
export function pickupCodeFrom(text: string): string | null {
  const digits = String(text ?? '').replace(/[\s-]/g, '')
  return /^\d{8}$/.test(digits) ? digits : null
}

/** `12345678` → `1234 5678`, the way the youth's order page prints it. */
export function spaced(code: string): string {
  return code.length > 4 ? `${code.slice(0, 4)} ${code.slice(4)}` : code
}

export function localOrderOf(v: PickupViewT): LocalOrder {
  return {
    orderId: v.orderId,
    pickupCode: v.pickupCode,
    goodsName: v.goodsName,
    image: v.image,
    quantity: v.quantity,
    expiresAt: v.expiresAt,
    holderName: v.holderName,
    phoneLast4: v.phoneLast4,
  }
}

/** Sentences for what the phone can tell by itself; the server's own where there is one. */
export const QUEUED_TEXT = '这笔订单已在本机确认领取，等待上传，不能重复确认。'
export const NOT_IN_BOOK_TEXT = '本机没有这笔待领取的订单：可能兑换码输错了，也可能是下载之后才兑换的。请核对兑换码，或联网后再查。'
export const NO_BOOK_TEXT = '没有网络，本机也还没有下载这个兑换点的订单，暂时不能核销。请到有网络的地方打开本页下载一次。'

export type LocalLookup =
  | { kind: 'found'; order: LocalOrder }
  | { kind: 'queued'; item: QueuedPickup }
  | { kind: 'refused'; code: 'ORDER.EXPIRED'; message: string }
  | { kind: 'unknown'; message: string }

/** The queued confirmation for a code at this venue, if any: checked before every lookup, online or not. */
export function queuedFor(queue: readonly QueuedPickup[], code: string): QueuedPickup | null {
  return queue.find((q) => q.pickupCode === code) ?? null
}

/**
 * A code looked up with no network: a queued confirmation first (never twice), then the book of this
 * venue; an order whose deadline passed is refused as the server would.
 */
export function lookupLocal(book: OrderBook | null, queue: readonly QueuedPickup[], venueId: string, code: string, now: number): LocalLookup {
  const queued = queuedFor(queue, code)
  if (queued) return { kind: 'queued', item: queued }
  if (!book || book.venueId !== venueId) return { kind: 'unknown', message: NO_BOOK_TEXT }
  const order = book.orders.find((o) => o.pickupCode === code)
  if (!order) return { kind: 'unknown', message: NOT_IN_BOOK_TEXT }
  if (now >= order.expiresAt) return { kind: 'refused', code: 'ORDER.EXPIRED', message: ERRORS['ORDER.EXPIRED'] }
  return { kind: 'found', order }
}

export function makePickup(order: Pick<LocalOrder, 'orderId' | 'pickupCode' | 'goodsName' | 'quantity' | 'holderName'>, venueId: string, at: number): QueuedPickup {
  return { orderId: order.orderId, pickupCode: order.pickupCode, venueId, at, goodsName: order.goodsName, quantity: order.quantity, holderName: order.holderName }
}

/** Adds a confirmation; an order already queued keeps its first one (`added: false`). */
export function enqueue(queue: readonly QueuedPickup[], item: QueuedPickup): { queue: QueuedPickup[]; added: boolean } {
  if (queue.some((q) => q.orderId === item.orderId || q.pickupCode === item.pickupCode)) return { queue: [...queue], added: false }
  return { queue: [...queue, item], added: true }
}

/** The next batch to send, oldest first. */
export function toSend(queue: readonly QueuedPickup[], except: ReadonlySet<string> = new Set()): QueuedPickup[] {
  return queue.filter((q) => !except.has(q.orderId)).slice(0, SYNC_BATCH)
}

/** The payload's items (the server takes exactly these fields). */
export function payloadOf(items: readonly QueuedPickup[]): PickupItemT[] {
  return items.map(({ orderId, pickupCode, venueId, at }) => ({ orderId, pickupCode, venueId, at }))
}

/** Answers that say nothing about the order: it stays queued and goes again with the next upload. */
const PASSING = new Set(['GENERIC.NETWORK', 'GENERIC.CONFLICT', 'GENERIC.INTERNAL'])

/**
 * The server's answers (by order id) applied to the queue as it is now: accepted and refused orders
 * leave it with an outcome each; passing faults stay marked; orders the answer did not mention stay as they were.
 */
export function applyResults(queue: readonly QueuedPickup[], results: readonly ItemResultT[]): { queue: QueuedPickup[]; outcomes: PickupOutcome[] } {
  const byId = new Map(results.map((r) => [r.id, r]))
  const next: QueuedPickup[] = []
  const outcomes: PickupOutcome[] = []
  for (const q of queue) {
    const r = byId.get(q.orderId)
    if (!r) {
      next.push(q)
      continue
    }
    if (!r.ok && r.code && PASSING.has(r.code)) {
      next.push({ ...q, retry: r.message || ERRORS['GENERIC.INTERNAL'] })
      continue
    }
    const message = r.ok ? '领取成功' : r.message || '未能核销'
    outcomes.push({ orderId: q.orderId, goodsName: q.goodsName, quantity: q.quantity, holderName: q.holderName, at: q.at, ok: r.ok, message })
  }
  return { queue: next, outcomes }
}

/** The book without orders that are no longer waiting (handed over, or answered by an upload). */
export function withoutOrders(book: OrderBook | null, orderIds: Iterable<string>): OrderBook | null {
  if (!book) return null
  const gone = new Set(orderIds)
  return { ...book, orders: book.orders.filter((o) => !gone.has(o.orderId)) }
}

const isStr = (x: unknown): x is string => typeof x === 'string'
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

/** Whatever storage held, as a queue (a damaged entry is dropped rather than sent). */
export function parseQueue(stored: unknown): QueuedPickup[] {
  if (!Array.isArray(stored)) return []
  const out: QueuedPickup[] = []
  for (const x of stored as Partial<QueuedPickup>[]) {
    if (!x || !isStr(x.orderId) || !isStr(x.pickupCode) || !pickupCodeFrom(x.pickupCode) || !isStr(x.venueId) || !isNum(x.at)) continue
    if (out.some((q) => q.orderId === x.orderId)) continue
    const item: QueuedPickup = {
      orderId: x.orderId,
      pickupCode: x.pickupCode,
      venueId: x.venueId,
      at: x.at,
      goodsName: isStr(x.goodsName) ? x.goodsName : '',
      quantity: isNum(x.quantity) ? x.quantity : 0,
      holderName: isStr(x.holderName) ? x.holderName : '',
    }
    if (isStr(x.retry)) item.retry = x.retry
    out.push(item)
  }
  return out
}

/** Whatever storage held, as a book, or null. */
export function parseBook(stored: unknown): OrderBook | null {
  const b = stored as Partial<OrderBook> | null
  if (!b || typeof b !== 'object' || !isStr(b.venueId) || !isNum(b.savedAt) || !Array.isArray(b.orders)) return null
  const orders: LocalOrder[] = []
  for (const o of b.orders as Partial<LocalOrder>[]) {
    if (!o || !isStr(o.orderId) || !isStr(o.pickupCode) || !isStr(o.goodsName) || !isNum(o.quantity) || !isNum(o.expiresAt)) continue
    orders.push({
      orderId: o.orderId,
      pickupCode: o.pickupCode,
      goodsName: o.goodsName,
      image: isStr(o.image) ? o.image : null,
      quantity: o.quantity,
      expiresAt: o.expiresAt,
      holderName: isStr(o.holderName) ? o.holderName : '*',
      phoneLast4: isStr(o.phoneLast4) ? o.phoneLast4 : '',
    })
  }
  return { venueId: b.venueId, savedAt: b.savedAt, orders }
}
