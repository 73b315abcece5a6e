import type { z } from 'zod'
import type { HourRecord, ReviewItemT } from '../../../types/contract/activity'
import { STAR_HOURS, type ReviewStatus } from '../../../types/enums'
import { INVITE_ALPHABET } from '../access/access.rules'
import type { ParticipationDoc } from '../activity/activity.rules'
import { shanghaiDate, shanghaiDayStart } from '../../../types/day'
import { AppError } from '../runtime/app-error'

/** 信用时长 and 荣誉时长: review, totals, stars and certificates — pure rules, no I/O. */

/** Hours a youth declares for service done outside the app (荣誉时长): approved by a cadre, no 益币. */
export interface DeclarationDoc {
  _id: string
  openid: string
  userId: string
  userName: string
  orgId: string
  title: string
  /** The day of the service, Asia/Shanghai. */
  date: string
  minutes: number
  evidenceText: string | null
  /** Cloud file ids of the declarer's own uploads (checked when declared). */
  photos: string[]
  review: ReviewStatus
  approvedMinutes: number
  approvals: number
  reviewedBy: string | null
  reviewedAt: number | null
  rejectReason: string | null
  createdAt: number
  /** Fingerprint of the request that made it (see runtime/idempotency). */
  requestHash?: string
}

/** What a declaration holds when it is made: everything but the review, which starts pending. */
export type DeclarationDraft = Omit<DeclarationDoc, 'review' | 'approvedMinutes' | 'approvals' | 'reviewedBy' | 'reviewedAt' | 'rejectReason'>

export function pendingDeclaration(d: DeclarationDraft): DeclarationDoc {
  return { ...d, review: 'pending', approvedMinutes: 0, approvals: 0, reviewedBy: null, reviewedAt: null, rejectReason: null }
}

/** Approved minutes per user, a cache kept in the same transaction as every approval and reversal. */
export interface HourTotalsDoc {
  _id: string // the user id
  attendedMinutes: number
  declaredMinutes: number
  updatedAt: number
}

/**
 * One issued certificate, keyed by its serial: every certificate ever printed stays verifiable, an
 * older one showing the total it was issued with.
 */
export interface CertificateDoc {
  _id: string // the serial
  userId: string
  /** The name printed on it (certificates issued before names were kept have none). */
  holderName?: string
  totalMinutes: number
  issuedAt: number
}

export function emptyTotals(userId: string, now: number): HourTotalsDoc {
  return { _id: userId, attendedMinutes: 0, declaredMinutes: 0, updatedAt: now }
}

/** A user's totals after an approval or reversal moved them; going below zero is a bug, never stored. */
export function movedTotals(t: HourTotalsDoc, delta: { attended?: number; declared?: number }, now: number): HourTotalsDoc {
  const next = { ...t, attendedMinutes: t.attendedMinutes + (delta.attended ?? 0), declaredMinutes: t.declaredMinutes + (delta.declared ?? 0), updatedAt: now }
  if (next.attendedMinutes < 0 || next.declaredMinutes < 0) throw new Error(`hour totals of ${t._id} would go negative`)
  return next
}

export type ReviewKind = 'attendance' | 'declaration'

/** Nobody reviews their own hours (invariant 6), whatever their role. */
export function assertNotOwn(record: { openid: string }, reviewer: string): void {
  if (record.openid === reviewer) throw new AppError('HOURS.OWN_RECORD')
}

export function assertPending(review: ReviewStatus): void {
  if (review !== 'pending') throw new AppError('HOURS.NOT_PENDING')
}

export function assertApproved(review: ReviewStatus): void {
  if (review !== 'approved') throw new AppError('HOURS.NOT_APPROVED')
}

/**
 * The minutes an attendance approval grants: what the attendance rules gave at check-out, never more
 * than the time between check-in and check-out (invariant 6). A record breaking that is corrupt, and
 * approving it would pay for time nobody was there; it is refused loudly rather than trimmed.
 */
export function approvableMinutes(p: Pick<ParticipationDoc, '_id' | 'minutes' | 'checkIn' | 'checkOut'>): number {
  if (!p.checkIn || !p.checkOut || p.minutes === null) throw new Error(`participation ${p._id} is pending without a check-in, a check-out and minutes`)
  const present = p.checkOut.at - p.checkIn.at
  if (!Number.isSafeInteger(p.minutes) || p.minutes < 0 || p.minutes * 60_000 > present) {
    throw new Error(`participation ${p._id}: ${p.minutes} minutes exceed the ${Math.floor(present / 60_000)} minutes between check-in and check-out`)
  }
  return p.minutes
}

export interface StarProgress {
  attendedMinutes: number
  declaredMinutes: number
  totalMinutes: number
  stars: number
  next: { stars: number; minutes: number; remainingMinutes: number } | null
}

export function starsFor(totalMinutes: number): number {
  return STAR_HOURS.filter((h) => totalMinutes >= h * 60).length
}

/** 星级志愿者 from approved hours of both kinds, and the way to the next star (none after 5★). */
export function starProgress(attendedMinutes: number, declaredMinutes: number): StarProgress {
  const totalMinutes = attendedMinutes + declaredMinutes
  const stars = starsFor(totalMinutes)
  const next = stars < STAR_HOURS.length ? { stars: stars + 1, minutes: STAR_HOURS[stars] * 60, remainingMinutes: STAR_HOURS[stars] * 60 - totalMinutes } : null
  return { attendedMinutes, declaredMinutes, totalMinutes, stars, next }
}

/** Declared service needs something a reviewer can look at. */
export function assertEvidence(evidenceText: string | undefined, photos: string[]): void {
  if (!evidenceText?.trim() && photos.length === 0) throw new AppError('HOURS.EVIDENCE_REQUIRED')
}

/** A declared day is today or earlier (Shanghai), and at most a year back: older service is hard to check. */
export function assertDeclarableDate(date: string, now: number): void {
  const today = shanghaiDate(now)
  if (date > today) throw new AppError('GENERIC.BAD_INPUT', '服务日期不能晚于今天。')
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`
  if (date < yearAgo) throw new AppError('GENERIC.BAD_INPUT', '只能申报一年以内的服务时长。')
}

/** 王晓青 → 王*青: enough for the holder to recognise, not enough to identify a stranger. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1]
}

/**
 * A certificate serial `XXXX-XXXX-XXXX` from a keyed hash (base64url) of the holder and the total:
 * the same holder and total give the same serial, and nobody without the key can forge one. Each
 * base64url character picks one of 32 unambiguous characters (64 = 2 × 32, so evenly).
 */
export function serialFromHash(hash: string): string {
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  if (hash.length < 12) throw new Error('hash too short for a serial')
  const chars = [...hash.slice(0, 12)].map((c) => {
    const i = B64URL.indexOf(c)
    if (i < 0) throw new Error('serial hash is not base64url')
    return INVITE_ALPHABET[i % 32]
  })
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`
}

/** What the hash behind a serial is computed over: a new name or total prints a new certificate. */
export function serialInput(userId: string, totalMinutes: number, holderName: string): string {
  return `certificate:${userId}:${totalMinutes}:${holderName}`
}

export function toAttendanceReviewItem(p: ParticipationDoc, title: string, orgName: string): ReviewItemT {
  return {
    kind: 'attendance',
    id: p._id,
    userId: p.userId,
    userName: p.userName,
    title,
    activityId: p.activityId,
    orgName,
    // Waiting since check-out, when the attendance rules handed it to review.
    at: p.checkOut?.at ?? p.updatedAt,
    checkInAt: p.checkIn?.at ?? null,
    checkOutAt: p.checkOut?.at ?? null,
    minutes: p.minutes ?? 0,
    flags: p.flags,
    evidenceText: null,
    photos: [],
    review: p.review,
  }
}

export function toDeclarationReviewItem(d: DeclarationDoc, orgName: string): ReviewItemT {
  return {
    kind: 'declaration',
    id: d._id,
    userId: d.userId,
    userName: d.userName,
    title: d.title,
    activityId: null,
    orgName,
    at: d.createdAt,
    checkInAt: null,
    checkOutAt: null,
    minutes: d.minutes,
    flags: [],
    evidenceText: d.evidenceText,
    photos: d.photos.map((fileId) => ({ fileId, url: null })),
    review: d.review,
  }
}

export type HourRecordT = z.infer<typeof HourRecord>

/** Attendance on a youth's timeline: when they checked in, the approved minutes once approved. */
export function attendanceRecord(p: ParticipationDoc, title: string, points: number): HourRecordT {
  const minutes = p.review === 'approved' ? p.approvedMinutes : (p.minutes ?? 0)
  return { kind: 'attendance', id: p._id, title, at: p.checkIn?.at ?? p.signedAt, minutes, source: 'attended', review: p.review, points }
}

export function declarationRecord(d: DeclarationDoc): HourRecordT {
  const minutes = d.review === 'approved' ? d.approvedMinutes : d.minutes
  return { kind: 'declaration', id: d._id, title: d.title, at: shanghaiDayStart(d.date), minutes, source: 'declared', review: d.review, points: 0 }
}
