import { getActivities } from '../activity/activity.repo'
import { GONE_ACTIVITY, type ParticipationDoc } from '../activity/activity.rules'
import { creditIdFor, getEntries } from '../ledger'
import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { keysetPage, readAfter, type Bound, type PageRequest, type PageResult, type Source } from '../runtime/paging'
import { shanghaiDate, shanghaiDayStart } from '../../../types/day'
import { attendanceRecord, declarationRecord, emptyTotals, movedTotals, type CertificateDoc, type DeclarationDoc, type HourRecordT, type HourTotalsDoc } from './hours.rules'

const TOTALS = COLLECTIONS.hourTotals
const CERTIFICATES = COLLECTIONS.certificates
const DECLARATIONS = COLLECTIONS.declarations
const PARTICIPATIONS = COLLECTIONS.participations

export function getTotals(db: Db, userId: string): Promise<HourTotalsDoc | null> {
  return findById<HourTotalsDoc>(db, TOTALS, userId)
}

/** Moves a user's approved minutes inside the caller's transaction (the approval or reversal itself). */
export async function addApprovedMinutes(tx: Tx, userId: string, delta: { attended?: number; declared?: number }, now: number): Promise<void> {
  const t = (await txGet<HourTotalsDoc>(tx, TOTALS, userId)) ?? emptyTotals(userId, now)
  const { _id, ...fields } = movedTotals(t, delta, now)
  await tx.collection(TOTALS).doc(_id).set({ data: fields })
}

export function findBySerial(db: Db, serial: string): Promise<CertificateDoc | null> {
  return findById<CertificateDoc>(db, CERTIFICATES, serial)
}

export function getDeclaration(db: Db, id: string): Promise<DeclarationDoc | null> {
  return findById<DeclarationDoc>(db, DECLARATIONS, id)
}

export function getParticipationsByIds(db: Db, ids: string[]): Promise<Map<string, ParticipationDoc>> {
  return findByIds<ParticipationDoc>(db, PARTICIPATIONS, ids)
}

export function getDeclarationsByIds(db: Db, ids: string[]): Promise<Map<string, DeclarationDoc>> {
  return findByIds<DeclarationDoc>(db, DECLARATIONS, ids)
}

/** A youth's attendance that entered review (pending, approved or rejected). */
async function reviewedAttendanceOf(db: Db, openid: string, review?: 'approved'): Promise<ParticipationDoc[]> {
  return readAll<ParticipationDoc>(db, PARTICIPATIONS, { openid, review: review ?? db.command.neq('none') })
}

async function declarationsOf(db: Db, openid: string, review?: 'approved'): Promise<DeclarationDoc[]> {
  return readAll<DeclarationDoc>(db, DECLARATIONS, review ? { openid, review } : { openid })
}

/**
 * Timeline records with their activity's title and the 益币 their current approval earned (read
 * from the ledger, so a rate changed later does not rewrite history) — for the records given only.
 */
async function toRecords(db: Db, parts: ParticipationDoc[], decls: DeclarationDoc[], points = true): Promise<HourRecordT[]> {
  const approved = points ? parts.filter((p) => p.review === 'approved') : []
  const [activities, credits] = await Promise.all([
    getActivities(db, parts.map((p) => p.activityId)),
    getEntries(db, approved.map((p) => creditIdFor(p._id, p.approvals))),
  ])
  return [
    ...parts.map((p) =>
      attendanceRecord(p, activities.get(p.activityId)?.title ?? GONE_ACTIVITY, p.review === 'approved' ? (credits.get(creditIdFor(p._id, p.approvals))?.amount ?? 0) : 0),
    ),
    ...decls.map(declarationRecord),
  ]
}

/**
 * All of a youth's records (the certificate prints every approved one). One person's history stays
 * far below readAll's cap; past it the read fails loudly rather than print a short total. Lists
 * page with recordsPage instead.
 */
export async function recordsOf(db: Db, openid: string, opts: { approvedOnly?: boolean; points?: boolean } = {}): Promise<HourRecordT[]> {
  const review = opts.approvedOnly ? 'approved' : undefined
  const [parts, decls] = await Promise.all([reviewedAttendanceOf(db, openid, review), declarationsOf(db, openid, review)])
  // The 益币 come from the ledger; a listing that does not show them (the certificate) skips that read.
  return toRecords(db, parts, decls, opts.points !== false)
}

/** A participation or a declaration, tagged: what the record and review listings page over. */
type Tagged = { kind: 'attendance'; doc: ParticipationDoc } | { kind: 'declaration'; doc: DeclarationDoc }

/**
 * Declarations sort by their service day (`date`, a Shanghai calendar day), whose time is the day's
 * start: a bound at time `at` becomes a bound on the day. When `at` is not a day's start (it came
 * from attendance), every declaration of that day lies before it, newest first.
 */
function dayBound(bound: Bound | null): Bound<string> | null {
  if (!bound) return null
  const day = shanghaiDate(bound.value)
  if (shanghaiDayStart(day) === bound.value) return { ...bound, value: day }
  return { value: day, id: null, inclusive: true }
}

/**
 * A page of a youth's hour records, newest first: attendance that entered review by the
 * (openid, checkIn.at) index — a record enters review at check-out, so it has a check-in — and
 * declarations by (openid, date). Titles and 益币 are read for the page only.
 */
export async function recordsPage(db: Db, openid: string, page: PageRequest): Promise<PageResult<HourRecordT>> {
  const attendance: Source<Tagged> = {
    tag: 'a',
    fetch: async (after, limit) =>
      (await readAfter<ParticipationDoc>(db, PARTICIPATIONS, { openid, review: db.command.neq('none') }, { field: 'checkIn.at', dir: 'desc' }, after, limit)).map((doc) => ({ kind: 'attendance', doc })),
    at: (r) => (r.doc as ParticipationDoc).checkIn!.at,
    id: (r) => r.doc._id,
  }
  const declarations: Source<Tagged> = {
    tag: 'd',
    fetch: async (after, limit) =>
      (await readAfter<DeclarationDoc, string>(db, DECLARATIONS, { openid }, { field: 'date', dir: 'desc' }, dayBound(after), limit)).map((doc) => ({ kind: 'declaration', doc })),
    at: (r) => shanghaiDayStart((r.doc as DeclarationDoc).date),
    id: (r) => r.doc._id,
  }
  const shown = await keysetPage([attendance, declarations], 'desc', page)
  const parts = shown.items.flatMap((r) => (r.kind === 'attendance' ? [r.doc] : []))
  const decls = shown.items.flatMap((r) => (r.kind === 'declaration' ? [r.doc] : []))
  const records = new Map((await toRecords(db, parts, decls)).map((r) => [`${r.kind}:${r.id}`, r]))
  return { items: shown.items.map((r) => records.get(`${r.kind}:${r.doc._id}`)!), nextCursor: shown.nextCursor }
}


/**
 * A page of the pending records of a set of orgs that `reviewer` may decide (never their own):
 * flagged attendance first, then the longest waiting — attendance by check-out, declarations by
 * when they were made — read by the (orgId, review, time) indexes.
 */
export async function pendingPage(db: Db, q: { orgIds: string[]; reviewer: string; activityId?: string }, page: PageRequest): Promise<PageResult<Tagged>> {
  const _ = db.command
  const base = { orgId: _.in(q.orgIds), review: 'pending', openid: _.neq(q.reviewer) }
  const attendance = (rank: number, flagged: boolean): Source<Tagged> => ({
    tag: 'a',
    rank,
    fetch: async (after, limit) => {
      const where = { ...base, 'flags.0': _.exists(flagged), ...(q.activityId ? { activityId: q.activityId } : {}) }
      return (await readAfter<ParticipationDoc>(db, PARTICIPATIONS, where, { field: 'checkOut.at', dir: 'asc' }, after, limit)).map((doc) => ({ kind: 'attendance', doc }))
    },
    // Pending attendance has been checked out: the attendance rules hand it to review then.
    at: (r) => (r.doc as ParticipationDoc).checkOut!.at,
    id: (r) => r.doc._id,
  })
  const declarations: Source<Tagged> = {
    tag: 'd',
    rank: 1,
    fetch: async (after, limit) => (await readAfter<DeclarationDoc>(db, DECLARATIONS, base, { field: 'createdAt', dir: 'asc' }, after, limit)).map((doc) => ({ kind: 'declaration', doc })),
    at: (r) => (r.doc as DeclarationDoc).createdAt,
    id: (r) => r.doc._id,
  }
  // An activity's queue holds its attendance only.
  return keysetPage([attendance(0, true), attendance(1, false), ...(q.activityId ? [] : [declarations])], 'asc', page)
}
