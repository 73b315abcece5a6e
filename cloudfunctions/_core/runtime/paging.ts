import { AppError } from './app-error'
import type { Db } from './db'

/**
 * Every listing's paging, in one place. Lists are read a page at a time in the order of a declared
 * index (database/indexes.json) and never in full: a cursor names the last item shown, and the next
 * page starts strictly after it, so pages never skip or repeat an item however many are added
 * meanwhile, and no `skip` ever scans. Only the page is then enriched (titles, names, URLs).
 */

export interface PageRequest {
  cursor?: string
  limit: number
}

export interface PageResult<T> {
  items: T[]
  nextCursor: string | null
}

const badCursor = () => new AppError('GENERIC.BAD_INPUT', '翻页参数不正确')

/**
 * One page of a query in `_id` order; the cursor is the last `_id` seen.
 */
export async function pageById<T extends { _id: string }>(db: Db, collection: string, where: Record<string, unknown>, page: PageRequest): Promise<PageResult<T>> {
  const q = page.cursor ? { ...where, _id: db.command.gt(page.cursor) } : where
  const res = await db.collection(collection).where(q).orderBy('_id', 'asc').limit(page.limit + 1).get()
  const rows = res.data as T[]
  const items = rows.slice(0, page.limit)
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]._id : null }
}

// ---------------------------------------------------------------------------------------------
// Keyset pages over one or several sources

export type Dir = 'asc' | 'desc'

/**
 * Where a listing stands: a rank (lower ranks come first, e.g. flagged before the rest), a time in
 * epoch ms ordered by the listing's direction, then a key (a source's one-letter tag and the item's
 * id) in the same direction, which makes every position unique.
 */
export interface Position {
  rank: number
  at: number
  key: string
}

/** `<rank><at in base36>_<key>`: cursor-safe whenever the ids are ([A-Za-z0-9_-]). */
export function encodeCursor(p: Position): string {
  return `${p.rank}${p.at.toString(36)}_${p.key}`
}

export function decodeCursor(cursor: string): Position {
  const m = /^(\d)([0-9a-z]{1,11})_([A-Za-z0-9_-]{2,120})$/.exec(cursor)
  const at = m ? parseInt(m[2], 36) : NaN
  if (!m || !Number.isSafeInteger(at)) throw badCursor()
  return { rank: Number(m[1]), at, key: m[3] }
}

/**
 * What a source must return in a keyset query: items whose sort value lies beyond `value` in the
 * listing's direction, and among those equal to it, the ones whose id lies beyond `id` — or all of
 * them (`id: null, inclusive: true`) or none (`id: null, inclusive: false`).
 */
export interface Bound<V = number> {
  value: V
  id: string | null
  inclusive: boolean
}

/** One source of a listing: a query that answers, in the listing's order, the items after a bound. */
export interface Source<T> {
  /** One letter that keeps the keys of different sources apart (and orders them at equal times). */
  tag: string
  rank?: number
  fetch(after: Bound | null, limit: number): Promise<T[]>
  at(item: T): number
  id(item: T): string
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0)

/** The bound a source starts from after `pos`, or 'done' when all its items come before it. */
function boundFor(s: Source<unknown>, pos: Position | null, dir: Dir): Bound | null | 'done' {
  if (!pos) return null
  const rank = s.rank ?? 0
  if (rank < pos.rank) return 'done'
  if (rank > pos.rank) return null
  const tag = pos.key[0]
  if (tag === s.tag) return { value: pos.at, id: pos.key.slice(1), inclusive: false }
  // At the cursor's time, another source's items come after it when their tag does.
  const after = dir === 'asc' ? s.tag > tag : s.tag < tag
  return { value: pos.at, id: null, inclusive: after }
}

/**
 * One page of a listing merged from sources, each read only `limit + 1` past the cursor: the first
 * `limit` of the merged reads are exactly the page, and anything left over means there is more.
 */
export async function keysetPage<T>(sources: Source<T>[], dir: Dir, page: PageRequest): Promise<PageResult<T>> {
  const pos = page.cursor ? decodeCursor(page.cursor) : null
  const reads = await Promise.all(
    sources.map(async (s) => {
      const bound = boundFor(s as Source<unknown>, pos, dir)
      if (bound === 'done') return []
      const items = await s.fetch(bound, page.limit + 1)
      return items.map((item) => ({ item, pos: { rank: s.rank ?? 0, at: s.at(item), key: s.tag + s.id(item) } }))
    }),
  )
  const sign = dir === 'asc' ? 1 : -1
  const merged = reads.flat().sort((x, y) => cmp(x.pos.rank, y.pos.rank) || sign * (cmp(x.pos.at, y.pos.at) || cmp(x.pos.key, y.pos.key)))
  const shown = merged.slice(0, page.limit)
  return { items: shown.map((r) => r.item), nextCursor: merged.length > page.limit ? encodeCursor(shown[shown.length - 1].pos) : null }
}

/** The query condition for "beyond `bound`" on (field, _id) in direction `dir`. */
export function beyond<V>(db: Db, field: string, dir: Dir, bound: Bound<V>): Record<string, unknown> {
  const _ = db.command
  const past = (v: unknown) => (dir === 'asc' ? _.gt(v) : _.lt(v))
  const pastOrAt = (v: unknown) => (dir === 'asc' ? _.gte(v) : _.lte(v))
  if (bound.id !== null) return _.or([{ [field]: past(bound.value) }, { [field]: bound.value, _id: past(bound.id) }]) as Record<string, unknown>
  return { [field]: bound.inclusive ? pastOrAt(bound.value) : past(bound.value) }
}

/**
 * Up to `limit` documents matching `where` after `bound`, in (field, _id) order: one read, which a
 * compound index on the equality fields then `field` answers without sorting.
 */
export async function readAfter<T, V = number>(
  db: Db,
  collection: string,
  where: Record<string, unknown>,
  order: { field: string; dir: Dir; fields?: Record<string, boolean> },
  bound: Bound<V> | null,
  limit: number,
): Promise<T[]> {
  const q = bound ? (db.command.and([where, beyond(db, order.field, order.dir, bound)]) as Record<string, unknown>) : where
  const query = order.fields ? db.collection(collection).where(q).field(order.fields) : db.collection(collection).where(q)
  const res = await query.orderBy(order.field, order.dir).orderBy('_id', order.dir).limit(limit).get()
  return res.data as T[]
}

/** A source reading one collection by (field, _id), where the field holds the item's time. */
export function collectionSource<T extends { _id: string }>(
  db: Db,
  s: { tag: string; rank?: number; collection: string; where: Record<string, unknown>; field: string; dir: Dir; at: (item: T) => number; fields?: Record<string, boolean> },
): Source<T> {
  return {
    tag: s.tag,
    rank: s.rank,
    fetch: (after, limit) => readAfter<T>(db, s.collection, s.where, { field: s.field, dir: s.dir, fields: s.fields }, after, limit),
    at: s.at,
    id: (item) => item._id,
  }
}

// ---------------------------------------------------------------------------------------------
// In-memory pages, for the few lists whose order no index holds (distance from the caller)

/** A plain offset: the candidate set of these lists is capped, so it stays cheap. */
export function parseOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0
  if (!/^\d{1,6}$/.test(cursor)) throw badCursor()
  return Number(cursor)
}

export function pageOf<T>(all: T[], offset: number, limit: number): PageResult<T> {
  const items = all.slice(offset, offset + limit)
  return { items, nextCursor: offset + limit < all.length ? String(offset + limit) : null }
}
