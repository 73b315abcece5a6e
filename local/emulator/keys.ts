// Index keys: one SQLite row per (document, key) with a (type rank, value) pair per field, so
// SQLite's ordering of (t, v) is MongoDB's BSON ordering for scalars and a range on (t = rank,
// v between bounds) is MongoDB's type-bracketed range ($gt: 5 never matches a string).
import { toStored } from './ejson'
import { collectPath, typeRank } from './values'

export type KeyPart = [number, number | string]

export function keyPart(v: unknown): KeyPart {
  const t = typeRank(v)
  switch (t) {
    case 1:
      // SQLite UNIQUE ignores NULLs, but MongoDB treats two missing/null keys as duplicates.
      return [1, 0]
    case 2:
      return [2, Number.isNaN(v as number) ? -Infinity : (v as number)]
    case 3:
      return [3, v as string]
    case 8:
      return [8, v ? 1 : 0]
    case 9:
      return [9, (v as Date).getTime()]
    case 11:
      return [11, String(v)]
    default:
      // objects and nested arrays: equality only (canonical JSON in stored field order)
      return [t, toStored(v)]
  }
}

/** Values a field contributes to a multikey index, and whether an array was involved. */
export function indexValues(doc: unknown, path: string): { values: unknown[]; multikey: boolean } {
  const raw: unknown[] = []
  let multikey = collectPath(doc, path.split('.'), 0, raw)
  const values: unknown[] = []
  for (const v of raw) {
    if (Array.isArray(v)) {
      multikey = true
      // MongoDB indexes an empty array as `undefined`; it never matches an equality on null,
      // so a plan that reads these rows must still filter the documents.
      if (v.length === 0) values.push(undefined)
      else for (const e of v) values.push(e)
    } else values.push(v)
  }
  return { values, multikey }
}

/** All key tuples of a document for an index on `fields` (cartesian product, deduplicated). */
export function indexTuples(doc: unknown, fields: string[]): { tuples: KeyPart[][]; multikey: boolean } {
  let tuples: KeyPart[][] = [[]]
  let multikey = false
  for (const f of fields) {
    const r = indexValues(doc, f)
    multikey = multikey || r.multikey
    const parts = dedupe(r.values.map(keyPart))
    const next: KeyPart[][] = []
    for (const t of tuples) for (const p of parts) next.push([...t, p])
    tuples = next
  }
  return { tuples, multikey }
}

function dedupe(parts: KeyPart[]): KeyPart[] {
  const seen = new Set<string>()
  const out: KeyPart[] = []
  for (const p of parts) {
    const k = `${p[0]}\u0000${typeof p[1]}\u0000${p[1]}`
    if (!seen.has(k)) {
      seen.add(k)
      out.push(p)
    }
  }
  return out
}

export function tuplesSignature(tuples: KeyPart[][]): string {
  return JSON.stringify(tuples)
}

/** Whether a query value can be looked up in an index by (t, v) equality. */
export function isIndexableScalar(v: unknown): boolean {
  if (v === null) return true
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return true
  if (v instanceof Date) return true
  return false
}
