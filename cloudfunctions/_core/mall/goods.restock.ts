import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, isDuplicate, type Db, type Tx } from '../runtime/db'
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

/** How long a copy waits for the first one to finish moving the stock (it takes a few database calls). */
const WAIT_MS = 15_000

async function awaitApplied(db: Db, id: string, hash: string): Promise<RestockDoc | null> {
  for (let waited = 0; ; waited += 100) {
    const doc = asReplay(await findById<RestockDoc>(db, RESTOCKS, id), hash)
    // Gone: the first copy was refused and left no trace, so this one tries for itself.
    if (!doc) return null
    if (doc.state === 'applied') return doc
    if (waited >= WAIT_MS) throw new AppError('GOODS.RESTOCK_IN_PROGRESS')
    await sleep(100)
  }
}

export type RestockOutcome = { replay: true; stock: StockFigures } | { replay: false; stock: StockFigures; record: RestockDoc }

/**
 * Moves the stock by `delta` exactly once for this request, or answers the figures the first copy
 * left. A refused restock (GOODS.STOCK_BELOW_TAKEN) takes its record away again: no trace. The one
 * gap: a crash after the stock moved and before the record says so leaves the request pending, and
 * its retry answers GOODS.RESTOCK_IN_PROGRESS instead of moving the stock a second time.
 */
export async function restockOnce(db: Db, record: Omit<RestockDoc, 'state' | 'result' | 'appliedAt'>, now: number): Promise<RestockOutcome> {
  for (;;) {
    const earlier = await awaitApplied(db, record._id, record.requestHash)
    if (earlier) return { replay: true, stock: earlier.result! }
    try {
      await db.collection(RESTOCKS).add({ data: { ...record, state: 'pending', result: null, appliedAt: null } })
    } catch (e) {
      if (isDuplicate(e)) continue // another copy got there first: wait for its answer
      throw e
    }
    try {
      const stock = await restock(db, record.goodsId, record.delta, now)
      return { replay: false, stock, record: { ...record, state: 'applied', result: stock, appliedAt: now } }
    } catch (e) {
      await db.collection(RESTOCKS).doc(record._id).remove()
      throw e
    }
  }
}

/** Marks the restock applied, inside the transaction that writes its audit entry. */
export async function markApplied(tx: Tx, r: RestockDoc): Promise<void> {
  // The whole record is written: an update of `result` (null until now) with an object would be
  // taken apart into `result.supplied` … and refused, since a field cannot be made inside null.
  const { _id, ...fields } = r
  await tx.collection(RESTOCKS).doc(_id).set({ data: fields })
}
