import { randomBytes } from 'node:crypto'
import { postEntries, type EntryDraft } from '../ledger'
import { enqueue } from '../outbox'
import { AppError, isAppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, transaction, txGet, type Db, type Tx } from '../runtime/db'
import { asReplay, requestDocId, requestHash } from '../runtime/idempotency'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import { newTicket } from '../runtime/places'
import { urlsFor } from '../platform/storage'
import { getVenues } from '../venue'
import { shownImages } from './goods.rules'
import { urlOf, type ViewDeps } from './goods.views'
import { availabilityRefusal, debitIdFor, pickupCodeFrom, pickupDeadline, refundIdFor, type GoodsDoc, type OrderDoc } from './mall.rules'
import { readyMessage } from './orders.notices'
import { holdQuotas, quotasFor, releaseQuotas } from './quota'
import { readStocks, returnStock, takeStock, type StockFigures } from './stock'

/**
 * Redemption without a transaction on anything many people write (docs/architecture.md, "The mall:
 * redemption"). Three steps, each exactly once for an order id derived from (youth, request key):
 *
 * 1. the per-person limits: the order's units held on the youth's limit documents (conditional updates);
 * 2. the stock: its units held on the goods' stock document (one conditional update) — the hot step,
 *    where a thousand buyers meet and each gets the real answer;
 * 3. one transaction on the youth's own documents only: the debit entry, the account, the order and
 *    its message. Only this youth's requests can meet here.
 *
 * A step that refuses gives back what the steps before it took, so every answer is the truth
 * (兑换成功, 已兑完, 超过限兑数量, 益币不足) and nothing is left half-done. A crash between steps
 * leaves holds without an order; the sweep (sweepStock) gives those back after a grace longer than
 * any call can run. A retry with the same key finds its holds in place and its order, if written.
 */

const ORDERS = COLLECTIONS.orders
/** Transactions here meet only the same youth's other requests: enough tries to outlast any burst of them. */
const ORDER_TX_ATTEMPTS = 40

export interface Buyer {
  userId: string
  openid: string
  /** The top org of the youth's own org: the county whose goods they may redeem. */
  county: string | null
}

export interface RedeemRequest {
  requestId: string
  goodsId: string
  quantity: number
  subscribed: boolean
}

export function orderIdFor(openid: string, requestId: string): string {
  return requestDocId('od_', openid, requestId)
}

/** What the request key stands for: a retry with the same key must ask for the same thing. */
function hashOf(r: RedeemRequest): string {
  return requestHash({ goodsId: r.goodsId, quantity: r.quantity })
}

export function getOrder(db: Db, id: string): Promise<OrderDoc | null> {
  return findById<OrderDoc>(db, ORDERS, id)
}

/** The earlier answer to this very request, if any; a reused key with another payload is refused. */
export async function replayedOrder(db: Db, openid: string, r: RedeemRequest): Promise<OrderDoc | null> {
  return asReplay(await getOrder(db, orderIdFor(openid, r.requestId)), hashOf(r))
}

/** A fresh 8-digit code no order waiting for pickup holds (codes of ended orders may come back). */
async function freshPickupCode(db: Db): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = pickupCodeFrom(randomBytes(4))
    const res = await db.collection(ORDERS).where({ pickupCode: code, status: 'ready' }).count()
    if (res.total === 0) return code
  }
  throw new Error('no free pickup code in 5 draws')
}

/** Tells "none left" from "fewer left than asked" after the stock refused. */
async function stockRefusal(db: Db, goodsId: string): Promise<AppError> {
  const left = (await readStocks(db, [goodsId])).get(goodsId)?.left ?? 0
  return new AppError(left === 0 ? 'GOODS.SOLD_OUT' : 'GOODS.NOT_ENOUGH', left === 0 ? undefined : `库存只剩${left}件，请减少兑换数量。`)
}

/**
 * Redeems `r.quantity` of `goods` for `buyer`. The caller has answered a plain replay already
 * (replayedOrder) and read, in one round, the goods, its stock figures and the balance: those give
 * the early and cheap refusals (益币不足, 已兑完); the holds and the transaction decide.
 */
export async function redeem(
  db: Db,
  buyer: Buyer,
  goods: GoodsDoc,
  stock: StockFigures | undefined,
  r: RedeemRequest,
  balance: number,
  now: number,
): Promise<{ order: OrderDoc; replay: boolean }> {
  if (buyer.county === null || goods.underOrgs[0] !== buyer.county) throw new AppError('GOODS.OTHER_COUNTY')
  const closed = availabilityRefusal(goods, now)
  if (closed) throw new AppError(closed)
  const cost = goods.price * r.quantity
  if (balance < cost) throw new AppError('POINTS.INSUFFICIENT', `益币余额不足：需要${cost}益币，现有${Math.max(0, balance)}益币。`)
  if (!stock) throw new AppError('GOODS.NOT_FOUND')
  if (stock.left < r.quantity) throw await stockRefusal(db, goods._id)

  const orderId = orderIdFor(buyer.openid, r.requestId)
  const ticket = newTicket(now)
  const quotas = quotasFor(goods, buyer.userId, now)
  if (!(await holdQuotas(db, quotas, orderId, r.quantity, ticket, now))) throw new AppError('GOODS.LIMIT_REACHED')
  const giveBack = async () => {
    await returnStock(db, goods._id, orderId, r.quantity, now)
    await releaseQuotas(db, quotas.map((q) => q.id), orderId, r.quantity, now)
  }
  let took = await takeStock(db, goods._id, orderId, r.quantity, ticket, stock.supplied)
  // "Full" against a supply a restock has just raised: ask again with what is there now.
  for (let round = 0; took === 'sold_out' && round < 5; round++) {
    const now2 = (await readStocks(db, [goods._id])).get(goods._id)
    if (!now2 || now2.left < r.quantity) break
    took = await takeStock(db, goods._id, orderId, r.quantity, ticket, now2.supplied)
  }
  if (took !== 'taken') {
    await releaseQuotas(db, quotas.map((q) => q.id), orderId, r.quantity, now)
    throw took === 'closed' ? new AppError('GOODS.NOT_ON_SALE') : await stockRefusal(db, goods._id)
  }

  const order = newOrder(orderId, hashOf(r), buyer, goods, r, quotas.map((q) => q.id), await freshPickupCode(db), now)
  try {
    return await transaction(db, (tx) => writeOrder(tx, buyer, order, now), ORDER_TX_ATTEMPTS)
  } catch (e) {
    // A refusal decided inside the transaction wrote nothing: give the holds back at once. Any other
    // failure may have committed (a lost reply): the holds stay for the retry, or for the sweep.
    if (isAppError(e)) await giveBack()
    throw e
  }
}

function newOrder(_id: string, hash: string, buyer: Buyer, g: GoodsDoc, r: RedeemRequest, quotas: string[], pickupCode: string, now: number): OrderDoc {
  return {
    _id,
    requestHash: hash,
    userId: buyer.userId,
    openid: buyer.openid,
    goodsId: g._id,
    goodsName: g.name,
    // The picture the youth's card showed: one that passed its check (a file id; views sign it).
    image: shownImages(g)[0] ?? null,
    donorId: g.donorId,
    orgId: g.orgId,
    underOrgs: g.underOrgs,
    venueIds: g.venueIds,
    quantity: r.quantity,
    price: g.price,
    cost: g.price * r.quantity,
    unitValue: g.unitValue,
    status: 'ready',
    pickupCode,
    expiresAt: pickupDeadline(now, g.pickupDays),
    quotas,
    debitId: debitIdFor(_id),
    refundId: null,
    createdAt: now,
    pickedUpAt: null,
    pickedUpBy: null,
    pickedUpVenue: null,
    closedAt: null,
    subscribed: r.subscribed,
    remindedAt: null,
  }
}

/** Step 3: the debit, the order and its message, all or none, on the youth's own documents. */
async function writeOrder(tx: Tx, buyer: Buyer, order: OrderDoc, now: number): Promise<{ order: OrderDoc; replay: boolean }> {
  const seen = await txGet<OrderDoc>(tx, ORDERS, order._id)
  if (seen) return { order: asReplay(seen, order.requestHash)!, replay: true }
  const debit: EntryDraft = {
    _id: order.debitId,
    kind: 'debit',
    amount: -order.cost,
    title: `兑换「${order.goodsName}」×${order.quantity}`,
    ref: { type: 'order', id: order._id },
    reverses: null,
    orgId: order.orgId,
    underOrgs: order.underOrgs,
  }
  await postEntries(tx, buyer, [debit], now)
  const { _id, ...fields } = order
  await tx.collection(ORDERS).doc(_id).set({ data: fields })
  await enqueue(tx, readyMessage(order), now)
  return { order, replay: false }
}

export type Closing = 'cancelled' | 'expired'

/**
 * Ends a ready order as cancelled or expired: the refund entry and the status in one transaction
 * (so at most once, however many callers race), then its stock and limits given back — each
 * exactly once by its own entry. Run again on an order already ended, it only finishes those give-
 * backs (a crash may have stopped them). Answers the order as it stands and whether this call ended it.
 */
export async function closeOrder(db: Db, orderId: string, to: Closing, now: number, owner?: string): Promise<{ order: OrderDoc; closed: boolean }> {
  const res = await transaction(
    db,
    async (tx) => {
      const o = await txGet<OrderDoc>(tx, ORDERS, orderId)
      if (!o || (owner !== undefined && o.userId !== owner)) throw new AppError('ORDER.NOT_FOUND')
      if (o.status !== 'ready') return { order: o, closed: false }
      const refund: EntryDraft = {
        _id: refundIdFor(o._id),
        kind: 'refund',
        amount: o.cost,
        title: `${to === 'cancelled' ? '取消兑换' : '兑换过期'}退回「${o.goodsName}」×${o.quantity}`,
        ref: { type: 'order', id: o._id },
        reverses: o.debitId,
        orgId: o.orgId,
        underOrgs: o.underOrgs,
      }
      await postEntries(tx, { userId: o.userId, openid: o.openid }, [refund], now)
      const change = { status: to, closedAt: now, refundId: refund._id }
      await tx.collection(ORDERS).doc(o._id).update({ data: change })
      return { order: { ...o, ...change } as OrderDoc, closed: true }
    },
    ORDER_TX_ATTEMPTS,
  )
  if (res.order.status === 'cancelled' || res.order.status === 'expired') await giveBackOrder(db, res.order, now)
  return res
}

/** Returns an ended order's stock and limit units (no-ops for what is already back). */
export async function giveBackOrder(db: Db, o: Pick<OrderDoc, '_id' | 'goodsId' | 'quantity' | 'quotas'>, now: number): Promise<void> {
  await returnStock(db, o.goodsId, o._id, o.quantity, now)
  await releaseQuotas(db, o.quotas, o._id, o.quantity, now)
}

/** Ready orders past their deadline, the oldest first (by the (status, expiresAt) index). */
export async function overdueOrders(db: Db, now: number, limit: number): Promise<OrderDoc[]> {
  const _ = db.command
  const res = await db.collection(ORDERS).where({ status: 'ready', expiresAt: _.lte(now) }).orderBy('expiresAt', 'asc').limit(limit).get()
  return res.data as OrderDoc[]
}

/** Ready orders whose deadline falls within `within` ms and that nobody reminded yet. */
export async function ordersToRemind(db: Db, now: number, within: number, limit: number): Promise<OrderDoc[]> {
  const _ = db.command
  const res = await db
    .collection(ORDERS)
    .where({ status: 'ready', expiresAt: _.and(_.gt(now), _.lte(now + within)), remindedAt: null })
    .orderBy('expiresAt', 'asc')
    .limit(limit)
    .get()
  return res.data as OrderDoc[]
}

/** The caller's orders, newest first, by the (userId, createdAt) or (userId, status, createdAt) index. */
export function ordersOf(db: Db, userId: string, status: OrderDoc['status'] | undefined, page: PageRequest): Promise<PageResult<OrderDoc>> {
  const where = status ? { userId, status } : { userId }
  const source = collectionSource<OrderDoc>(db, { tag: 'o', collection: ORDERS, where, field: 'createdAt', dir: 'desc', at: (o) => o.createdAt })
  return keysetPage([source], 'desc', page)
}

/**
 * Orders as their youth sees them: the pickup code only while it can be used, the venues by name,
 * the goods' picture as a temporary URL (the venues and every picture of the page in one round).
 */
export async function toOrderViews(deps: ViewDeps, orders: OrderDoc[]) {
  const [venues, urls] = await Promise.all([getVenues(deps.db, orders.flatMap((o) => o.venueIds)), urlsFor(deps.platform.storage, orders.map((o) => o.image))])
  return orders.map((o) => ({
    id: o._id,
    goodsId: o.goodsId,
    goodsName: o.goodsName,
    image: urlOf(urls, o.image),
    quantity: o.quantity,
    price: o.price,
    cost: o.cost,
    status: o.status,
    pickupCode: o.status === 'ready' ? o.pickupCode : null,
    expiresAt: o.expiresAt,
    venues: o.venueIds.flatMap((id) => {
      const v = venues.get(id)
      return v ? [{ id: v._id, name: v.name, address: v.address, hours: v.hours, lat: v.lat, lng: v.lng }] : []
    }),
    createdAt: o.createdAt,
    pickedUpAt: o.pickedUpAt,
    pickedUpVenue: o.pickedUpVenue ? (venues.get(o.pickedUpVenue)?.name ?? null) : null,
    closedAt: o.closedAt,
  }))
}

export async function toOrderView(deps: ViewDeps, o: OrderDoc) {
  return (await toOrderViews(deps, [o]))[0]
}
