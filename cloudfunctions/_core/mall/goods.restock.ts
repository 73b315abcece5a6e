import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, isDuplicate, txGet, type Db, type Tx } from '../runtime/db'
import { asReplay, requestDocId } from '../runtime/idempotency'
import { restock, type StockFigures } from './stock'

/**
 * A restock asked once per request key (restockGoods): its record is inserted under the id the key
 * gives before the stock moves, so the same request sent twice — a retry after a lost reply, or fifty
 * copies at once — moves the stock once, and every copy is answered with the first one's figures.
 */
export interface RestockDoc {
  _id: string
  goodsId: string
  delta: number
  note: string
  state: 'pending' | 'applied'
  /** The stock right after this restock. */
  result: StockFigures | null
  requestHash: string
  createdBy: string
  createdAt: number
  appliedAt: number | null
}

const RESTOCKS = COLLECTIONS.goodsRestocks

export function restockIdFor(openid: string, requestId: string): string {
  return requestDocId('rs_', openid, requestId)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * How long a copy waits for the first one to finish (it takes a few database calls) before it
 * finishes the restock itself: a record still pending after this long belongs to a call that died.
 */
const WAIT_MS = 15_000

type Earlier = { state: 'none' } | { state: 'applied'; doc: RestockDoc } | { state: 'abandoned' }

async function awaitEarlier(db: Db, id: string, hash: string, now: number): Promise<Earlier> {
  for (let waited = 0; ; waited += 100) {
    const doc = asReplay(await findById<RestockDoc>(db, RESTOCKS, id), hash)
    // Gone: the first copy was refused and left no trace, so this one tries for itself.
    if (!doc) return { state: 'none' }
    if (doc.state === 'applied') return { state: 'applied', doc }
    if (waited >= WAIT_MS || now - doc.createdAt >= WAIT_MS) return { state: 'abandoned' }
    await sleep(100)
  }
}

export type RestockOutcome = { replay: true; stock: StockFigures } | { replay: false; stock: StockFigures; record: RestockDoc }

/**
 * Moves the stock by `delta` exactly once for this request, or answers the figures the first copy
 * left. A refused restock (GOODS.STOCK_BELOW_TAKEN) takes its record away again: no trace. A record
 * left pending by a call that died — before the stock moved or after — is finished by the next copy:
 * the stock remembers which restocks it took (`restock` in ./stock.ts), so finishing moves it only if
 * the dead call had not, and `markApplied` lets only one finisher write the audit entry.
 */
export async function restockOnce(db: Db, record: Omit<RestockDoc, 'state' | 'result' | 'appliedAt'>, now: number): Promise<RestockOutcome> {
  for (;;) {
    const earlier = await awaitEarlier(db, record._id, record.requestHash, now)
    if (earlier.state === 'applied') return { replay: true, stock: earlier.doc.result! }
    if (earlier.state === 'none') {
      try {
        await db.collection(RESTOCKS).add({ data: { ...record, state: 'pending', result: null, appliedAt: null } })
      } catch (e) {
        if (isDuplicate(e)) continue // another copy got there first: wait for its answer
        throw e
      }
    }
    try {
      const stock = await restock(db, record.goodsId, record._id, record.delta, now)
      return { replay: false, stock, record: { ...record, state: 'applied', result: stock, appliedAt: now } }
    } catch (e) {
      if (e instanceof AppError) await db.collection(RESTOCKS).doc(record._id).remove()
      throw e
    }
  }
}

/**
 * Marks the restock applied, inside the transaction that writes its audit entry; false when another
 * copy finishing the same restock marked it first (it writes no second entry).
 */
export async function markApplied(tx: Tx, r: RestockDoc): Promise<boolean> {
  const now = await txGet<RestockDoc>(tx, RESTOCKS, r._id)
  if (now?.state === 'applied') return false
  // The whole record is written: an update of `result` (null until now) with an object would be
  // taken apart into `result.supplied` … and refused, since a field cannot be made inside null.
  const { _id, ...fields } = r
  await tx.collection(RESTOCKS).doc(_id).set({ data: fields })
  return true
}
