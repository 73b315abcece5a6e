import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, txGet, type Db, type Tx } from '../runtime/db'
import { collectionSource, decodeCursor, encodeCursor, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import {
  LISTED_GOODS_STATUSES,
  NOTHING_GIVEN,
  NOTHING_REDEEMED,
  REDEEMED_ORDER_STATUSES,
  type DonorCertificateDoc,
  type GivenFigures,
  type RedeemedFigures,
} from './recognition.rules'

/**
 * The figures of the donor board, each computed by the database in one aggregate over a declared
 * index (database/indexes.json): nothing here reads a county's goods or orders into the function.
 *
 * - given: goods (underOrgs, status, createdAt) or (donorId), joined to their stock by `_id`, grouped
 *   per donor — units supplied and their value at each goods' unit value;
 * - redeemed: orders (donorId, status) or (underOrgs, status), grouped per (donor, volunteer) and
 *   then per donor — units, value at the order's own unit value, and distinct volunteers.
 */

const GOODS = COLLECTIONS.goods
const ORDERS = COLLECTIONS.orders
const STOCK = COLLECTIONS.goodsStock
const CERTIFICATES = COLLECTIONS.donorCertificates

/** The aggregation operators used here (the SDK's `db.command.aggregate`). */
interface Ops {
  sum(v: unknown): unknown
  multiply(v: unknown[]): unknown
  ifNull(v: unknown[]): unknown
  arrayElemAt(v: unknown[]): unknown
}
const opsOf = (db: Db) => (db.command as unknown as { aggregate: Ops }).aggregate

/** Listed goods matching `where`, grouped per donor: `{_id: donorId, goods, units, value}`. */
function givenPerDonor(db: Db, where: Record<string, unknown>) {
  const _ = db.command
  const $ = opsOf(db)
  return db
    .collection(GOODS)
    .aggregate()
    .match({ ...where, status: _.in([...LISTED_GOODS_STATUSES]) })
    .lookup({ from: STOCK, localField: '_id', foreignField: '_id', as: 'stock' })
    .project({ donorId: 1, unitValue: 1, supplied: $.ifNull([$.arrayElemAt(['$stock.supplied', 0]), 0]) })
    .group({ _id: '$donorId', goods: $.sum(1), units: $.sum('$supplied'), value: $.sum($.multiply(['$supplied', '$unitValue'])) })
}

/** Standing orders matching `where`, grouped per volunteer and `key` (a field, or null for all). */
function redeemedPer(db: Db, where: Record<string, unknown>, key: string | null) {
  const _ = db.command
  const $ = opsOf(db)
  return db
    .collection(ORDERS)
    .aggregate()
    .match({ ...where, status: _.in([...REDEEMED_ORDER_STATUSES]) })
    .group({ _id: { key: key ? `$${key}` : null, userId: '$userId' }, units: $.sum('$quantity'), value: $.sum($.multiply(['$quantity', '$unitValue'])) })
    .group({ _id: '$_id.key', units: $.sum('$units'), value: $.sum('$value'), volunteers: $.sum(1) })
}

interface GivenRow extends GivenFigures {
  _id: string
}

const givenOf = (r: GivenRow): GivenFigures => ({ goods: r.goods, units: r.units, value: r.value })

/** Cursor tag of the board's positions (runtime/paging.ts cursors: rank, a number, a key). */
const TAG = 'd'

/**
 * One page of a county's donors who gave, most value first (then by id): the ranking is the
 * aggregate's own sort, and the next page starts strictly after the last donor shown, so a page
 * never repeats or skips a donor while the figures stand still.
 */
export async function pageGivers(db: Db, county: string, page: PageRequest): Promise<PageResult<{ donorId: string; given: GivenFigures }>> {
  const _ = db.command
  let query = givenPerDonor(db, { underOrgs: county })
  if (page.cursor) {
    const pos = decodeCursor(page.cursor)
    if (pos.rank !== 0 || pos.key[0] !== TAG) throw new AppError('GENERIC.BAD_INPUT', '翻页参数不正确')
    const after = pos.key.slice(1)
    query = query.match(_.or([{ value: _.lt(pos.at) }, { value: pos.at, _id: _.gt(after) }]))
  }
  const res = await query.sort({ value: -1, _id: 1 }).limit(page.limit + 1).end()
  const rows = res.list as GivenRow[]
  const shown = rows.slice(0, page.limit)
  const last = shown[shown.length - 1]
  return {
    items: shown.map((r) => ({ donorId: r._id, given: givenOf(r) })),
    nextCursor: rows.length > page.limit ? encodeCursor({ rank: 0, at: last.value, key: TAG + last._id }) : null,
  }
}

/** What one donor gave (its listed goods, by the goods' donorId index). */
export async function givenBy(db: Db, donorId: string): Promise<GivenFigures> {
  const res = await givenPerDonor(db, { donorId }).limit(1).end()
  const row = (res.list as GivenRow[])[0]
  return row ? givenOf(row) : NOTHING_GIVEN
}

/** What was redeemed of each donor's goods, for a page of donors: one aggregate, never one per donor. */
export async function redeemedByDonors(db: Db, donorIds: string[]): Promise<Map<string, RedeemedFigures>> {
  if (!donorIds.length) return new Map()
  // CloudBase answers 20 groups unless told more: one group per donor asked about.
  const res = await redeemedPer(db, { donorId: db.command.in(donorIds) }, 'donorId').limit(donorIds.length).end()
  const rows = res.list as (RedeemedFigures & { _id: string })[]
  return new Map(rows.map((r) => [r._id, { units: r.units, value: r.value, volunteers: r.volunteers }]))
}

/** A county's totals: donors who gave and what they gave; what its volunteers redeemed, and how many. */
export async function countyFigures(db: Db, county: string): Promise<{ donors: number; given: GivenFigures; redeemed: RedeemedFigures }> {
  const $ = opsOf(db)
  const [given, redeemed] = await Promise.all([
    givenPerDonor(db, { underOrgs: county })
      .group({ _id: null, donors: $.sum(1), goods: $.sum('$goods'), units: $.sum('$units'), value: $.sum('$value') })
      .end(),
    redeemedPer(db, { underOrgs: county }, null).end(),
  ])
  const g = (given.list as (GivenRow & { donors: number })[])[0]
  const r = (redeemed.list as RedeemedFigures[])[0]
  return {
    donors: g?.donors ?? 0,
    given: g ? givenOf(g) : NOTHING_GIVEN,
    redeemed: r ? { units: r.units, value: r.value, volunteers: r.volunteers } : NOTHING_REDEEMED,
  }
}

// ---- certificates ----

export function getDonorCertificate(db: Db, serial: string): Promise<DonorCertificateDoc | null> {
  return findById<DonorCertificateDoc>(db, CERTIFICATES, serial)
}

export async function txDonorCertificate(tx: Tx, serial: string): Promise<DonorCertificateDoc | null> {
  const doc = await txGet<DonorCertificateDoc>(tx, CERTIFICATES, serial)
  return doc ? { ...doc, _id: serial } : null
}

/** Writes a new certificate under its serial, inside the caller's transaction (with its audit entry). */
export async function putDonorCertificate(tx: Tx, cert: DonorCertificateDoc): Promise<void> {
  const { _id, ...data } = cert
  await tx.collection(CERTIFICATES).doc(_id).set({ data: data as unknown as Record<string, unknown> })
}

/** A donor's certificates, newest first, by the (donorId, issuedAt) index: one read per page. */
export function certificatesOf(db: Db, donorId: string, page: PageRequest): Promise<PageResult<DonorCertificateDoc>> {
  const source = collectionSource<DonorCertificateDoc>(db, { tag: 'c', collection: CERTIFICATES, where: { donorId }, field: 'issuedAt', dir: 'desc', at: (c) => c.issuedAt })
  return keysetPage([source], 'desc', page)
}
