import type { ActivityDoc, ParticipationDoc } from '../activity/activity.rules'
import { creditDraft, creditIdFor, postEntries, reversalDraft, txGetEntry, type EntryOrg } from '../ledger'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { txGet, type Tx } from '../runtime/db'
import { addApprovedMinutes } from './hours.repo'
import { approvableMinutes, assertApproved, assertPending, type DeclarationDoc } from './hours.rules'

/**
 * The review transitions, each inside the caller's transaction: the record is re-read there, so two
 * reviewers racing on it conflict and the loser sees the winner's state. Totals and 益币 move in the
 * same transaction as the state they follow.
 */

const PARTICIPATIONS = COLLECTIONS.participations
const DECLARATIONS = COLLECTIONS.declarations

export interface Review {
  reviewer: string
  now: number
}

async function freshParticipation(tx: Tx, id: string): Promise<ParticipationDoc> {
  const p = await txGet<ParticipationDoc>(tx, PARTICIPATIONS, id)
  if (!p) throw new AppError('GENERIC.NOT_FOUND')
  return p
}

async function freshDeclaration(tx: Tx, id: string): Promise<DeclarationDoc> {
  const d = await txGet<DeclarationDoc>(tx, DECLARATIONS, id)
  if (!d) throw new AppError('GENERIC.NOT_FOUND')
  return d
}

/**
 * Approves attendance: its minutes count, and 益币 are credited once for this approval, answering
 * to the activity's org (copied onto the participation as its orgId).
 */
export async function approveAttendance(tx: Tx, id: string, activity: Pick<ActivityDoc, 'title' | 'pointsPerHour'>, org: EntryOrg, r: Review): Promise<void> {
  const p = await freshParticipation(tx, id)
  assertPending(p.review)
  const minutes = approvableMinutes(p)
  const approval = p.approvals + 1
  await tx.collection(PARTICIPATIONS).doc(id).update({
    data: { review: 'approved', approvedMinutes: minutes, approvals: approval, reviewedBy: r.reviewer, reviewedAt: r.now, rejectReason: null, updatedAt: r.now },
  })
  await addApprovedMinutes(tx, p.userId, { attended: minutes }, r.now)
  const credit = creditDraft(id, approval, minutes, activity, org)
  // Each approval has its own number, so its credit cannot exist yet; postEntries refuses loudly if it does.
  if (credit) await postEntries(tx, { userId: p.userId, openid: p.openid }, [credit], r.now)
}

/**
 * Sends approved attendance back to pending: minutes subtracted, this approval's credit reversed
 * once. Never refused for want of 益币: when they were spent, the balance goes below zero and later
 * credits pay the debt first (docs/domain.md, "Reversing an approval whose 益币 were spent").
 */
export async function reverseAttendance(tx: Tx, id: string, r: Review): Promise<void> {
  const p = await freshParticipation(tx, id)
  assertApproved(p.review)
  await tx.collection(PARTICIPATIONS).doc(id).update({
    data: { review: 'pending', approvedMinutes: 0, reviewedBy: r.reviewer, reviewedAt: r.now, updatedAt: r.now },
  })
  await addApprovedMinutes(tx, p.userId, { attended: -p.approvedMinutes }, r.now)
  const credit = await txGetEntry(tx, creditIdFor(id, p.approvals))
  // Only an approved record is reversed, once per approval: its reversal cannot exist yet either.
  if (credit) await postEntries(tx, { userId: p.userId, openid: p.openid }, [reversalDraft(id, p.approvals, credit)], r.now)
}

export async function rejectAttendance(tx: Tx, id: string, reason: string, r: Review): Promise<void> {
  const p = await freshParticipation(tx, id)
  assertPending(p.review)
  await tx.collection(PARTICIPATIONS).doc(id).update({
    data: { review: 'rejected', rejectReason: reason, reviewedBy: r.reviewer, reviewedAt: r.now, updatedAt: r.now },
  })
}

/** Declared hours count toward stars and earn no 益币 (docs/domain.md). */
export async function approveDeclaration(tx: Tx, id: string, r: Review): Promise<void> {
  const d = await freshDeclaration(tx, id)
  assertPending(d.review)
  await tx.collection(DECLARATIONS).doc(id).update({
    data: { review: 'approved', approvedMinutes: d.minutes, approvals: d.approvals + 1, reviewedBy: r.reviewer, reviewedAt: r.now, rejectReason: null },
  })
  await addApprovedMinutes(tx, d.userId, { declared: d.minutes }, r.now)
}

export async function reverseDeclaration(tx: Tx, id: string, r: Review): Promise<void> {
  const d = await freshDeclaration(tx, id)
  assertApproved(d.review)
  await tx.collection(DECLARATIONS).doc(id).update({ data: { review: 'pending', approvedMinutes: 0, reviewedBy: r.reviewer, reviewedAt: r.now } })
  await addApprovedMinutes(tx, d.userId, { declared: -d.approvedMinutes }, r.now)
}

export async function rejectDeclaration(tx: Tx, id: string, reason: string, r: Review): Promise<void> {
  const d = await freshDeclaration(tx, id)
  assertPending(d.review)
  await tx.collection(DECLARATIONS).doc(id).update({ data: { review: 'rejected', rejectReason: reason, reviewedBy: r.reviewer, reviewedAt: r.now } })
}
