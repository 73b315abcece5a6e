import Taro from '@tarojs/taro'
import type { OutputOf } from '../../../types/contract/common'
import type { OrdersContract } from '../../../types/contract/orders'
import { ID_PATTERN } from '../../../types/contract/common'
import { parseBook, parseQueue, type OrderBook, type QueuedPickup } from './pickup-queue'

/**
 * What the clerk's phone keeps between visits (WeChat's storage is per WeChat account and mini
 * program): the venue last chosen, the venues the clerk may serve (so the page opens offline), each
 * venue's downloaded book, and the one queue of offline confirmations.
 */

export type PickupVenue = OutputOf<OrdersContract, 'myPickupVenues'>['venues'][number]

const KEYS = {
  venue: 'tq.clerk.venue',
  venues: 'tq.clerk.venues',
  book: 'tq.clerk.book.',
  queue: 'tq.clerk.queue',
} as const

function read(key: string): unknown {
  try {
    return Taro.getStorageSync(key)
  } catch {
    return undefined
  }
}

/** False when storage refused (full or unavailable): the caller says what that costs. */
function write(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, value)
    return true
  } catch (e) {
    console.warn('[clerk] storage write failed', key, e)
    return false
  }
}

function remove(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    write(key, '')
  }
}

export function storedVenueId(): string | null {
  const v = read(KEYS.venue)
  return typeof v === 'string' && ID_PATTERN.test(v) ? v : null
}

export function rememberVenueId(id: string): void {
  write(KEYS.venue, id)
}

export function storedVenues(): PickupVenue[] {
  const v = read(KEYS.venues)
  if (!Array.isArray(v)) return []
  return (v as Partial<PickupVenue>[]).filter(
    (x): x is PickupVenue => !!x && typeof x.id === 'string' && ID_PATTERN.test(x.id) && typeof x.name === 'string',
  ).map((x) => ({ id: x.id, name: x.name, address: String(x.address ?? ''), hours: String(x.hours ?? ''), orgName: String(x.orgName ?? '') }))
}

export function rememberVenues(venues: PickupVenue[]): void {
  write(KEYS.venues, venues)
}

export function storedBook(venueId: string): OrderBook | null {
  const b = parseBook(read(KEYS.book + venueId))
  return b && b.venueId === venueId ? b : null
}

export function rememberBook(book: OrderBook): boolean {
  return write(KEYS.book + book.venueId, book)
}

export function storedQueue(): QueuedPickup[] {
  return parseQueue(read(KEYS.queue))
}

export function rememberQueue(queue: QueuedPickup[]): boolean {
  if (queue.length) return write(KEYS.queue, queue)
  remove(KEYS.queue)
  return true
}

/** The storage keys, for tests that look at what the phone kept. */
export const CLERK_KEYS = KEYS
