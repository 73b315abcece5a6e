import cloud from 'wx-server-sdk'

/**
 * The one place that initialises the SDK. `cloud.init` reads the environment CloudBase injects
 * (`TCB_CONTEXT_CNFG`, `SCF_NAMESPACE`); locally those point at the emulator, so nothing here knows
 * whether it runs in the cloud or on a laptop.
 */
/** The part of the SDK's database API this code uses, typed for what CloudBase answers. */
export interface Command {
  eq(v: unknown): unknown
  neq(v: unknown): unknown
  gt(v: unknown): unknown
  gte(v: unknown): unknown
  lt(v: unknown): unknown
  lte(v: unknown): unknown
  in(v: unknown[]): unknown
  nin(v: unknown[]): unknown
  exists(v: boolean): unknown
  or(...conds: unknown[]): unknown
  and(...conds: unknown[]): unknown
  set(v: unknown): unknown
  inc(n: number): unknown
  remove(): unknown
  push(v: unknown): unknown
  addToSet(v: unknown): unknown
  aggregate: { sum(v: unknown): unknown }
}
export interface Query {
  where(q: Record<string, unknown>): Query
  orderBy(field: string, dir: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(f: Record<string, boolean>): Query
  get(): Promise<{ data: any[] }>
  count(): Promise<{ total: number }>
  update(o: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}
export interface Collection extends Query {
  doc(id: string): TxDoc
  add(o: { data: Record<string, unknown> }): Promise<{ _id: string }>
  aggregate(): any
}
export interface Db {
  collection(name: string): Collection
  command: Command
  RegExp(o: { regexp: string; options?: string }): unknown
  serverDate(o?: { offset: number }): unknown
  runTransaction<T>(run: (tx: any) => Promise<T>, retries?: number): Promise<T>
}

/**
 * The doc-level operations a CloudBase transaction supports — all it supports (docs/architecture.md
 * "Data"). A plain database offers the same calls, so code that writes takes a `Tx` and
 * works inside or outside a transaction.
 */
export interface TxDoc {
  get(): Promise<{ data: any }>
  set(o: { data: Record<string, unknown> }): Promise<{ stats?: { updated?: number; created?: number } }>
  update(o: { data: Record<string, unknown> }): Promise<{ stats?: { updated?: number } }>
  remove(): Promise<{ stats?: { removed?: number } }>
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(o: { data: Record<string, unknown> }): Promise<{ _id?: string }> }
}

export function asTx(d: Db): Tx {
  return d as unknown as Tx
}

let db: Db | undefined
let initialised = false

/** The SDK, initialised once for the current env (the database and storage both go through it). */
export function cloudSdk(): typeof cloud {
  if (!initialised) {
    // The local emulator answers one request at a time: a test's storm of hundreds of callers may
    // queue past the SDK's 15 s, so the test cloud allows longer (TQ_DB_TIMEOUT_MS). Unset in the cloud.
    const timeout = Number(process.env.TQ_DB_TIMEOUT_MS) || undefined
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, ...(timeout ? { timeout } : {}) })
    initialised = true
  }
  return cloud
}

export function database(): Db {
  if (!db) db = cloudSdk().database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0]) as unknown as Db
  return db
}

/** Tests start a fresh emulator per file and point the SDK at it again. */
export function resetDatabase(): void {
  db = undefined
  initialised = false
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Runs `run` in a CloudBase transaction, retrying on write conflicts with jittered backoff. The
 * SDK's own retry starts again at once, so under a burst every retry meets the same live writer
 * and gives up; waiting a little lets the writer commit. `run` may run more than once: it must not
 * have effects outside the transaction.
 */
export async function transaction<T>(d: Db, run: (tx: Tx) => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await d.runTransaction(run, 0)
    } catch (e) {
      if (!isConflict(e) || attempt >= attempts) throw e
      await sleep(Math.random() * Math.min(400, 10 * 2 ** attempt))
    }
  }
}

/** The most documents `readAll` returns: a listing of a county's worth of records, not an export. */
export const READ_ALL_CAP = 20000

/**
 * A read that would pass its cap. Nothing is truncated silently: the caller gets this error (the
 * action answers GENERIC.INTERNAL and the log names the action, the collection and the cap), and a
 * listing that can grow past a cap pages by an index instead (runtime/paging.ts).
 */
export class ReadCapExceeded extends Error {
  constructor(
    readonly collection: string,
    readonly cap: number,
  ) {
    super(`readAll(${collection}) matched more than ${cap} documents; page it instead`)
    this.name = 'ReadCapExceeded'
  }
}

/**
 * Every document a query matches, walked page by page in `_id` order: the SDK answers at most 1000 a
 * call, and `_id > last` never skips or repeats however the collection changes. More than `cap`
 * matches is refused with ReadCapExceeded, never cut short; `Infinity` reads to the end. `fields`
 * leaves out what the caller does not need (`{seats: false}`).
 */
export async function readAll<T extends { _id: string }>(
  d: Db,
  collection: string,
  where: Record<string, unknown>,
  cap = READ_ALL_CAP,
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const out: T[] = []
  let after = ''
  for (;;) {
    // One more than the cap, so that reaching it exactly is told apart from passing it.
    const take = Math.min(1000, cap + 1 - out.length)
    // `where` may be a command (`_.and(…)`), which cannot be spread: the position is ANDed on.
    const q = d.collection(collection).where(after ? (d.command.and([where, { _id: d.command.gt(after) }]) as Record<string, unknown>) : where)
    const res = await (fields ? q.field(fields) : q)
      .orderBy('_id', 'asc')
      .limit(take)
      .get()
    const page = res.data as T[]
    out.push(...page)
    if (out.length > cap) throw new ReadCapExceeded(collection, cap)
    if (page.length < take) return out
    after = page[page.length - 1]._id
  }
}

/** A get by id that answers null for a missing document instead of rejecting. */
export async function findById<T>(d: Db, collection: string, id: string): Promise<T | null> {
  const res = await d.collection(collection).doc(id).get()
  return (res.data ?? null) as T | null
}

export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  const res = await tx.collection(collection).doc(id).get()
  return (res?.data ?? null) as T | null
}

/** Fetch many documents by id (in chunks the SDK accepts), keyed by id. */
export async function findByIds<T extends { _id: string }>(d: Db, collection: string, ids: string[], fields?: Record<string, boolean>): Promise<Map<string, T>> {
  const out = new Map<string, T>()
  const unique = [...new Set(ids)]
  const _ = d.command
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100)
    const q = d.collection(collection).where({ _id: _.in(chunk) })
    const res = await (fields ? q.field(fields) : q).limit(100).get()
    for (const doc of res.data as T[]) out.set(doc._id, doc)
  }
  return out
}

/**
 * A write conflict, in the two shapes CloudBase's reply `{code: 'DATABASE_TRANSACTION_CONFLICT',
 * message: '[ResourceUnavailable.TransactionConflict] Transaction is conflict, …'}` reaches us:
 * - a transaction's doc operation: wx-server-sdk 4.0.2 rewraps it as an Error without `code`,
 *   `errCode: -501001` (any code it does not know) and the server's message after its own prefix
 *   ("document.update:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] …");
 * - commit inside runTransaction: @cloudbase/database hands back the reply itself, `code` and all.
 */
export function isConflict(e: unknown): boolean {
  const err = e as { code?: unknown; errMsg?: unknown; message?: unknown } | null
  if (err?.code === 'DATABASE_TRANSACTION_CONFLICT') return true
  const msg = String(err?.errMsg ?? err?.message ?? '')
  return msg.includes('[ResourceUnavailable.TransactionConflict]')
}

export function isDuplicate(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  const msg = e instanceof Error ? e.message : String((e as { errMsg?: unknown } | null)?.errMsg ?? e)
  return code === 'DATABASE_DUPLICATE_WRITE' || /DATABASE_DUPLICATE_WRITE|duplicate/i.test(msg)
}

/**
 * A field's new value for an update: objects and arrays replaced whole (`_.set`), since an update
 * would otherwise merge a nested object into what is there.
 */
export function replacing(d: Pick<Db, 'command'>, v: unknown): unknown {
  return v !== null && typeof v === 'object' ? d.command.set(v) : v
}

/** A condition matching text that contains `text` literally (its regex characters escaped). */
export function containing(d: Db, text: string, caseInsensitive = false): unknown {
  return d.RegExp({ regexp: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: caseInsensitive ? 'i' : '' })
}
