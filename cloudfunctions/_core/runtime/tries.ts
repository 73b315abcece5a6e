import type { AppError } from './app-error'
import { COLLECTIONS } from './collections'
import { findById, isDuplicate, type Db } from './db'

const MISSES = COLLECTIONS.codeMisses

/**
 * Limited guesses of a typed code, counted on one `code_misses` document per (who, what, period):
 * a try is taken by one conditional increment before the code is compared, so a burst of guesses
 * cannot all pass a count read before any of them was counted; a right code gives its try back
 * (refundTry). Past `max`, `refused()` is thrown — even for the right code, so guessing stops paying.
 */
export async function takeTry(db: Db, id: string, max: number, now: number, refused: () => AppError): Promise<void> {
  const _ = db.command
  const take = async () => (await db.collection(MISSES).where({ _id: id, count: _.lt(max) }).update({ data: { count: _.inc(1), at: now } })).stats.updated === 1
  if (await take()) return
  if (await findById(db, MISSES, id)) throw refused()
  try {
    await db.collection(MISSES).add({ data: { _id: id, count: 1, at: now } })
  } catch (e) {
    if (!isDuplicate(e)) throw e
    if (!(await take())) throw refused()
  }
}

/** Gives back the try a right code took. */
export async function refundTry(db: Db, id: string): Promise<void> {
  await db.collection(MISSES).where({ _id: id, count: db.command.gt(0) }).update({ data: { count: db.command.inc(-1) } })
}
