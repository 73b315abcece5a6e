import type { Db } from './db'

export interface PageRequest {
  cursor?: string
  limit: number
}

/**
 * One page of a query in `_id` order; the cursor is the last `_id` seen, so pages never skip or
 * repeat a document however many are added meanwhile, and no `skip` ever scans.
 */
export async function pageById<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: Record<string, unknown>,
  page: PageRequest,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const q = page.cursor ? { ...where, _id: db.command.gt(page.cursor) } : where
  const res = await db.collection(collection).where(q).orderBy('_id', 'asc').limit(page.limit + 1).get()
  const rows = res.data as T[]
  const items = rows.slice(0, page.limit)
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]._id : null }
}

/**
 * One page of a list sorted in memory by a string key that is unique and ordered as the list is; the
 * cursor is the last key seen, so a page never repeats or skips an item however many are added before
 * it. Keys must use only cursor-safe characters ([A-Za-z0-9_-]).
 */
export function pageSorted<T>(items: T[], keyOf: (t: T) => string, page: { cursor?: string; limit: number }): { items: T[]; nextCursor: string | null } {
  const keyed = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const after = page.cursor ? keyed.filter((k) => k.key > page.cursor!) : keyed
  const slice = after.slice(0, page.limit)
  return { items: slice.map((k) => k.item), nextCursor: after.length > page.limit ? slice[slice.length - 1].key : null }
}

const FAR_FUTURE = 1e15

/** A sort key that orders by time, newest first, then by id. */
export function newestFirstKey(at: number, id: string): string {
  return String(FAR_FUTURE - at).padStart(16, '0') + id
}

/** A sort key that orders by time, oldest first, then by id. */
export function oldestFirstKey(at: number, id: string): string {
  return String(at).padStart(16, '0') + id
}
