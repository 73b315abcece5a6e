// Transaction bookkeeping with CloudBase's semantics (as its own server tests state them):
//  - reads see the snapshot taken at start plus the transaction's own writes;
//  - writes stay private until commit, so outside readers only ever see committed data;
//  - a conflict is detected AT THE WRITE: another live transaction already wrote the document,
//    or it was committed after this transaction started. That write rejects with
//    DATABASE_TRANSACTION_CONFLICT and, as with MongoDB's WriteConflict, the transaction is
//    aborted (runTransaction retries with a new one and never rolls the old one back);
//  - a transaction must end within 30 s; afterwards any use answers DATABASE_TRANSACTION_FAIL.
// Snapshots are kept cheaply: while any transaction is live, every committed write records the
// document's before-image and version, and those records are dropped once no live
// transaction can need them.
import { randomBytes } from 'node:crypto'
import { transactionConflict, transactionNotExist } from './errors'
import type { Doc } from './values'

export const TX_LIFETIME_MS = 30_000

export interface PendingWrite {
  coll: string
  key: string
  /** The document as the transaction will commit it; null = removed. */
  doc: Doc | null
}

export interface Tx {
  id: string
  started: number
  snapshot: number
  writes: Map<string, PendingWrite>
  /** Documents this transaction has locked (a matched no-op update locks without a write). */
  claimed: Set<string>
}

interface UndoEntry {
  version: number
  before: string | undefined
}

export const docKey = (coll: string, key: string): string => `${coll}\u0000${key}`

export class TxManager {
  private seq = 0
  private readonly live = new Map<string, Tx>()
  private readonly lastWrite = new Map<string, number>()
  private readonly undo = new Map<string, UndoEntry[]>()
  private readonly locks = new Map<string, string>()
  private readonly waiters = new Map<string, Array<() => void>>()
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(private readonly now: () => number) {}

  start(): Tx {
    this.expireStale()
    const tx: Tx = { id: randomBytes(16).toString('hex'), started: this.now(), snapshot: this.seq, writes: new Map(), claimed: new Set() }
    this.live.set(tx.id, tx)
    return tx
  }

  /**
   * The live transaction, or DATABASE_TRANSACTION_FAIL with CloudBase's TransactionNotExist text
   * (ended, expired or never existed: CloudBase does not tell them apart).
   */
  use(id: unknown): Tx {
    if (typeof id !== 'string' || !id) throw transactionNotExist()
    const tx = this.live.get(id)
    if (tx && this.now() - tx.started > TX_LIFETIME_MS) this.end(tx)
    const live = this.live.get(id)
    if (!live) throw transactionNotExist()
    return live
  }

  /** Ends a transaction (commit, abort, conflict or expiry): releases its locks, wakes waiters. */
  end(tx: Tx): void {
    if (!this.live.delete(tx.id)) return
    for (const k of tx.claimed) if (this.locks.get(k) === tx.id) this.locks.delete(k)
    const t = this.timers.get(tx.id)
    if (t) clearTimeout(t)
    this.timers.delete(tx.id)
    this.gc()
    const ws = this.waiters.get(tx.id)
    this.waiters.delete(tx.id)
    for (const w of ws ?? []) w()
  }

  expireStale(): void {
    const now = this.now()
    for (const tx of [...this.live.values()]) {
      if (now - tx.started > TX_LIFETIME_MS) this.end(tx)
    }
  }

  /** Which live transaction holds an uncommitted write on the document, if any. */
  lockHolder(key: string): string | undefined {
    const holder = this.locks.get(key)
    if (!holder) return undefined
    const tx = this.live.get(holder)
    if (tx && this.now() - tx.started > TX_LIFETIME_MS) {
      this.end(tx)
      return undefined
    }
    return tx ? holder : undefined
  }

  /** Resolves when the transaction ends; a non-transactional write waits here, as in MongoDB. */
  waitFor(txId: string): Promise<void> {
    const tx = this.live.get(txId)
    if (!tx) return Promise.resolve()
    return new Promise((resolve) => {
      const list = this.waiters.get(txId) ?? []
      list.push(resolve)
      this.waiters.set(txId, list)
      if (!this.timers.has(txId)) {
        const left = Math.max(0, tx.started + TX_LIFETIME_MS - this.now()) + 5
        const timer = setTimeout(() => {
          this.timers.delete(txId)
          this.expireStale()
          // With an injected clock the transaction may still be "young": wake and re-check.
          const again = this.waiters.get(txId)
          if (again && this.live.has(txId)) {
            this.waiters.delete(txId)
            for (const w of again) w()
          }
        }, left)
        timer.unref?.()
        this.timers.set(txId, timer)
      }
    })
  }

  /**
   * Checks that `tx` may write the document now; on conflict the transaction is aborted and
   * the write rejects.
   */
  claim(tx: Tx, key: string): void {
    const holder = this.lockHolder(key)
    // Another live transaction has written the document, or it was committed after this
    // transaction's snapshot.
    if ((holder && holder !== tx.id) || (this.lastWrite.get(key) ?? -1) > tx.snapshot) {
      this.end(tx)
      throw transactionConflict()
    }
    this.locks.set(key, tx.id)
    tx.claimed.add(key)
  }

  /** Whether a committed write since the snapshot makes the pending write stale (commit check). */
  changedSince(tx: Tx, key: string): boolean {
    return (this.lastWrite.get(key) ?? -1) > tx.snapshot
  }

  /** Records a committed write; `before` is the stored text before it (undefined = absent). */
  committed(key: string, before: string | undefined): void {
    this.seq++
    if (this.live.size === 0) return
    this.lastWrite.set(key, this.seq)
    const list = this.undo.get(key) ?? []
    list.push({ version: this.seq, before })
    this.undo.set(key, list)
  }

  /**
   * The stored text the transaction's snapshot holds for a document, given the current text:
   * the before-image of the first write committed after the snapshot, if there was one.
   */
  snapshotText(tx: Tx, key: string, current: string | undefined): string | undefined {
    const last = this.lastWrite.get(key)
    if (last === undefined || last <= tx.snapshot) return current
    for (const e of this.undo.get(key) ?? []) if (e.version > tx.snapshot) return e.before
    return current
  }

  private gc(): void {
    if (this.live.size === 0) {
      this.lastWrite.clear()
      this.undo.clear()
      return
    }
    let min = Infinity
    for (const t of this.live.values()) min = Math.min(min, t.snapshot)
    for (const [k, v] of this.lastWrite) if (v <= min) this.lastWrite.delete(k)
    for (const [k, list] of this.undo) {
      const keep = list.filter((e) => e.version > min)
      if (keep.length === 0) this.undo.delete(k)
      else if (keep.length !== list.length) this.undo.set(k, keep)
    }
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
    for (const tx of [...this.live.values()]) this.end(tx)
  }
}
