// Database operations shared by the HTTP protocol and the direct Store API. All synchronous.
import { randomBytes } from 'node:crypto'
import { EmulatorError, LockedError, invalidParam, requestFailed, transactionConflict } from './errors'
import { fromStored, toStored } from './ejson'
import type { IndexManifest } from './manifest'
import { candidateCount, candidates, describe, plan } from './planner'
import { aggregate as runPipeline, compileFilter, project } from './query'
import { Storage, idKey, type CollectionHandle } from './storage'
import { TxManager, docKey, type Tx } from './transactions'
import { applyReplacement, applyUpdate, isOperatorUpdate } from './update'
import { compareValues, isPlainObject, sortDocs, sortKey, type Doc, type SortSpec } from './values'

export interface FindOptions {
  sort?: SortSpec
  skip?: number
  limit?: number
  projection?: Doc
}

export interface ModifyOptions {
  /** false: only the first matching document (updateOne). */
  multi: boolean
  /** false: `data` replaces the document (doc().set()); true: operators / field merge. */
  merge: boolean
  upsert: boolean
  now: number
}

export interface ModifyResult {
  updated: number
  upsertId?: unknown
}

/** CloudBase generates 32 hex characters for a document without _id. */
export const newId = (): string => randomBytes(16).toString('hex')

function validateNewDoc(doc: unknown): Doc {
  if (!isPlainObject(doc)) throw invalidParam('a document must be an object')
  for (const k of Object.keys(doc)) {
    if (k.startsWith('$')) throw requestFailed(`Document can't have $ prefixed field names: ${k}`)
  }
  const id = doc._id
  if (Array.isArray(id)) throw requestFailed("can't use an array for _id")
  if (id instanceof RegExp) throw requestFailed("can't use a regex for _id")
  if (id === undefined) return { _id: newId(), ...doc }
  if (id === null) throw invalidParam('_id cannot be null')
  return doc
}

export class Engine {
  readonly storage: Storage
  readonly tx: TxManager
  closed = false

  constructor(
    file: string,
    manifest: IndexManifest,
    readonly env: string,
    readonly now: () => number,
  ) {
    this.storage = new Storage(file, manifest, env)
    this.tx = new TxManager(now)
  }

  close(): void {
    this.closed = true
    this.tx.close()
    this.storage.close()
  }

  private handle(coll: string): CollectionHandle | undefined {
    return this.storage.open(coll, false)
  }

  private writable(coll: string): CollectionHandle {
    return this.storage.open(coll, true)
  }

  // ---- reads (committed state) -------------------------------------------------------------

  getById(coll: string, id: unknown): Doc | undefined {
    const h = this.handle(coll)
    if (!h) return undefined
    const text = this.storage.getText(h, idKey(id))
    return text === undefined ? undefined : fromStored(text)
  }

  find(coll: string, filter: Doc, opts: FindOptions = {}): Doc[] {
    const h = this.handle(coll)
    if (!h) return []
    const compiled = compileFilter(filter, h.geoFields)
    const sort = opts.sort ?? []
    const skip = opts.skip ?? 0
    const limit = opts.limit
    const p = plan(h, filter, sort, limit !== undefined)
    // When the plan answers the whole filter, every candidate matches.
    const match = p.exact ? (): boolean => true : compiled
    const need = limit === undefined ? Infinity : skip + limit
    const out: Doc[] = []
    if (sort.length === 0 || p.ordered) {
      // Rows already come in the requested order (or no order was asked for): stop early. With
      // a sort, keep reading past `need` while the first sort key ties, then sort exactly.
      let edge: unknown
      for (const row of candidates(this.storage, h, p)) {
        const doc = fromStored(row.doc)
        if (!match(doc)) continue
        if (out.length >= need) {
          if (sort.length === 0) break
          if (compareValues(sortKey(doc, sort[0][0], sort[0][1]), edge) !== 0) break
        }
        out.push(doc)
        if (out.length === need && sort.length > 0) edge = sortKey(doc, sort[0][0], sort[0][1])
      }
    } else {
      for (const row of candidates(this.storage, h, p)) {
        const doc = fromStored(row.doc)
        if (match(doc)) out.push(doc)
      }
    }
    const sorted = sortDocs(out, sort)
    const page = sorted.slice(skip, limit === undefined ? undefined : skip + limit)
    return project(page, opts.projection)
  }

  count(coll: string, filter: Doc): number {
    const h = this.handle(coll)
    if (!h) return 0
    const match = compileFilter(filter, h.geoFields)
    if (Object.keys(filter).length === 0) return h.countStmt.get() as number
    const p = plan(h, filter)
    if (p.exact) return candidateCount(this.storage, h, p)
    let n = 0
    for (const row of candidates(this.storage, h, p)) if (match(fromStored(row.doc))) n++
    return n
  }

  explain(coll: string, filter: Doc): { plan: string; candidates: number } {
    const h = this.handle(coll)
    if (!h) return { plan: 'scan', candidates: 0 }
    const p = plan(h, filter)
    return { plan: describe(p), candidates: candidateCount(this.storage, h, p) }
  }

  aggregate(coll: string, pipeline: Doc[]): Doc[] {
    const h = this.handle(coll)
    const geo = h?.geoFields ?? new Set<string>()
    let source: Iterable<Doc> = []
    if (h) {
      // A leading $match selects candidates through the planner (the stage still runs).
      const first = pipeline[0]
      const filter = first && isPlainObject(first.$match) ? (first.$match as Doc) : {}
      if (first && '$match' in first) compileFilter(filter, geo)
      const p = plan(h, filter)
      const storage = this.storage
      source = (function* () {
        for (const row of candidates(storage, h, p)) yield fromStored(row.doc)
      })()
    }
    const resolve = (name: string): Doc[] => this.find(name, {})
    return runPipeline(source, pipeline, resolve, geo)
  }

  // ---- non-transactional writes --------------------------------------------------------------
  // A document with an uncommitted transactional write is locked: the write throws LockedError
  // before touching anything, and the protocol layer waits for that transaction to end.

  private checkLock(coll: string, key: string): void {
    const holder = this.tx.lockHolder(docKey(coll, key))
    if (holder) throw new LockedError(holder)
  }

  private writeInsert(h: CollectionHandle, doc: Doc): void {
    this.storage.insert(h, doc)
    this.tx.committed(docKey(h.name, idKey(doc._id)), undefined)
  }

  private writeReplace(h: CollectionHandle, before: Doc, beforeText: string, after: Doc): void {
    this.storage.replace(h, before, after)
    this.tx.committed(docKey(h.name, idKey(before._id)), beforeText)
  }

  private writeDelete(h: CollectionHandle, before: Doc, beforeText: string): void {
    this.storage.delete(h, before)
    this.tx.committed(docKey(h.name, idKey(before._id)), beforeText)
  }

  /**
   * Runs per-document writes the way MongoDB's ordered bulk writes do: each document is atomic,
   * the first failure stops the batch, and documents written before it stay written.
   */
  private ordered<T>(items: T[], write: (item: T) => void): void {
    let failure: unknown
    this.storage.atomic(() => {
      for (const item of items) {
        try {
          this.storage.atomic(() => write(item))
        } catch (e) {
          failure = e
          break
        }
      }
    })
    if (failure !== undefined) throw failure
  }

  /** Inserts documents (ids generated when missing); duplicates → DATABASE_DUPLICATE_WRITE. */
  insert(coll: string, docs: unknown[]): unknown[] {
    const h = this.writable(coll)
    const ready = docs.map(validateNewDoc)
    for (const d of ready) this.checkLock(coll, idKey(d._id))
    this.ordered(ready, (d) => this.writeInsert(h, d))
    return ready.map((d) => d._id)
  }

  /** Bulk load in one SQLite transaction: all documents or none (used by seed and benchmarks). */
  insertAll(coll: string, docs: unknown[]): unknown[] {
    const h = this.writable(coll)
    const ready = docs.map(validateNewDoc)
    this.storage.atomic(() => {
      for (const d of ready) this.storage.insert(h, d)
    })
    // Recorded only once the batch is in: a failed batch leaves no trace for transactions.
    for (const d of ready) this.tx.committed(docKey(coll, idKey(d._id)), undefined)
    return ready.map((d) => d._id)
  }

  /** Inserts or replaces by _id, ignoring transaction locks (direct access for tests/seed). */
  upsertDoc(coll: string, raw: unknown): unknown {
    const h = this.writable(coll)
    const doc = validateNewDoc(raw)
    const key = idKey(doc._id)
    this.storage.atomic(() => {
      const before = this.storage.getText(h, key)
      if (before === undefined) this.writeInsert(h, doc)
      else this.writeReplace(h, fromStored(before), before, doc)
    })
    return doc._id
  }

  private matching(h: CollectionHandle, filter: Doc, multi: boolean): Array<{ doc: Doc; text: string }> {
    const compiled = compileFilter(filter, h.geoFields)
    const p = plan(h, filter)
    const match = p.exact ? (): boolean => true : compiled
    const out: Array<{ doc: Doc; text: string }> = []
    for (const row of candidates(this.storage, h, p)) {
      const doc = fromStored(row.doc)
      if (!match(doc)) continue
      out.push({ doc, text: row.doc })
      if (!multi) break
    }
    return out
  }

  modify(coll: string, filter: Doc, data: Doc, opts: ModifyOptions): ModifyResult {
    const h = this.writable(coll)
    let update: Doc | undefined
    if (opts.merge) {
      const keys = Object.keys(data)
      if (keys.length === 0) throw invalidParam('update data must not be empty')
      if (isOperatorUpdate(data)) update = data
      else if (keys.some((k) => k.startsWith('$'))) throw requestFailed('an update cannot mix operators and plain fields')
      else update = { $set: data }
    }
    const targets = this.matching(h, filter, opts.multi)
    for (const t of targets) this.checkLock(coll, idKey(t.doc._id))

    if (targets.length === 0) {
      if (!opts.upsert) return { updated: 0 }
      const id = isPlainObject(filter) && filter._id !== undefined && !isPlainObject(filter._id) ? filter._id : newId()
      this.checkLock(coll, idKey(id))
      const doc = update ? applyUpdate({ _id: id }, update, opts.now, true) : applyReplacement(id, data)
      this.storage.atomic(() => this.writeInsert(h, validateNewDoc(doc)))
      return { updated: 0, upsertId: id }
    }

    let updated = 0
    this.ordered(targets, ({ doc, text }) => {
      const next = update ? applyUpdate(doc, update, opts.now) : applyReplacement(doc._id, data)
      // An update that changes nothing counts 0 (MongoDB's modified count); CloudBase's set()
      // of an existing document reports 1 whether or not its content changed.
      if (toStored(next) === text) {
        if (!update) updated++
        return
      }
      this.writeReplace(h, doc, text, next)
      updated++
    })
    return { updated }
  }

  remove(coll: string, filter: Doc, multi: boolean, respectLocks = true): number {
    const h = this.handle(coll)
    if (!h) return 0
    const targets = this.matching(h, filter, multi)
    if (respectLocks) for (const t of targets) this.checkLock(coll, idKey(t.doc._id))
    let deleted = 0
    this.ordered(targets, ({ doc, text }) => {
      this.writeDelete(h, doc, text)
      deleted++
    })
    return deleted
  }

  // ---- transactions ----------------------------------------------------------------------------

  startTransaction(): Tx {
    return this.tx.start()
  }

  /** The document as the transaction sees it: its own write, else its snapshot. */
  private txView(t: Tx, coll: string, key: string): Doc | null {
    const k = docKey(coll, key)
    const own = t.writes.get(k)
    if (own) return own.doc
    const h = this.handle(coll)
    const current = h ? this.storage.getText(h, key) : undefined
    const text = this.tx.snapshotText(t, k, current)
    return text === undefined ? null : fromStored(text)
  }

  txGet(txId: unknown, coll: string, id: unknown): Doc | null {
    const t = this.tx.use(txId)
    return this.txView(t, coll, idKey(id))
  }

  private stage(t: Tx, coll: string, key: string, doc: Doc | null): void {
    const k = docKey(coll, key)
    this.tx.claim(t, k)
    if (doc) this.checkUniqueInTx(t, coll, key, doc)
    t.writes.set(k, { coll, key, doc })
  }

  /**
   * Unique indexes are checked at the write against what the transaction sees (committed rows
   * it has not rewritten, plus its own pending documents); commit checks again in SQLite.
   */
  private checkUniqueInTx(t: Tx, coll: string, key: string, doc: Doc): void {
    const h = this.writable(coll)
    for (const ix of h.indexes) {
      if (!ix.unique) continue
      for (const other of this.storage.uniqueHolders(ix, doc)) {
        if (other === key) continue
        const pending = t.writes.get(docKey(coll, other))
        if (pending && pending.doc === null) continue
        if (pending && pending.doc && !this.storage.sameUniqueKey(ix, pending.doc, doc)) continue
        throw this.storage.duplicateError(ix, doc)
      }
      for (const w of t.writes.values()) {
        if (w.coll !== coll || w.key === key || !w.doc) continue
        if (this.storage.sameUniqueKey(ix, w.doc, doc)) throw this.storage.duplicateError(ix, doc)
      }
    }
  }

  txInsert(txId: unknown, coll: string, raw: unknown): unknown {
    const t = this.tx.use(txId)
    const doc = validateNewDoc(raw)
    const key = idKey(doc._id)
    if (this.txView(t, coll, key)) {
      throw new EmulatorError(
        'DATABASE_DUPLICATE_WRITE',
        `E11000 duplicate key error collection: ${this.env}.${coll} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`,
      )
    }
    this.stage(t, coll, key, doc)
    return doc._id
  }

  txSet(txId: unknown, coll: string, id: unknown, data: Doc): ModifyResult {
    const t = this.tx.use(txId)
    const key = idKey(id)
    const before = this.txView(t, coll, key)
    const next = applyReplacement(id, data)
    if (!before) {
      this.stage(t, coll, key, next)
      return { updated: 0, upsertId: id }
    }
    this.tx.claim(t, docKey(coll, key))
    // As outside a transaction: set() of an existing document reports 1 even when unchanged.
    if (!sameDoc(before, next)) this.stage(t, coll, key, next)
    return { updated: 1 }
  }

  txUpdate(txId: unknown, coll: string, id: unknown, data: Doc, now: number): ModifyResult {
    const t = this.tx.use(txId)
    const key = idKey(id)
    const before = this.txView(t, coll, key)
    if (!before) return { updated: 0 }
    const update = isOperatorUpdate(data) ? data : { $set: data }
    this.tx.claim(t, docKey(coll, key))
    const next = applyUpdate(before, update, now)
    if (sameDoc(before, next)) return { updated: 0 }
    this.stage(t, coll, key, next)
    return { updated: 1 }
  }

  txRemove(txId: unknown, coll: string, id: unknown): number {
    const t = this.tx.use(txId)
    const key = idKey(id)
    if (!this.txView(t, coll, key)) return 0
    this.stage(t, coll, key, null)
    return 1
  }

  commit(txId: unknown): void {
    const t = this.tx.use(txId)
    const applied: Array<{ k: string; before: string | undefined }> = []
    try {
      for (const [k] of t.writes) {
        // Direct Store writes bypass locks; never let a commit overwrite one silently.
        if (this.tx.changedSince(t, k)) {
          throw transactionConflict()
        }
      }
      this.storage.atomic(() => {
        for (const [k, w] of t.writes) {
          const h = this.writable(w.coll)
          const before = this.storage.getText(h, w.key)
          if (w.doc === null) {
            if (before !== undefined) this.storage.delete(h, fromStored(before))
          } else if (before === undefined) this.storage.insert(h, w.doc)
          else this.storage.replace(h, fromStored(before), w.doc)
          applied.push({ k, before })
        }
      })
    } catch (e) {
      this.tx.end(t)
      throw e
    }
    this.tx.end(t)
    for (const a of applied) this.tx.committed(a.k, a.before)
  }

  abort(txId: unknown): void {
    const t = this.tx.use(txId)
    this.tx.end(t)
  }

  clear(): void {
    this.storage.clear()
  }
}

function sameDoc(a: Doc, b: Doc): boolean {
  return toStored(a) === toStored(b)
}
