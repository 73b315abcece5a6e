import { getActivities } from '../activity/activity.repo'
import { GONE_ACTIVITY, type ParticipationDoc } from '../activity/activity.rules'
import { creditIdFor, getEntries } from '../ledger'
import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { attendanceRecord, declarationRecord, type CertificateDoc, type DeclarationDoc, type HourRecordT, type HourTotalsDoc } from './hours.rules'

const TOTALS = COLLECTIONS.hourTotals
const CERTIFICATES = COLLECTIONS.certificates
const DECLARATIONS = COLLECTIONS.declarations
const PARTICIPATIONS = COLLECTIONS.participations

export function emptyTotals(userId: string, now: number): HourTotalsDoc {
  return { _id: userId, attendedMinutes: 0, declaredMinutes: 0, updatedAt: now }
}

export function getTotals(db: Db, userId: string): Promise<HourTotalsDoc | null> {
  return findById<HourTotalsDoc>(db, TOTALS, userId)
}

/** Moves a user's approved minutes inside the caller's transaction (the approval or reversal itself). */
export async function addApprovedMinutes(tx: Tx, userId: string, delta: { attended?: number; declared?: number }, now: number): Promise<void> {
  const t = (await txGet<HourTotalsDoc>(tx, TOTALS, userId)) ?? emptyTotals(userId, now)
  const next = { ...t, attendedMinutes: t.attendedMinutes + (delta.attended ?? 0), declaredMinutes: t.declaredMinutes + (delta.declared ?? 0), updatedAt: now }
  if (next.attendedMinutes < 0 || next.declaredMinutes < 0) throw new Error(`hour totals of ${userId} would go negative`)
  const { _id, ...fields } = next
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

/** Pending attendance in a set of orgs (the activity's org is copied onto each participation for this). */
export async function pendingAttendanceIn(db: Db, orgIds: string[], activityId?: string): Promise<ParticipationDoc[]> {
  const where: Record<string, unknown> = { orgId: db.command.in(orgIds), review: 'pending' }
  if (activityId) where.activityId = activityId
  return readAll<ParticipationDoc>(db, PARTICIPATIONS, where)
}

export async function pendingDeclarationsIn(db: Db, orgIds: string[]): Promise<DeclarationDoc[]> {
  return readAll<DeclarationDoc>(db, DECLARATIONS, { orgId: db.command.in(orgIds), review: 'pending' })
}

/** A youth's attendance that entered review (pending, approved or rejected). */
export async function reviewedAttendanceOf(db: Db, openid: string, review?: 'approved'): Promise<ParticipationDoc[]> {
  return readAll<ParticipationDoc>(db, PARTICIPATIONS, { openid, review: review ?? db.command.neq('none') })
}

export async function declarationsOf(db: Db, openid: string, review?: 'approved'): Promise<DeclarationDoc[]> {
  return readAll<DeclarationDoc>(db, DECLARATIONS, review ? { openid, review } : { openid })
}

/**
 * A youth's hour records, attendance with its activity's title and the 益币 its current approval
 * earned (read from the ledger, so a rate changed later does not rewrite history).
 */
export async function recordsOf(db: Db, openid: string, opts: { approvedOnly?: boolean; points?: boolean } = {}): Promise<HourRecordT[]> {
  const review = opts.approvedOnly ? 'approved' : undefined
  const [parts, decls] = await Promise.all([reviewedAttendanceOf(db, openid, review), declarationsOf(db, openid, review)])
  // The 益币 come from the ledger; a listing that does not show them (the certificate) skips that read.
  const approved = opts.points === false ? [] : parts.filter((p) => p.review === 'approved')
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
