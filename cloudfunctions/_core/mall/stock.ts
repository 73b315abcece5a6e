import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findByIds, type Db, type Tx } from '../runtime/db'
import { join, leave, settle, type PlacesSpec } from '../runtime/places'
import type { StockDoc } from './mall.rules'

/**
 * A goods item's stock, on its own document beside the goods (so a cadre's edit never meets the
 * buyers), changed only through runtime/places.ts: one conditional single-document update per
 * take, return or settle, decided by `updated === 1`. A thousand buyers for a hundred bags of rice
 * each get the real answer — taken or sold out — and never a write conflict.
 *
 * `supplied` is initial stock plus restocks, `taken` the units of live and picked-up orders; each
 * order holds its units under its own id until it is settled (picked up) or given back (cancelled,
 * expired), so either happens exactly once (docs/domain.md invariant 4).
 */
export const STOCK: PlacesSpec = {
  collection: COLLECTIONS.goodsStock,
  capacity: 'supplied',
  count: 'taken',
  queued: 'queued',
  holders: 'holds',
  queue: 'queue',
  touched: 'touched',
  units: 'units',
}

export interface StockFigures {
  supplied: number
  taken: number
  left: number
}

const figures = (d: Pick<StockDoc, 'supplied' | 'taken'>): StockFigures => ({ supplied: d.supplied, taken: d.taken, left: Math.max(0, d.supplied - d.taken) })

/** A new goods item's stock, written in the transaction that creates the goods. */
export async function createStock(tx: Tx, goodsId: string, supplied: number, onSale: boolean, now: number): Promise<void> {
  const doc: Omit<StockDoc, '_id'> = { supplied, taken: 0, queued: 0, holds: {}, queue: {}, units: {}, onSale, touched: now }
  await tx.collection(STOCK.collection).doc(goodsId).set({ data: doc })
}

/** Supplied, taken and left per goods id (ids without stock are absent); the maps are not read. */
export async function readStocks(db: Db, ids: string[]): Promise<Map<string, StockFigures>> {
  const docs = await findByIds<StockDoc>(db, STOCK.collection, ids, { supplied: true, taken: true })
  return new Map([...docs].map(([id, d]) => [id, figures(d)]))
}

/**
 * Adds `delta` units under restock `restockId` (a negative delta withdraws unsold ones, never below
 * what orders hold: GOODS.STOCK_BELOW_TAKEN), exactly once per id: each try is conditional on the
 * supplied figure it read and on the id not yet being recorded on the stock, and records the stock
 * it leaves under the id in the same update. So a restock racing with buyers and other restocks
 * lands once, and a second call for the same id (a copy finishing what a dead one started) answers
 * the figures the first left.
 */
export async function restock(db: Db, goodsId: string, restockId: string, delta: number, now: number): Promise<StockFigures> {
  const _ = db.command
  const mark = `restocks.${restockId}`
  for (let round = 0; round < 200; round++) {
    const s = (await findByIds<StockDoc>(db, STOCK.collection, [goodsId], { supplied: true, taken: true, [mark]: true })).get(goodsId)
    if (!s) throw new AppError('GOODS.NOT_FOUND')
    const done = s.restocks?.[restockId]
    if (done) return figures(done)
    if (s.supplied + delta < s.taken) throw new AppError('GOODS.STOCK_BELOW_TAKEN')
    const after = { supplied: s.supplied + delta, taken: s.taken }
    const res = await db
      .collection(STOCK.collection)
      .where({ _id: goodsId, supplied: s.supplied, taken: _.lte(after.supplied), [mark]: _.exists(false) })
      .update({ data: { supplied: _.inc(delta), [mark]: after, touched: now } })
    if (res.stats.updated === 1) return figures(after)
  }
  throw new Error(`stock ${goodsId}: changed 200 times under one restock`)
}

/** Opens or closes the stock to buyers (mirrors the goods' status being 'on_sale'). */
export async function setOnSale(db: Db, goodsId: string, onSale: boolean, now: number): Promise<void> {
  await db.collection(STOCK.collection).where({ _id: goodsId }).update({ data: { onSale, touched: now } })
}

export type Take = 'taken' | 'sold_out' | 'closed'

/**
 * Takes `units` for `orderId`. An order that already holds them (a retry after a lost reply) is
 * answered `taken` again: it never takes twice.
 */
export async function takeStock(db: Db, goodsId: string, orderId: string, units: number, ticket: number, supplied: number): Promise<Take> {
  const res = await join(db, STOCK, goodsId, orderId, ticket, { capacity: supplied, open: { onSale: true }, queue: false, units })
  if (res.outcome === 'held' || res.outcome === 'present') return 'taken'
  return res.outcome === 'full' ? 'sold_out' : 'closed'
}

/** Gives an order's units back (cancel, expiry, a failed redemption); true only for the call that did. */
export async function returnStock(db: Db, goodsId: string, orderId: string, units: number, now: number): Promise<boolean> {
  return (await leave(db, STOCK, goodsId, orderId, now, 'held', units)) === 'held'
}

/** A picked-up order's units stay taken; its entry goes. */
export function settleStock(db: Db, goodsId: string, orderId: string, now: number): Promise<boolean> {
  return settle(db, STOCK, goodsId, orderId, now)
}
