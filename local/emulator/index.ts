// Local CloudBase database emulator: speaks CloudBase's /admin database protocol so the real,
// unmodified wx-server-sdk runs against SQLite. See docs/architecture.md "The local cloud".
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { Engine } from './engine'
import { createFileStore, type FileStore } from './files'
import { loadCollections, loadManifest, type IndexManifest } from './manifest'
import { createHandler, emptyStats, type DatabaseStats, type HandlerState } from './server'
import { isPlainObject, type Doc, type SortSpec } from './values'

export type { IndexManifest } from './manifest'
export type { DatabaseStats } from './server'
/** The names in database/collections.json: what deploy creates, and what the seed and test fixture create locally. */
export { loadCollections }
export { FILES_ROUTE, MAX_UPLOAD_BYTES, type FileStore } from './files'

export interface EmulatorOptions {
  /** SQLite file; default ':memory:'. The gateway uses '.data/local.sqlite'. */
  file?: string
  /** 0 = ephemeral port (default). */
  port?: number
  /** The env id the SDK must name (SCF_NAMESPACE); default 'local'. */
  env?: string
  /** Default: database/indexes.json. A collection gets its declared indexes when it is created. */
  indexes?: IndexManifest
  /**
   * Collections that exist from the start, as deploy creates them (e.g. `loadCollections()`).
   * Default none: like a new CloudBase environment, the SDK's reads and writes of a collection
   * nobody created answer DATABASE_COLLECTION_NOT_EXIST.
   */
  collections?: string[]
  /** Server clock (db.serverDate(), transaction lifetime); default Date.now. */
  now?: () => number
  /** Storage folder; default `files/` beside the SQLite file, a throwaway folder for ':memory:'. */
  filesDir?: string
}

export interface FindOptions {
  /** {field: 1 | -1} in priority order, or [[field, 1 | -1], ...]. */
  sort?: Record<string, 1 | -1> | SortSpec
  skip?: number
  limit?: number
}

/**
 * Direct, synchronous access to the data (no SDK, no CloudBase limits) for tests, seed and
 * benchmarks. Its writes do not wait for transaction locks; a transaction whose documents
 * they change fails at commit with DATABASE_TRANSACTION_CONFLICT. Its writes create a missing
 * collection (as an import in CloudBase's console does); its reads of one find nothing.
 */
export interface Store {
  get(coll: string, id: unknown): Doc | null
  find(coll: string, filter?: Doc, opts?: FindOptions): Doc[]
  count(coll: string, filter?: Doc): number
  /** One SQLite transaction: all or nothing; a duplicate _id throws DATABASE_DUPLICATE_WRITE. */
  insertMany(coll: string, docs: Doc[]): unknown[]
  /** Inserts or replaces the document by _id (generated when missing); returns the _id. */
  upsert(coll: string, doc: Doc): unknown
  remove(coll: string, filter: Doc): number
  collections(): string[]
  /** Creates each collection that does not exist yet (with its declared indexes); existing ones stay as they are. */
  createCollections(names: Iterable<string>): void
  /** Drops all documents; collections and indexes stay. */
  clear(): void
  /** How a filter would be answered: 'id', 'index:<name>' or 'scan', and how many rows it reads. */
  explain(coll: string, filter: Doc): { plan: string; candidates: number }
}

export interface Emulator {
  /** 'http://127.0.0.1:<port>/admin' */
  url: string
  port: number
  store: Store
  /** Cloud storage: uploads (through the gateway) and the files behind temporary URLs. */
  files: FileStore
  /** Mount point for POST /admin inside another server. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void
  /** Database calls the SDK has made since the start or the last `resetStats()` (a copy). */
  stats(): DatabaseStats
  resetStats(): void
  close(): Promise<void>
}

function toSortSpec(sort: FindOptions['sort']): SortSpec {
  if (!sort) return []
  if (Array.isArray(sort)) return sort
  return Object.entries(sort).map(([k, d]) => [k, d === -1 ? -1 : 1])
}

function makeStore(engine: Engine): Store {
  return {
    get: (coll, id) => engine.getById(coll, id) ?? null,
    find: (coll, filter = {}, opts = {}) =>
      engine.find(coll, filter, { sort: toSortSpec(opts.sort), skip: opts.skip, limit: opts.limit }),
    count: (coll, filter = {}) => engine.count(coll, filter),
    insertMany: (coll, docs) => engine.insertAll(coll, docs),
    upsert: (coll, doc) => {
      if (!isPlainObject(doc)) throw new TypeError('upsert expects a document')
      return engine.upsertDoc(coll, doc)
    },
    remove: (coll, filter) => engine.remove(coll, filter, true, false),
    collections: () => engine.storage.collections(),
    createCollections: (names) => {
      for (const n of names) engine.storage.open(n, true)
    },
    clear: () => engine.clear(),
    explain: (coll, filter) => engine.explain(coll, filter),
  }
}

export function createEmulator(
  opts: Omit<EmulatorOptions, 'port'> = {},
): Omit<Emulator, 'url' | 'port' | 'close'> & { close(): void } {
  const engine = new Engine(opts.file ?? ':memory:', opts.indexes ?? loadManifest(), opts.env ?? 'local', opts.now ?? Date.now)
  const state: HandlerState = { closed: false, stats: emptyStats() }
  const file = opts.file ?? ':memory:'
  const files = createFileStore(engine.env, opts.filesDir ?? (file === ':memory:' ? null : join(dirname(file), 'files')))
  const store = makeStore(engine)
  store.createCollections(opts.collections ?? [])
  return {
    store,
    files,
    handle: createHandler(engine, state, files),
    stats: () => structuredClone(state.stats),
    resetStats: () => {
      state.stats = emptyStats()
    },
    close: () => {
      if (state.closed) return
      state.closed = true
      engine.close()
      files.close()
    },
  }
}

/** Routes of the standalone server besides POST /admin: the database-call counter, as JSON. */
export const STATS_ROUTE = '/__stats'

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const inner = createEmulator(opts)
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]
    if (path === '/admin') inner.handle(req, res)
    else if (path === STATS_ROUTE && req.method === 'GET') json(res, 200, inner.stats())
    else if (path === `${STATS_ROUTE}/reset` && req.method === 'POST') {
      inner.resetStats()
      json(res, 200, inner.stats())
    } else json(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${path}` })
  })
  // The SDK keeps connections alive; they must not hold the process open.
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/admin`
  return {
    url,
    port,
    store: inner.store,
    files: inner.files,
    handle: inner.handle,
    stats: inner.stats,
    resetStats: inner.resetStats,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      inner.close()
    },
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

/** Environment that points wx-server-sdk (cloud.DYNAMIC_CURRENT_ENV) at the emulator. */
export function sdkEnv(url: string, env = 'local'): Record<string, string> {
  return {
    // Skips the SDK's metadata probe of Tencent Cloud's internal network.
    TENCENTCLOUD: 'true',
    // What cloud.DYNAMIC_CURRENT_ENV resolves to (TCB_ENV alone is not read).
    SCF_NAMESPACE: env,
    // The URL CloudBase injects into a function's runtime; the SDK sends every call there.
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
    // Requests are signed; any credentials do locally.
    TENCENTCLOUD_SECRETID: 'local-emulator',
    TENCENTCLOUD_SECRETKEY: 'local-emulator',
  }
}

export function useEmulatorInThisProcess(url: string, env?: string): void {
  Object.assign(process.env, sdkEnv(url, env))
}
