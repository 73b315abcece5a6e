import { createHash } from 'node:crypto'
import { AppError } from './app-error'
import { findById, isDuplicate, type Db } from './db'

/**
 * Creating actions take a key the phone makes once per thing it creates (`requestId`, a UUID) and
 * sends again on every retry. The new document's id is derived from the caller and that key, so a
 * retry after a lost reply lands on the same document and is answered with it (docs/bad-inputs.md §15, §27);
 * the same key with another payload is refused.
 */

/** The id of what this caller's request creates: `<prefix><length letters>` from (openid, key). */
export function requestDocId(prefix: string, openid: string, requestId: string, length = 20): string {
  return prefix + createHash('sha256').update(`${openid}|${requestId}`).digest('base64url').replace(/[-_]/g, '').slice(0, length).toLowerCase()
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
  return v
}

/** A fingerprint of a request's payload, to tell a retry from a reuse of its key. */
export function requestHash(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(payload))).digest('base64url').slice(0, 32)
}

/** A document made by a request: what it was made from. */
export interface Requested {
  _id: string
  requestHash?: string
}

/** The earlier answer's document when this is a retry of the same request; refuses a reused key. */
export function asReplay<T extends Requested>(existing: T | null, hash: string): T | null {
  if (!existing) return null
  if (existing.requestHash !== hash) throw new AppError('GENERIC.DUPLICATE_REQUEST')
  return existing
}

/**
 * Inserts `doc` under its derived id, once. Answers `{ doc, replay }`: the stored document and
 * whether it was already there (made by the same request). Callers answer a plain retry before
 * they validate (`asReplay`); this catches the same request sent twice at once.
 */
export async function insertOnce<T extends Requested & { requestHash: string }>(db: Db, collection: string, doc: T): Promise<{ doc: T; replay: boolean }> {
  try {
    await db.collection(collection).add({ data: { ...doc } as Record<string, unknown> })
    return { doc, replay: false }
  } catch (e) {
    if (!isDuplicate(e)) throw e
    const other = asReplay(await findById<T>(db, collection, doc._id), doc.requestHash)
    if (!other) throw e
    return { doc: other, replay: true }
  }
}
