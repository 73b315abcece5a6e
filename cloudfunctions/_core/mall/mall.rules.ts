import type { GoodsCategory, GoodsStatus, LimitPeriod, OrderStatus } from '../../../types/enums'

/**
 * The mall (益币兑福利): donors give goods, youth redeem them for 益币, a clerk verifies the pickup at a
 * listed venue (docs/domain.md, "Redemption"; invariants 1–4). Pure data shapes and rules: no SDK, no clock.
 */

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
  requestHash?: string
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
  requestHash?: string
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
  remindedAt: number | null
}
