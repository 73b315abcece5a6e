// CloudBase's database protocol as @cloudbase/database 1.4.3 speaks it: one POST to /admin per
// call, `{action: 'database.<op>', collectionName, query: <EJSON text>, ...}`. Answers are
// `{requestId, data: {...}}` (start: `{requestId, transactionId}`) or `{requestId, code, message}`.
import { EmulatorError, LockedError, collectionAlreadyExists, collectionNotExist, invalidParam, notImplemented } from './errors'
import { decodeWire, encodeWire, type DecodeContext } from './ejson'
import type { Engine } from './engine'
import type { FileStore } from './files'
import { project } from './query'
import { isPlainObject, type Doc, type SortSpec } from './values'

/** Limits CloudBase applies to a query (the SDK sends 100 when no limit is given). */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

export interface WireRequest {
  action?: unknown
  envName?: unknown
  collectionName?: unknown
  query?: unknown
  queryType?: unknown
  multi?: unknown
  merge?: unknown
  upsert?: unknown
  data?: unknown
  order?: unknown
  offset?: unknown
  limit?: unknown
  projection?: unknown
  transactionId?: unknown
  stages?: unknown
  file_list?: unknown
}

export type WireResponse = Record<string, unknown>

function collectionName(req: WireRequest): string {
  const c = req.collectionName
  if (typeof c !== 'string' || c === '') throw invalidParam('collectionName is required')
  return c
}

/** The request's collection, which must exist: CloudBase refuses reads and writes alike of one nobody created. */
function existing(engine: Engine, req: WireRequest): string {
  const c = collectionName(req)
  if (!engine.storage.has(c)) throw collectionNotExist(c)
  return c
}

function decodeObject(v: unknown, ctx: DecodeContext, what: string): Doc {
  if (v === undefined || v === null || v === '') return {}
  const d = decodeWire(v, ctx)
  if (!isPlainObject(d)) throw invalidParam(`${what} must be an object`)
  return d
}

function decodeOrder(v: unknown, ctx: DecodeContext): SortSpec {
  if (v === undefined || v === null || v === '') return []
  const d = decodeWire(v, ctx)
  const spec: SortSpec = []
  // 1.4.3 sends {field: 1|-1}; older SDKs sent [{field, direction: 'asc'|'desc'}].
  if (Array.isArray(d)) {
    for (const o of d) {
      if (!isPlainObject(o) || typeof o.field !== 'string') throw invalidParam('malformed order')
      spec.push([o.field, o.direction === 'desc' || o.direction === -1 ? -1 : 1])
    }
  } else if (isPlainObject(d)) {
    for (const [f, dir] of Object.entries(d)) {
      if (dir !== 1 && dir !== -1) throw invalidParam(`order direction for ${f} must be 1 or -1`)
      spec.push([f, dir])
    }
  } else throw invalidParam('malformed order')
  return spec
}

function nonNegativeInt(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(`${what} must be a non-negative integer`)
  return v
}

function docId(query: Doc): unknown {
  const id = query._id
  if (id === undefined || isPlainObject(id)) throw invalidParam('a document operation needs query {_id: <id>}')
  return id
}

/**
 * Runs a write; when it meets a document locked by a live transaction it waits for that
 * transaction to end and tries again (MongoDB blocks such a write the same way).
 */
async function withLocks<T>(engine: Engine, fn: () => T): Promise<T> {
  for (;;) {
    try {
      return fn()
    } catch (e) {
      if (!(e instanceof LockedError)) throw e
      await engine.tx.waitFor(e.txId)
      if (engine.closed) throw new EmulatorError('SYS_ERR', 'the emulator closed while this write waited for a transaction')
    }
  }
}

export async function dispatch(engine: Engine, req: WireRequest, files?: FileStore): Promise<WireResponse> {
  const ctx: DecodeContext = { now: engine.now() }
  const txId = req.transactionId
  const inTx = txId !== undefined && txId !== null && txId !== ''
  switch (req.action) {
    case 'database.getDocument': {
      const coll = existing(engine, req)
      const query = decodeObject(req.query, ctx, 'query')
      const projection = req.projection === undefined ? undefined : decodeObject(req.projection, ctx, 'projection')
      if (inTx) {
        if (req.queryType !== 'DOC') throw notImplemented('a query (where().get()) inside a transaction: transactions support document operations only')
        const doc = engine.txGet(txId, coll, docId(query))
        const list = doc ? (projection ? project([doc], projection) : [doc]) : []
        return { data: { list: list.map(encodeWire) } }
      }
      const limitRaw = nonNegativeInt(req.limit, 'limit')
      const limit = Math.min(limitRaw ? limitRaw : DEFAULT_LIMIT, MAX_LIMIT)
      const skip = nonNegativeInt(req.offset, 'offset') ?? 0
      const sort = decodeOrder(req.order, ctx)
      const docs = engine.find(coll, query, { sort, skip, limit, projection })
      return { data: { list: docs.map(encodeWire) } }
    }

    case 'database.calculateDocument': {
      if (inTx) throw notImplemented('count() inside a transaction')
      const coll = existing(engine, req)
      return { data: { total: engine.count(coll, decodeObject(req.query, ctx, 'query')) } }
    }

    case 'database.insertDocument': {
      const coll = existing(engine, req)
      if (!Array.isArray(req.data) || req.data.length === 0) throw invalidParam('data must be a non-empty array of documents')
      const docs = req.data.map((d) => decodeWire(d, ctx))
      if (inTx) {
        const ids = docs.map((d) => engine.txInsert(txId, coll, d))
        return { data: { insertedIds: ids } }
      }
      const ids = await withLocks(engine, () => engine.insert(coll, docs))
      return { data: { insertedIds: ids } }
    }

    case 'database.modifyDocument': {
      const coll = existing(engine, req)
      const query = decodeObject(req.query, ctx, 'query')
      const data = decodeObject(req.data, ctx, 'data')
      const merge = req.merge !== false
      const upsert = req.upsert === true
      if (inTx) {
        // In CloudBase only doc() operations carry the transaction id; a where().update()
        // inside a transaction is sent WITHOUT it and runs as a normal write (see below).
        if (req.queryType !== 'DOC') throw notImplemented('a where() update inside a transaction')
        const id = docId(query)
        const r = merge ? engine.txUpdate(txId, coll, id, data, ctx.now) : engine.txSet(txId, coll, id, data)
        return { data: modifyData(r.updated, r.upsertId) }
      }
      // NB: this is also where `transaction.collection(x).where(...).update()` lands: the SDK
      // sends it without transactionId, so it commits at once and survives a rollback. That is
      // CloudBase's behaviour (a trap the app avoids by using doc-level writes in transactions).
      const multi = req.queryType === 'DOC' ? false : req.multi !== false
      const r = await withLocks(engine, () => engine.modify(coll, query, data, { multi, merge, upsert, now: ctx.now }))
      return { data: modifyData(r.updated, r.upsertId) }
    }

    case 'database.removeDocument': {
      const coll = existing(engine, req)
      const query = decodeObject(req.query, ctx, 'query')
      if (inTx) {
        if (req.queryType !== 'DOC') throw notImplemented('a where() remove inside a transaction')
        return { data: { deleted: engine.txRemove(txId, coll, docId(query)) } }
      }
      const multi = req.queryType === 'DOC' ? false : req.multi !== false
      const deleted = await withLocks(engine, () => engine.remove(coll, query, multi))
      return { data: { deleted } }
    }

    case 'database.aggregateDocuments': {
      const coll = existing(engine, req)
      if (!Array.isArray(req.stages)) throw invalidParam('stages must be an array')
      const pipeline = req.stages.map((s: unknown) => {
        if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw invalidParam('malformed aggregation stage')
        const value = typeof s.stageValue === 'string' ? decodeWire(s.stageValue, ctx) : s.stageValue
        return { [s.stageKey]: value } as Doc
      })
      return { data: { list: engine.aggregate(coll, pipeline).map(encodeWire) } }
    }

    case 'database.startTransaction':
      return { transactionId: engine.startTransaction().id }

    case 'database.commitTransaction':
      engine.commit(txId)
      return {}

    case 'database.abortTransaction':
      engine.abort(txId)
      return {}

    case 'database.addCollection': {
      const coll = collectionName(req)
      if (engine.storage.has(coll)) throw collectionAlreadyExists()
      engine.storage.open(coll, true)
      return {}
    }

    case 'storage.batchGetDownloadUrl': {
      // What cloud.getTempFileURL sends: [{fileid, max_age?}], answered per file.
      if (!files) throw notImplemented('storage')
      const list = req.file_list
      if (!Array.isArray(list) || list.length === 0 || list.length > 50) throw invalidParam('file_list must hold 1 to 50 files')
      const now = engine.now()
      return {
        data: {
          download_list: list.map((f: unknown) => {
            if (!isPlainObject(f)) throw invalidParam('file_list[] must be objects')
            return files.downloadEntry(f.fileid, f.max_age, now)
          }),
        },
      }
    }

    default:
      throw notImplemented(`action ${typeof req.action === 'string' ? req.action : JSON.stringify(req.action)}`)
  }
}

function modifyData(updated: number, upsertId: unknown): Doc {
  return upsertId === undefined ? { updated } : { updated, upsert_id: upsertId }
}
