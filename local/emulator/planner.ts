// Query planning: pick the rows SQLite must read before the full MongoDB filter (mingo) runs.
// Pushed down: `_id` equality/$in, and equality/$in/range on the first field of a declared
// index. Candidates are always a superset of the matches; the filter decides.
import type Database from 'better-sqlite3'
import { isIndexableScalar, keyPart } from './keys'
import type { CollectionHandle, IndexHandle, Row, Storage } from './storage'
import { idKey } from './storage'
import { isPlainObject, typeRank, type Doc, type SortSpec } from './values'

type Bound = { v: number | string; inc: boolean }

export type Predicate =
  | { kind: 'eq'; values: unknown[] }
  | { kind: 'range'; t: number; lo?: Bound; hi?: Bound }
  | { kind: 'all' }

export interface Plan {
  kind: 'id' | 'index' | 'scan'
  ids?: string[]
  index?: IndexHandle
  pred?: Predicate
  /** Rows come out in this sort order, so a limited query can stop early. */
  ordered?: { column: 0 | 1; dir: 1 | -1 }
  /** The predicate is the whole filter (count can be answered from the index alone). */
  exact: boolean
}

const RANGE_OPS = ['$gt', '$gte', '$lt', '$lte']

/** Field conditions ANDed at the top level (including inside top-level $and). */
function conjuncts(filter: Doc, out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) conjuncts(sub, out)
    } else if (!k.startsWith('$')) out.push([k, v])
  }
  return out
}

function uniqueValues(values: unknown[]): unknown[] {
  const seen = new Set<string>()
  return values.filter((v) => {
    const [t, k] = keyPart(v)
    const s = `${t}:${typeof k}:${k}`
    if (seen.has(s)) return false
    seen.add(s)
    return true
  })
}

/** The index predicate a field condition implies, and whether it says nothing more than that. */
function classify(cond: unknown, multikey: boolean): { pred: Predicate; exact: boolean } | undefined {
  // An empty array is indexed like null but does not match {f: null}.
  if (isIndexableScalar(cond)) return { pred: { kind: 'eq', values: [cond] }, exact: !(multikey && cond === null) }
  if (!isPlainObject(cond)) return undefined
  const keys = Object.keys(cond)
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return undefined
  const used = new Set<string>()
  let eq: unknown[] | undefined
  if ('$eq' in cond && isIndexableScalar(cond.$eq)) {
    eq = [cond.$eq]
    used.add('$eq')
  }
  if ('$in' in cond && Array.isArray(cond.$in) && cond.$in.every(isIndexableScalar)) {
    const vals = uniqueValues(cond.$in)
    if (!eq || vals.length < eq.length) eq = vals
    used.add('$in')
  }
  if (eq) {
    const exact = used.size === 1 && keys.length === 1 && !(multikey && eq.includes(null))
    return { pred: { kind: 'eq', values: eq }, exact }
  }
  let t: number | undefined
  let lo: Bound | undefined
  let hi: Bound | undefined
  for (const op of RANGE_OPS) {
    if (!(op in cond)) continue
    const v = cond[op]
    if (!isIndexableScalar(v) || v === null) continue
    const r = typeRank(v)
    if (t === undefined) t = r
    else if (t !== r) continue
    const b: Bound = { v: keyPart(v)[1], inc: op.endsWith('e') }
    if (op.startsWith('$g')) lo = b
    else hi = b
    used.add(op)
  }
  if (t === undefined) return undefined
  // On a multikey index {$gt: a, $lt: b} may be satisfied by two different elements, so only
  // one bound can be used (as MongoDB does).
  if (multikey && lo && hi) hi = undefined
  return { pred: { kind: 'range', t, lo, hi }, exact: !multikey && used.size === keys.length }
}

function score(p: Predicate): number {
  if (p.kind === 'eq') return p.values.length
  if (p.kind === 'range') return p.lo && p.hi ? 1e6 : 2e6
  return 1e9
}

export function plan(h: CollectionHandle, filter: Doc, sort: SortSpec = [], wantOrder = false): Plan {
  const conds = conjuncts(filter)
  // Exact only for a lone field condition: `{$and: [{a: 1}, {$or: …}]}` has one key and one
  // indexable conjunct, but the `$or` must still be applied to the candidates.
  const keys = Object.keys(filter)
  const onlyOne = keys.length === 1 && !keys[0].startsWith('$') && conds.length === 1

  for (const [path, cond] of conds) {
    if (path !== '_id') continue
    const c = classify(cond, false)
    if (c && c.pred.kind === 'eq') {
      const ids = [...new Set(c.pred.values.filter((v) => v !== null).map(idKey))]
      return { kind: 'id', ids, exact: onlyOne && c.exact }
    }
  }

  let best: Plan | undefined
  for (const ix of h.indexes) {
    for (const [path, cond] of conds) {
      if (path !== ix.fields[0]) continue
      const c = classify(cond, ix.multikey)
      if (!c) continue
      const candidate: Plan = { kind: 'index', index: ix, pred: c.pred, exact: onlyOne && c.exact }
      if (wantOrder && sort.length > 0 && !ix.multikey) {
        if (sort[0][0] === ix.fields[0]) candidate.ordered = { column: 0, dir: sort[0][1] }
        else if (
          ix.fields[1] === sort[0][0] &&
          c.pred.kind === 'eq' &&
          c.pred.values.length === 1
        ) {
          candidate.ordered = { column: 1, dir: sort[0][1] }
        }
      }
      if (!best || better(candidate, best)) best = candidate
    }
  }
  if (best) return best

  if (wantOrder && sort.length > 0) {
    const ix = h.indexes.find((i) => !i.multikey && i.fields[0] === sort[0][0])
    if (ix) return { kind: 'index', index: ix, pred: { kind: 'all' }, ordered: { column: 0, dir: sort[0][1] }, exact: false }
  }
  return { kind: 'scan', exact: false }
}

function better(a: Plan, b: Plan): boolean {
  const sa = score(a.pred!)
  const sb = score(b.pred!)
  if (sa !== sb) return sa < sb
  return !!a.ordered && !b.ordered
}

function whereClause(p: Predicate, params: unknown[]): string {
  if (p.kind === 'all') return '1'
  if (p.kind === 'eq') {
    return p.values
      .map((v) => {
        const [t, k] = keyPart(v)
        params.push(t, k)
        return '(t0 = ? AND v0 = ?)'
      })
      .join(' OR ')
  }
  const parts = ['t0 = ?']
  params.push(p.t)
  if (p.lo) {
    parts.push(`v0 ${p.lo.inc ? '>=' : '>'} ?`)
    params.push(p.lo.v)
  }
  if (p.hi) {
    parts.push(`v0 ${p.hi.inc ? '<=' : '<'} ?`)
    params.push(p.hi.v)
  }
  return parts.join(' AND ')
}

type Stmt = Database.Statement<unknown[], unknown>

const stmtCache = new WeakMap<Storage, Map<string, Stmt>>()

function prepared(storage: Storage, sql: string): Stmt {
  let cache = stmtCache.get(storage)
  if (!cache) stmtCache.set(storage, (cache = new Map()))
  let s = cache.get(sql)
  if (!s) {
    s = storage.db.prepare<unknown[], unknown>(sql)
    if (cache.size > 500) cache.clear()
    cache.set(sql, s)
  }
  return s
}

/** Candidate rows for a plan, in the plan's order. */
export function* candidates(storage: Storage, h: CollectionHandle, p: Plan): Generator<Row> {
  if (p.kind === 'id') {
    for (const id of p.ids!) {
      const doc = storage.getText(h, id)
      if (doc !== undefined) yield { id, doc }
    }
    return
  }
  if (p.kind === 'scan') {
    yield* h.scanStmt.iterate() as Iterable<Row>
    return
  }
  const ix = p.index!
  const params: unknown[] = []
  const where = whereClause(p.pred!, params)
  let order = 'x.t0, x.v0, x.id'
  if (p.ordered) {
    const d = p.ordered.dir === -1 ? 'DESC' : 'ASC'
    const c = p.ordered.column
    order = `x.t${c} ${d}, x.v${c} ${d}, x.id ${d}`
  }
  const sql = `SELECT m.id AS id, m.doc AS doc FROM ${ix.table} x JOIN ${h.table} m ON m.id = x.id WHERE ${where} ORDER BY ${order}`
  const rows = prepared(storage, sql).iterate(...params) as Iterable<Row>
  if (!ix.multikey) {
    yield* rows
    return
  }
  const seen = new Set<string>()
  for (const r of rows) {
    if (seen.has(r.id)) continue
    seen.add(r.id)
    yield r
  }
}

/** Number of documents the plan reads (what `explain` reports). */
export function candidateCount(storage: Storage, h: CollectionHandle, p: Plan): number {
  if (p.kind === 'id') return p.ids!.filter((id) => storage.getText(h, id) !== undefined).length
  if (p.kind === 'scan') return h.countStmt.get() as number
  const ix = p.index!
  const params: unknown[] = []
  const where = whereClause(p.pred!, params)
  const sql = `SELECT COUNT(${ix.multikey ? 'DISTINCT id' : '*'}) FROM ${ix.table} WHERE ${where}`
  return prepared(storage, sql).pluck().get(...params) as number
}

export function describe(p: Plan): string {
  return p.kind === 'index' ? `index:${p.index!.name}` : p.kind
}
