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
