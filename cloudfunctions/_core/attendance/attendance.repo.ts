import { countCheckedIn, participationIdFor, putParticipation, txActivity, txParticipation } from '../activity/activity.repo'
import type { ActivityDoc, ParticipationDoc } from '../activity/activity.rules'
import { COLLECTIONS } from '../runtime/collections'
import { findById, transaction, txGet, type Db, type Tx } from '../runtime/db'
import { applyMark, replayScan, type Mark, type Person, type ScanDoc, type ScanResult } from './attendance.rules'

const PARTS = COLLECTIONS.participations
const SCANS = COLLECTIONS.scans

/** Reads and writes the one participation document, so two marks for the same person conflict and one wins. */
async function applyTo(tx: Tx, a: ActivityDoc, openid: string, admit: (() => Person) | null, mark: Mark, now: number): Promise<ParticipationDoc> {
  const id = participationIdFor(a._id, openid)
  const { doc, leftWaitlist } = applyMark(id, await txParticipation(tx, id), mark, a, admit, now)
  await putParticipation(tx, doc)
  if (leftWaitlist) {
    const fresh = await txActivity(tx, a._id)
    if (fresh) await tx.collection(COLLECTIONS.activities).doc(a._id).update({ data: { waitlisted: Math.max(0, fresh.waitlisted - 1), updatedAt: now } })
  }
  return doc
}

/** A check-in or check-out by the participant: exactly once, decided on the participation inside one transaction. */
export function recordMark(db: Db, a: ActivityDoc, openid: string, admit: (() => Person) | null, mark: Mark, now: number): Promise<ParticipationDoc> {
  return transaction(db, (tx) => applyTo(tx, a, openid, admit, mark, now))
}

export function getScan(db: Db, scanId: string): Promise<ScanDoc | null> {
  return findById<ScanDoc>(db, SCANS, scanId)
}

/**
 * An organizer's scan: the participation change, the scan record and whatever `alongside` writes
 * (the upload's audit entry) land together, so a scan id is applied once however often (or however
 * concurrently) it is re-sent, and never without its audit entry.
 */
export function recordScan(
  db: Db,
  a: ActivityDoc,
  openid: string,
  admit: () => Person,
  mark: Mark,
  now: number,
  scan: Omit<ScanDoc, 'participationId' | 'result'>,
  alongside?: (tx: Tx) => Promise<void>,
): Promise<ScanResult> {
  return transaction(db, async (tx) => {
    const stored = await txGet<ScanDoc>(tx, SCANS, scan._id)
    if (stored) return replayScan(stored, scan)
    const result: ScanResult = { ok: true, code: null, message: null }
    const p = await applyTo(tx, a, openid, admit, mark, now)
    const { _id, ...data } = scan
    await tx.collection(SCANS).doc(_id).set({ data: { ...data, participationId: p._id, result } })
    await alongside?.(tx)
    return result
  })
}

/** The board's live numbers: count queries on the activity's participations (indexed by activityId). */
export async function attendanceCounts(db: Db, activityId: string) {
  const _ = db.command
  const count = async (where: Record<string, unknown>) => (await db.collection(PARTS).where({ activityId, ...where }).count()).total
  const [signed, waitlisted, checkedIn, checkedOut, flagged] = await Promise.all([
    count({ status: 'signed' }),
    count({ status: 'waitlisted' }),
    countCheckedIn(db, activityId),
    count({ checkOut: _.neq(null) }),
    count({ 'flags.0': _.exists(true) }),
  ])
  return { signed, waitlisted, checkedIn, checkedOut, flagged }
}
