import type { GoodsCategory, GoodsStatus, LimitPeriod, OrderStatus } from '../../../types/enums'
import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDate, startOfShanghaiDay } from '../../../types/day'

/**
 * The mall (益币兑福利): donors give goods, youth redeem them for 益币, a clerk verifies the pickup at a
 * listed venue (docs/domain.md, "Redemption"; invariants 1–4). Pure data shapes and rules: no SDK, no clock.
 */

/** WeChat's verdict on a picture others will see: shown to them only once it is `pass`. */
export type ImageCheckState = 'pending' | 'pass' | 'risky'

/** A caring company (爱心企业). The contact person and phone stay private to cadres, masked. */
export interface DonorDoc {
  _id: string
  orgId: string
  underOrgs: string[]
  name: string
  logo: string | null
  /** A short thank-you story, shown on the donor board (content-checked). */
  story: string
  contactName: string
  contactPhoneEnc: string
  contactPhoneMasked: string
  /** The logo's image check (absent on records written directly, such as the seed's: taken as passed). */
  logoCheck?: ImageCheckState | null
  /** The trace id of a logo check still pending (the verdict is pushed, docs/domain.md "Content"). */
  logoTrace?: string | null
  requestHash?: string
  /** The last edit's request, so its retry is answered and not applied twice (goods.rules.ts `editReplay`). */
  editKey?: string
  editHash?: string
  createdBy: string
  createdAt: number
  updatedAt: number
}

export interface PeriodLimit {
  period: LimitPeriod
  count: number
}

/** A goods item. Its stock lives on its own document (`StockDoc`), so edits never meet buyers. */
export interface GoodsDoc {
  _id: string
  orgId: string
  underOrgs: string[]
  donorId: string
  name: string
  category: GoodsCategory
  images: string[]
  description: string
  /** 益币 per unit. */
  price: number
  /** The yuan value of one unit, in fen, for recognition. */
  unitValue: number
  /** Units one person may hold in live or picked-up orders, in total; null: no limit. */
  limitTotal: number | null
  limitPeriod: PeriodLimit | null
  venueIds: string[]
  availableFrom: number | null
  availableUntil: number | null
  /** Days an order may wait for pickup (to the end of the last day, +08:00). */
  pickupDays: number
  status: GoodsStatus
  /** Each image's check, beside `images` (absent on records written directly, such as the seed's: taken as passed). */
  imageChecks?: ImageCheckState[]
  /** The trace id of each image's check while it is pending, else null (looked up by the `imageTraces` index). */
  imageTraces?: (string | null)[]
  requestHash?: string
  editKey?: string
  editHash?: string
  createdBy: string
  createdAt: number
  updatedAt: number
}

/**
 * The stock of one goods item (same `_id` as the goods), changed only by conditional single-document
 * updates through runtime/places.ts: `supplied` is the capacity (initial + restocks), `taken` the units
 * held by live and picked-up orders; `holds` names the orders not yet settled (order id → ticket) and
 * `units` how many each holds. Left = supplied − taken (invariant 4).
 */
export interface StockDoc {
  _id: string
  supplied: number
  taken: number
  queued: 0
  holds: Record<string, number>
  queue: Record<string, never>
  units: Record<string, number>
  /** Mirrors `status === 'on_sale'`: a buyer takes stock only while it is true. */
  onSale: boolean
  touched: number
  /**
   * The stock right after each restock, by restock id, written by the same conditional update that
   * moves `supplied`: a restock whose caller died after the move is recognised as applied (and
   * never applied twice) by whoever finishes it. Absent on stock that was never restocked.
   */
  restocks?: Record<string, { supplied: number; taken: number }>
}

export interface OrderDoc {
  _id: string
  requestHash: string
  userId: string
  openid: string
  goodsId: string
  goodsName: string
  image: string | null
  donorId: string
  orgId: string
  underOrgs: string[]
  venueIds: string[]
  quantity: number
  price: number
  cost: number
  unitValue: number
  status: OrderStatus
  pickupCode: string
  expiresAt: number
  /** The per-person limit documents this order holds units on (released when it is cancelled or expires). */
  quotas: string[]
  debitId: string
  refundId: string | null
  createdAt: number
  pickedUpAt: number | null
  pickedUpBy: string | null
  pickedUpVenue: string | null
  closedAt: number | null
  /** The youth accepted the order's subscription messages. */
  subscribed: boolean
  remindedAt: number | null
}

/** The calendar period (+08:00) an instant falls in, as a key: `w2026-11-30` (its Monday) or `m2026-12`. */
export function periodKey(period: LimitPeriod, ms: number): string {
  const day = startOfShanghaiDay(ms)
  if (period === 'month') return `m${shanghaiDate(day).slice(0, 7)}`
  const weekday = (new Date(day + SHANGHAI_OFFSET_MS).getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
  return `w${shanghaiDate(day - weekday * DAY_MS)}`
}

/** The end (exclusive, +08:00) of the last pickup day: a 7-day order redeemed on the 1st is good through the 7th. */
export function pickupDeadline(createdAt: number, pickupDays: number): number {
  return startOfShanghaiDay(createdAt) + pickupDays * DAY_MS
}

/** Why a goods item cannot be redeemed at `now` (before any stock is touched), or null. */
export function availabilityRefusal(g: Pick<GoodsDoc, 'status' | 'availableFrom' | 'availableUntil'>, now: number): 'GOODS.NOT_ON_SALE' | 'GOODS.NOT_YET' | 'GOODS.ENDED' | null {
  if (g.status !== 'on_sale') return 'GOODS.NOT_ON_SALE'
  if (g.availableFrom !== null && now < g.availableFrom) return 'GOODS.NOT_YET'
  if (g.availableUntil !== null && now >= g.availableUntil) return 'GOODS.ENDED'
  return null
}

/** The 8 digits of a pickup code, from random bytes (uniform enough: 2^32 mod 10^8 bias is below 3 %). */
export function pickupCodeFrom(bytes: Uint8Array): string {
  const n = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0
  return String(n % 100_000_000).padStart(8, '0')
}

/** The ledger entry of an order's debit, and of its refund: one each per order, by construction. */
export function debitIdFor(orderId: string): string {
  return `le_db_${orderId}`
}
export function refundIdFor(orderId: string): string {
  return `le_rf_${orderId}`
}

