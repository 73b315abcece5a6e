import { countCheckedIn, getActivity, participationIdFor, putParticipation, txActivity, txParticipation } from '../activity/activity.repo'
import { givePlace } from '../activity/activity.places'
import type { ActivityDoc, ParticipationDoc } from '../activity/activity.rules'
import { AppError, isAppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { database, findById, replacing, transaction, txGet, type Db, type Tx } from '../runtime/db'
import { applyMark, isShortCode, MAX_CODE_MISSES, replayScan, type Mark, type Person, type ScanDoc, type ScanResult } from './attendance.rules'

const PARTS = COLLECTIONS.participations
const SCANS = COLLECTIONS.scans

/** Writes the changed fields; objects and arrays replaced whole, not merged. */
function changedFields(db: Db, before: ParticipationDoc, after: ParticipationDoc): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(after)) {
    if (k === '_id' || JSON.stringify(v) === JSON.stringify((before as unknown as Record<string, unknown>)[k])) continue
    data[k] = replacing(db, v)
  }
  return data
}

/**
 * The first check-in makes the attendance real: stamped on the activity only while it is still
 * published, so a cancel and a check-in at the same instant cannot both succeed (cancel-activity
 * refuses an activity with `attendedAt`; a check-in after the cancel finds it no longer published).
 */
async function markAttended(db: Db, a: ActivityDoc, now: number): Promise<void> {
  if (a.attendedAt) return
  const res = await db.collection(COLLECTIONS.activities).where({ _id: a._id, status: 'published' }).update({ data: { attendedAt: now } })
  if (res.stats.updated === 1) return
  // Nothing changed: either another first check-in stamped the same time a moment ago, or the activity closed.
  const fresh = await getActivity(db, a._id)
  if (fresh?.status !== 'published') throw new AppError('ACTIVITY.CANCELLED')
}

/** Inside a transaction: the same stamp, read and written with the transaction's other writes. */
async function txMarkAttended(tx: Tx, activityId: string, now: number): Promise<void> {
  const fresh = await txActivity(tx, activityId)
  if (!fresh || fresh.status !== 'published') throw new AppError('ACTIVITY.CANCELLED')
  if (!fresh.attendedAt) await tx.collection(COLLECTIONS.activities).doc(activityId).update({ data: { attendedAt: now } })
}

/** Reads and writes the one participation document, so two marks for the same person conflict and one wins. */
async function applyTo(tx: Tx, a: ActivityDoc, openid: string, admit: (() => Person) | null, mark: Mark, now: number): Promise<{ doc: ParticipationDoc; leftWaitlist: boolean }> {
  const id = participationIdFor(a._id, openid)
  const applied = applyMark(id, await txParticipation(tx, id), mark, a, admit, now)
  if (mark.kind === 'in') await txMarkAttended(tx, a._id, now)
  await putParticipation(tx, applied.doc)
  return applied
}

/** Each failed attempt means the participation changed under us (a double tap, an organizer's scan). */
const MARK_ATTEMPTS = 5

/**
 * A check-in or check-out by the participant. The common case — a signed participant — is the
 * participation read the caller did (`seen`) and one conditional update on what it read (plus,
 * for an activity's very first check-in, the `attendedAt` stamp): no transaction. A walk-in, who
 * changes status and may leave the waitlist, goes through a transaction on the participation and
 * then gives up their waitlist place (participation first, as activity.places.ts requires).
 */
export async function recordMark(
  db: Db,
  a: ActivityDoc,
  openid: string,
  seen: ParticipationDoc | null,
  admit: (() => Person) | null,
  mark: Mark,
  now: number,
  typed = false,
): Promise<ParticipationDoc> {
  const id = participationIdFor(a._id, openid)
  const _ = database().command
  // A typed code is accepted only while the wrong guesses recorded by the time of the write are
  // under the limit, so a burst of guesses read against a stale count cannot slip one through.
  const underLimit = typed ? [_.or([{ codeMisses: _.exists(false) }, { codeMisses: _.lt(MAX_CODE_MISSES) }])] : []
  let p = seen
  for (let attempt = 1; attempt <= MARK_ATTEMPTS; attempt++) {
    if (typed && (p?.codeMisses ?? 0) >= MAX_CODE_MISSES) throw new AppError('CHECKIN.TOO_MANY_TRIES')
    if (!p || p.status !== 'signed') {
      const { doc, leftWaitlist } = await transaction(db, (tx) => applyTo(tx, a, openid, admit, mark, now))
      if (leftWaitlist) await givePlace(db, a._id, { _id: id, status: 'waitlisted' }, now)
      return doc
    }
    const { doc } = applyMark(id, p, mark, a, admit, now)
    if (mark.kind === 'in') await markAttended(db, a, now)
    const unchanged = { _id: id, status: 'signed', updatedAt: p.updatedAt, ...(mark.kind === 'in' ? { checkIn: null } : { checkOut: null }) }
    const where = underLimit.length ? (_.and([unchanged, ...underLimit]) as Record<string, unknown>) : unchanged
    const res = await db.collection(PARTS).where(where).update({ data: changedFields(db, p, doc) })
    if (res.stats.updated === 1) return doc
    p = await findById<ParticipationDoc>(db, PARTS, id)
  }
  throw new Error(`participation ${id} kept changing under one ${mark.kind === 'in' ? 'check-in' : 'check-out'}`)
}

/**
 * A typed 6-digit code is checked only while the youth has wrong guesses left for this activity
 * (`MAX_CODE_MISSES`, counted on their participation), so the digits cannot be brute-forced; a miss
 * is counted before it is answered. Scanned codes carry a 12-character MAC and are not counted.
 */
export async function withCodeLimit<T>(db: Db, a: Pick<ActivityDoc, 'walkIn'>, p: ParticipationDoc | null, code: string | undefined, check: () => T): Promise<T> {
  if (!isShortCode(code)) return check()
  // Guesses are counted on the participation: someone without one walks in by the QR or by location.
  if (!p) throw new AppError(a.walkIn ? 'CHECKIN.WALK_IN_NEEDS_SCAN' : 'SIGNUP.NOT_SIGNED')
  if ((p.codeMisses ?? 0) >= MAX_CODE_MISSES) throw new AppError('CHECKIN.TOO_MANY_TRIES')
  try {
    return check()
  } catch (e) {
    if (isAppError(e) && e.code === 'CHECKIN.BAD_CODE') {
      await db.collection(PARTS).doc(p._id).update({ data: { codeMisses: database().command.inc(1) } })
    }
    throw e
  }
}

export function getScan(db: Db, scanId: string): Promise<ScanDoc | null> {
  return findById<ScanDoc>(db, SCANS, scanId)
}

/**
 * An organizer's scan: the participation change, the scan record and whatever `alongside` writes
 * (the upload's audit entry) land together, so a scan id is applied once however often (or however
 * concurrently) it is re-sent, and never without its audit entry.
 */
export async function recordScan(
  db: Db,
  a: ActivityDoc,
  openid: string,
  admit: () => Person,
  mark: Mark,
  now: number,
  scan: Omit<ScanDoc, 'participationId' | 'result'>,
  alongside?: (tx: Tx) => Promise<void>,
): Promise<ScanResult> {
  let walkedInFromWaitlist = false
  const result = await transaction(db, async (tx) => {
    walkedInFromWaitlist = false
    const stored = await txGet<ScanDoc>(tx, SCANS, scan._id)
    if (stored) return replayScan(stored, scan)
    const result: ScanResult = { ok: true, code: null, message: null }
    const { doc: p, leftWaitlist } = await applyTo(tx, a, openid, admit, mark, now)
    walkedInFromWaitlist = leftWaitlist
    const { _id, ...data } = scan
    await tx.collection(SCANS).doc(_id).set({ data: { ...data, participationId: p._id, result } })
    await alongside?.(tx)
    return result
  })
  if (walkedInFromWaitlist) await givePlace(db, a._id, { _id: participationIdFor(a._id, openid), status: 'waitlisted' }, now)
  return result
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
