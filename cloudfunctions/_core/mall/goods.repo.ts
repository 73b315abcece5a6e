import type { GoodsCategory, GoodsStatus } from '../../../types/enums'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { requestDocId } from '../runtime/idempotency'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import type { GoodsDoc } from './mall.rules'

const GOODS = COLLECTIONS.goods
const ORDERS = COLLECTIONS.orders

/** A new goods item's id, from its creator and request key (its stock document has the same id). */
export function goodsIdFor(openid: string, requestId: string): string {
  return requestDocId('g_', openid, requestId)
}

/** The key an edit request leaves on the goods, so its retry is recognised (goods.rules.ts `editReplay`). */
export function editKeyFor(openid: string, requestId: string): string {
  return requestDocId('e_', openid, requestId)
}

export function getGoods(db: Db, id: string): Promise<GoodsDoc | null> {
  return findById<GoodsDoc>(db, GOODS, id)
}

export async function requireGoods(db: Db, id: string): Promise<GoodsDoc> {
  const g = await getGoods(db, id)
  if (!g) throw new AppError('GOODS.NOT_FOUND')
  return g
}

export function txGoods(tx: Tx, id: string): Promise<GoodsDoc | null> {
  return txGet<GoodsDoc>(tx, GOODS, id)
}

/** Writes the whole goods document under its id, inside the caller's transaction (stock is elsewhere). */
export async function putGoods(tx: Tx, g: GoodsDoc): Promise<void> {
  const { _id, ...rest } = g
  await tx.collection(GOODS).doc(_id).set({ data: rest })
}

export interface GoodsFilter {
  /** The org whose subtree's goods are listed (a county, for youth). */
  under: string
  status?: GoodsStatus
  category?: GoodsCategory
  /** Leave out goods whose availability ended before this instant. */
  notEndedAt?: number
}

/** Goods of an org's subtree, newest first, a page at a time over the (underOrgs, status, createdAt) index. */
export function pageGoods(db: Db, f: GoodsFilter, page: PageRequest): Promise<PageResult<GoodsDoc>> {
  const _ = db.command
  const base: Record<string, unknown> = { underOrgs: f.under }
  if (f.status) base.status = f.status
  if (f.category) base.category = f.category
  const where =
    f.notEndedAt === undefined ? base : (_.and([base, _.or([{ availableUntil: null }, { availableUntil: _.gt(f.notEndedAt) }])]) as Record<string, unknown>)
  const source = collectionSource<GoodsDoc>(db, { tag: 'g', collection: GOODS, where, field: 'createdAt', dir: 'desc', at: (g) => g.createdAt })
  return keysetPage([source], 'desc', page)
}

/** The most goods one report covers: a county's catalogue over the years, not a warehouse. */
export const REPORT_GOODS_CAP = 5000

/** Every goods item of an org's subtree (for the report); past the cap it fails loudly (ReadCapExceeded). */
export function allGoodsUnder(db: Db, orgId: string): Promise<GoodsDoc[]> {
  return readAll<GoodsDoc>(db, GOODS, { underOrgs: orgId }, REPORT_GOODS_CAP)
}

/** Goods with an image waiting for this check, by the imageTraces index. */
export function goodsByImageTrace(db: Db, trace: string): Promise<GoodsDoc[]> {
  return readAll<GoodsDoc>(db, GOODS, { imageTraces: trace }, 100)
}

/** Orders waiting for pickup per goods item, by the (goodsId, status) index: one aggregate for a page. */
export async function liveOrderCounts(db: Db, goodsIds: string[]): Promise<Map<string, number>> {
  if (!goodsIds.length) return new Map()
  const _ = db.command
  const $ = (_ as unknown as { aggregate: { sum(v: unknown): unknown } }).aggregate
  // CloudBase answers 20 groups unless told more: one group per goods item asked about.
  const res = await db.collection(ORDERS).aggregate().match({ goodsId: _.in(goodsIds), status: 'ready' }).group({ _id: '$goodsId', n: $.sum(1) }).limit(goodsIds.length).end()
  return new Map((res.list as { _id: string; n: number }[]).map((r) => [r._id, r.n]))
}

export function getGoodsMany(db: Db, ids: string[]): Promise<Map<string, GoodsDoc>> {
  return findByIds<GoodsDoc>(db, GOODS, ids)
}
