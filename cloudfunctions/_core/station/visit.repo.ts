import { createHash } from 'node:crypto'
import { shanghaiDate } from '../../../types/day'
import { MAX_CODE_MISSES } from '../attendance/attendance.rules'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, isDuplicate, readAll, type Db } from '../runtime/db'
import { refundTry, takeTry } from '../runtime/tries'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import { getVenues } from '../venue/venue.repo'
import { GONE_VENUE } from '../venue/venue.rules'
import { MAX_VISIT_HOURS, MAX_VISIT_MS, standingVisit, toVisitView, visitEnd, type VisitDoc } from './visit.rules'

const VISITS = COLLECTIONS.stationVisits

const digest = (s: string, n: number) => createHash('sha256').update(s).digest('base64url').replace(/[-_]/g, '').slice(0, n)

/** A visit's id from (station, person, code step): the taps of one scan all land on one visit. */
export function visitIdFor(venueId: string, userId: string, step: number): string {
  return `vi_${digest(`${venueId}|${userId}`, 20)}_${step.toString(36)}`
}

export function getVisit(db: Db, id: string): Promise<VisitDoc | null> {
  return findById<VisitDoc>(db, VISITS, id)
}

/** A person's open visits at one station (one, but for a race), over the (userId, startedAt) index. */
export function openVisitsOf(db: Db, userId: string, venueId: string): Promise<VisitDoc[]> {
  return readAll<VisitDoc>(db, VISITS, { userId, venueId, endedAt: null })
}

/** The visits under way at a venue (no end yet), over the (venueId, startedAt) index. */
export function openVisitsAt(db: Db, venueId: string): Promise<VisitDoc[]> {
  return readAll<VisitDoc>(db, VISITS, { venueId, endedAt: null })
}

/** When the visits begun at a venue in [from, to) began. */
export function visitStartsAt(db: Db, venueId: string, from: number, to: number): Promise<Pick<VisitDoc, '_id' | 'startedAt'>[]> {
  const _ = db.command
  return readAll<Pick<VisitDoc, '_id' | 'startedAt'>>(db, VISITS, { venueId, startedAt: _.and(_.gte(from), _.lt(to)) }, undefined, { _id: true, startedAt: true })
}

/** The visits of some people begun in [from, to) (a year's duties), over the (userId, startedAt) index. */
export function visitsOfIn(db: Db, userIds: string[], from: number, to: number): Promise<VisitDoc[]> {
  const _ = db.command
  return readAll<VisitDoc>(db, VISITS, _.and([{ userId: _.in(userIds), startedAt: _.gte(from) }, { startedAt: _.lt(to) }]) as Record<string, unknown>)
}

/**
 * Begins a visit, or answers the one already under way. The new visit is written under its
 * deterministic id, then the person's open visits at the station are read again: should two
 * check-ins have raced across a code step (two ids), each racer sees both once both are written and
 * keeps the same standing visit (standingVisit), the other removed. Answers `resumed` when the
 * visit that stands is not the one this call wrote.
 */
export async function beginVisit(db: Db, doc: VisitDoc): Promise<{ visit: VisitDoc; resumed: boolean }> {
  const open = standingVisit(await openVisitsOf(db, doc.userId, doc.venueId))
  if (open) return { visit: open, resumed: true }
  const wrote = await insertVisit(db, doc)
  const standing = standingVisit(await openVisitsOf(db, doc.userId, doc.venueId))
  if (!standing) throw new Error(`visit ${doc._id} vanished after it was written`)
  if (wrote && standing._id !== wrote) await db.collection(VISITS).where({ _id: wrote, endedAt: null }).remove()
  return { visit: standing, resumed: standing._id !== wrote }
}

/**
 * Writes the visit under its id and answers that id, or null when another tap already wrote it.
 * A visit of the same step that has already ended (out and in again within one step) leaves its
 * id to the record: the new visit takes the next id of the step.
 */
async function insertVisit(db: Db, doc: VisitDoc): Promise<string | null> {
  const { _id: base, ...rest } = doc
  for (let n = 0; n < 5; n++) {
    const _id = n === 0 ? base : `${base}_${n}`
    try {
      await db.collection(VISITS).add({ data: { _id, ...rest } })
      return _id
    } catch (e) {
      if (!isDuplicate(e)) throw e
      const there = await getVisit(db, _id)
      if (!there || there.endedAt === null) return null
    }
  }
  throw new Error(`visits ${base}… kept ending and beginning within one code step`)
}

/** Ends an open visit, once: a visit already ended (by a second tap or the sweep) answers null. */
export async function endVisit(db: Db, v: Pick<VisitDoc, '_id' | 'startedAt'>, now: number): Promise<VisitDoc | null> {
  const end = visitEnd(v.startedAt, now)
  const res = await db.collection(VISITS).where({ _id: v._id, endedAt: null }).update({ data: end })
  return res.stats.updated === 1 ? getVisit(db, v._id) : null
}

/**
 * The sweep's part: every visit still open MAX_VISIT_HOURS after it began ends then, marked
 * autoEnded, each by a conditional update on `endedAt: null` (a check-out at the same moment wins or
 * loses cleanly). Answers how many it ended.
 */
export async function endStaleVisits(db: Db, now: number): Promise<number> {
  const stale = await readAll<Pick<VisitDoc, '_id' | 'startedAt'>>(db, VISITS, { endedAt: null, startedAt: db.command.lt(now - MAX_VISIT_MS) }, undefined, { _id: true, startedAt: true })
  let ended = 0
  for (const v of stale) {
    const res = await db.collection(VISITS).where({ _id: v._id, endedAt: null }).update({ data: { endedAt: v.startedAt + MAX_VISIT_MS, minutes: MAX_VISIT_HOURS * 60, autoEnded: true } })
    ended += res.stats.updated
  }
  return ended
}

/** One page of a person's visits, newest first, over the (userId, startedAt) index. */
export function pageVisitsOf(db: Db, userId: string, page: PageRequest): Promise<PageResult<VisitDoc>> {
  const source = collectionSource<VisitDoc>(db, { tag: 'v', collection: VISITS, where: { userId }, field: 'startedAt', dir: 'desc', at: (v) => v.startedAt })
  return keysetPage([source], 'desc', page)
}

/** Visits as people see them, with their stations' names. */
export async function toVisitViews(db: Db, visits: VisitDoc[]) {
  const venues = await getVenues(db, visits.map((v) => v.venueId))
  return visits.map((v) => toVisitView(v, venues.get(v.venueId)?.name ?? GONE_VENUE))
}

// ---------------------------------------------------------------------------------------------
// Typed door codes: wrong guesses limited per person per station per Shanghai day

function missIdFor(venueId: string, userId: string, now: number): string {
  return `vm_${digest(`${venueId}|${userId}`, 20)}_${shanghaiDate(now).replace(/-/g, '')}`
}

const tooManyTries = () => new AppError('CHECKIN.TOO_MANY_TRIES', '今天在这个联络站输错进站码的次数过多，请扫描门口屏幕上的二维码进站。')

/** Takes one of the day's MAX_CODE_MISSES tries at this station before a typed code is checked (runtime/tries.ts); answers the try's id. */
export async function takeDoorTry(db: Db, venueId: string, userId: string, now: number): Promise<string> {
  const id = missIdFor(venueId, userId, now)
  await takeTry(db, id, MAX_CODE_MISSES, now, tooManyTries)
  return id
}

/** A right code gives its try back. */
export const refundDoorTry: (db: Db, missId: string) => Promise<void> = refundTry
