import { DAY_MS } from '../../../types/day'
import { COLLECTIONS } from '../runtime/collections'
import { ReadCapExceeded, type Db } from '../runtime/db'
import { getVenues } from '../venue/venue.repo'
import { getDonors } from './donor.repo'
import { allGoodsUnder } from './goods.repo'
import { NO_STOCK } from './goods.rules'
import { readStocks } from './stock'

/**
 * The period report of an org subtree's mall (mallReport): per goods item and per venue, what became
 * of the units in [from, to). Orders are read by aggregate over the (goodsId, createdAt) index — never
 * read whole — and only those placed since LOOKBACK before the period can have changed inside it: an
 * order is picked up, cancelled or expired within its pickup days (at most 60), and the expiry timer
 * follows within minutes.
 */
export const REPORT_LOOKBACK_MS = 90 * DAY_MS

/** Goods per aggregate: a `$in` list CloudBase takes comfortably. */
const CHUNK = 500
/** The most venues one report lists (a county's pickup points). */
const VENUE_CAP = 1000

export interface Figures {
  redeemed: number
  pickedUp: number
  cancelled: number
  expired: number
  points: number
  value: number
}

const ZERO: Figures = { redeemed: 0, pickedUp: 0, cancelled: 0, expired: 0, points: 0, value: 0 }

const add = (a: Figures, b: Figures): Figures => ({
  redeemed: a.redeemed + b.redeemed,
  pickedUp: a.pickedUp + b.pickedUp,
  cancelled: a.cancelled + b.cancelled,
  expired: a.expired + b.expired,
  points: a.points + b.points,
  value: a.value + b.value,
})

const isZero = (f: Figures) => Object.values(f).every((n) => n === 0)

// The SDK's aggregation operators (db.command.aggregate), as far as this report uses them.
type Agg = Record<'sum' | 'cond' | 'and' | 'or' | 'gte' | 'lt' | 'eq' | 'multiply', (v: unknown) => unknown>

function perGoodsGroup($: Agg, from: number, to: number) {
  const within = (field: string) => $.and([$.gte([field, from]), $.lt([field, to])])
  const units = (cond: unknown) => $.sum($.cond({ if: cond, then: '$quantity', else: 0 }))
  const placedAndStanding = $.and([within('$createdAt'), $.or([$.eq(['$status', 'ready']), $.eq(['$status', 'picked_up'])])])
  return {
    _id: '$goodsId',
    redeemed: units(within('$createdAt')),
    pickedUp: units($.and([$.eq(['$status', 'picked_up']), within('$pickedUpAt')])),
    cancelled: units($.and([$.eq(['$status', 'cancelled']), within('$closedAt')])),
    expired: units($.and([$.eq(['$status', 'expired']), within('$closedAt')])),
    points: $.sum($.cond({ if: placedAndStanding, then: '$cost', else: 0 })),
    value: $.sum($.cond({ if: placedAndStanding, then: $.multiply(['$quantity', '$unitValue']), else: 0 })),
  }
}

type Row = Figures & { _id: string | null }

export async function mallReport(db: Db, orgId: string, from: number, to: number) {
  const _ = db.command
  const $ = (_ as unknown as { aggregate: Agg }).aggregate
  const goods = await allGoodsUnder(db, orgId)
  const ids = goods.map((g) => g._id)
  const byGoods = new Map<string, Figures>()
  const byVenue = new Map<string, Figures>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const placed = { goodsId: _.in(chunk), createdAt: _.and(_.gte(from - REPORT_LOOKBACK_MS), _.lt(to)) }
    const [g, v] = await Promise.all([
      db.collection(COLLECTIONS.orders).aggregate().match(placed).group(perGoodsGroup($, from, to)).limit(chunk.length).end(),
      db
        .collection(COLLECTIONS.orders)
        .aggregate()
        .match({ ...placed, status: 'picked_up', pickedUpAt: _.and(_.gte(from), _.lt(to)) })
        .group({ _id: '$pickedUpVenue', pickedUp: $.sum('$quantity'), points: $.sum('$cost'), value: $.sum($.multiply(['$quantity', '$unitValue'])) })
        .limit(VENUE_CAP + 1)
        .end(),
    ])
    for (const r of g.list as Row[]) byGoods.set(r._id as string, { ...ZERO, ...pickFigures(r) })
    for (const r of v.list as Row[]) {
      if (!r._id) continue // a pickup always names its venue; nothing to list without one
      byVenue.set(r._id, add(byVenue.get(r._id) ?? ZERO, { ...ZERO, pickedUp: r.pickedUp, points: r.points, value: r.value }))
    }
    if (byVenue.size > VENUE_CAP) throw new ReadCapExceeded(COLLECTIONS.venues, VENUE_CAP)
  }

  // Goods with something to report in the period, and every item on sale now (its stock matters).
  const shown = goods.filter((g) => g.status === 'on_sale' || !isZero(byGoods.get(g._id) ?? ZERO))
  const [stocks, donors, venues] = await Promise.all([
    readStocks(db, shown.map((g) => g._id)),
    getDonors(db, shown.map((g) => g.donorId)),
    getVenues(db, [...byVenue.keys()]),
  ])
  const goodsRows = shown
    .map((g) => {
      const s = stocks.get(g._id) ?? NO_STOCK
      return { goodsId: g._id, name: g.name, donorName: donors.get(g.donorId)?.name ?? '', ...(byGoods.get(g._id) ?? ZERO), supplied: s.supplied, left: s.left }
    })
    .sort((a, b) => b.redeemed - a.redeemed || (a.goodsId < b.goodsId ? -1 : 1))
  const venueRows = [...byVenue.entries()]
    .map(([id, f]) => ({ venueId: id, name: venues.get(id)?.name ?? '（兑换点）', pickedUp: f.pickedUp, points: f.points, value: f.value }))
    .sort((a, b) => b.pickedUp - a.pickedUp || (a.venueId < b.venueId ? -1 : 1))
  const totals = goodsRows.reduce(
    (t, r) => ({ ...add(t, pickFigures(r)), supplied: t.supplied + r.supplied, left: t.left + r.left }),
    { ...ZERO, supplied: 0, left: 0 },
  )
  return { goods: goodsRows, venues: venueRows, totals }
}

function pickFigures(r: Figures): Figures {
  return { redeemed: r.redeemed, pickedUp: r.pickedUp, cancelled: r.cancelled, expired: r.expired, points: r.points, value: r.value }
}
