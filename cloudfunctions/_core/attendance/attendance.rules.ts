import type { CheckInMode, Flag } from '../../../types/enums'
import {
  assertEligible,
  checkInWindow,
  checkOutWindow,
  distanceMeters,
  newParticipation,
  type ActivityDoc,
  type Evidence,
  type ParticipationDoc,
  type Place,
} from '../activity/activity.rules'
import type { OrgDoc } from '../org/org.rules'
import type { ProfileDoc } from '../profile/profile.rules'
import { AppError } from '../runtime/app-error'

/**
 * 签到 / 签退: pure rules — the rotating code, the geofence, the windows, the minutes a stay earns,
 * the personal code, and what a check-in or check-out does to a participation. No SDK, no clock:
 * times come in as arguments, and the HMAC comes in as a function (`attendance.hmac.ts`).
 */

/** base64url HMAC-SHA256 of a message under a key the caller holds (the activity's secret). */
export type Mac = (message: string) => string

export const STEP_MS = 30_000
export const CODE_MAX_CHARS = 32
const MAC_CHARS = 12

export function stepAt(now: number): number {
  return Math.floor(now / STEP_MS)
}

export function stepEndsAt(step: number): number {
  return (step + 1) * STEP_MS
}

export function codeMessage(activityId: string, step: number): string {
  return `${activityId}|${step}`
}

/** `<activityId>.<step base36>.<mac>`: short enough for a mini-program code's `scene` (32 characters). */
export function rotatingCode(activityId: string, step: number, mac: Mac): string {
  const code = `${activityId}.${step.toString(36)}.${mac(codeMessage(activityId, step)).slice(0, MAC_CHARS)}`
  if (code.length > CODE_MAX_CHARS) throw new Error(`rotating code for ${activityId} is ${code.length} characters, over ${CODE_MAX_CHARS}`)
  return code
}

/** Compares every character whatever the first difference, so timing does not reveal a correct prefix. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0)
  return diff === 0
}

/** Digits of the typed code shown under the board's QR. */
export const SHORT_CODE_DIGITS = 6
/** Wrong typed codes a youth may enter per activity: 6 digits cannot be guessed in so few tries. */
export const MAX_CODE_MISSES = 5

/**
 * The code a person can type (like TOTP, RFC 6238): 6 digits from the same secret and step as the QR,
 * by the HMAC's dynamic truncation (RFC 4226 §5.3) of a message kept apart from the QR's.
 */
export function shortCode(activityId: string, step: number, mac: Mac): string {
  return truncateToDigits(Buffer.from(mac(`short|${codeMessage(activityId, step)}`), 'base64url'), SHORT_CODE_DIGITS)
}

/** HOTP's dynamic truncation: 31 bits at the offset the last nibble names, as `digits` decimal digits. */
export function truncateToDigits(hmac: Uint8Array, digits: number): string {
  const offset = hmac[hmac.length - 1] & 0x0f
  const n = ((hmac[offset] & 0x7f) << 24) | (hmac[offset + 1] << 16) | (hmac[offset + 2] << 8) | hmac[offset + 3]
  return String(n % 10 ** digits).padStart(digits, '0')
}

export function isShortCode(code: string | undefined): boolean {
  return code !== undefined && /^[0-9]{6}$/.test(code)
}

/**
 * The current and the previous step only: a screenshot forwarded within a minute still works, one
 * replayed later does not; a step from the future is a forgery. Answers the step the code named.
 * A typed 6-digit code is checked against the same two steps.
 */
export function verifyRotatingCode(code: string, activityId: string, now: number, mac: Mac): number {
  const current = stepAt(now)
  if (isShortCode(code)) {
    // Both steps compared every time, so timing does not say which one matched.
    const matches = [current, current - 1].map((step) => constantTimeEqual(code, shortCode(activityId, step, mac)))
    if (matches[0]) return current
    if (matches[1]) return current - 1
    throw new AppError('CHECKIN.BAD_CODE')
  }
  const parts = code.split('.')
  if (parts.length !== 3 || parts[0] !== activityId || !/^[0-9a-z]{1,10}$/.test(parts[1])) throw new AppError('CHECKIN.BAD_CODE')
  const step = parseInt(parts[1], 36)
  if (step.toString(36) !== parts[1] || (step !== current && step !== current - 1)) throw new AppError('CHECKIN.BAD_CODE')
  const expected = mac(codeMessage(activityId, step)).slice(0, MAC_CHARS)
  if (!constantTimeEqual(parts[2], expected)) throw new AppError('CHECKIN.BAD_CODE')
  return step
}

export const GOOD_ACCURACY_M = 100

export interface Reading {
  lat: number
  lng: number
  accuracy: number
}

/** Location is evidence, not proof: a reading outside the fence or too vague is accepted but flagged. */
export function fenceCheck(place: Place, at: Reading): { distance: number; flags: Flag[] } {
  const distance = distanceMeters(place, at)
  const flags: Flag[] = []
  if (distance > place.radius) flags.push('outside_fence')
  if (at.accuracy > GOOD_ACCURACY_M) flags.push('poor_accuracy')
  return { distance, flags }
}

export function assertInWindow([opens, closes]: [number, number], t: number): void {
  if (t < opens || t > closes) throw new AppError('CHECKIN.WINDOW_CLOSED')
}

export function assertPublished(a: Pick<ActivityDoc, 'status'>): void {
  if (a.status === 'cancelled') throw new AppError('ACTIVITY.CANCELLED')
  if (a.status !== 'published') throw new AppError('ACTIVITY.NOT_PUBLISHED')
}

export function assertMode(a: Pick<ActivityDoc, 'checkInModes'>, method: CheckInMode): void {
  if (!a.checkInModes.includes(method)) throw new AppError('ACTIVITY.MODE_DISABLED')
}

/** Whole hours stay; the remainder goes to 0 (≤ 15 min), a half hour (≤ 45 min) or the next hour. */
export function roundToHalfHours(minutes: number): number {
  const hours = Math.floor(minutes / 60)
  const rest = minutes - hours * 60
  return hours * 60 + (rest <= 15 ? 0 : rest <= 45 ? 30 : 60)
}

/**
 * The part of the stay (check-in → check-out) inside the scheduled span (start → end): arriving
 * early or leaving late earns nothing extra, and a stay that ends before the start earns nothing
 * (docs/domain.md, hours from attendance). Below `minAttendancePercent` of the span it earns nothing
 * and is flagged for review. Rounding applies to the minutes inside the span and never gives more
 * than them (invariant 6: approved minutes ≤ check-out − check-in), so 2 h 50 min earns 170 minutes.
 */
export function attendedMinutes(
  inAt: number,
  outAt: number,
  a: Pick<ActivityDoc, 'startAt' | 'endAt' | 'minAttendancePercent'>,
): { minutes: number; short: boolean } {
  const span = a.endAt - a.startAt
  const inside = Math.max(0, Math.min(outAt, a.endAt) - Math.max(inAt, a.startAt))
  if (inside * 100 < span * a.minAttendancePercent) return { minutes: 0, short: true }
  const whole = Math.floor(inside / 60_000)
  return { minutes: Math.min(roundToHalfHours(whole), whole), short: false }
}

/** A check-in or check-out about to be applied: what happened, and why a reviewer should look. */
export interface Mark {
  kind: 'in' | 'out'
  evidence: Evidence
  flags: Flag[]
}

function locationRequired(): never {
  throw new AppError('CHECKIN.LOCATION_REQUIRED')
}

/** The youth's own check-in or check-out, by the rotating code or by location; the server's clock decides. */
export function selfMark(
  kind: Mark['kind'],
  a: ActivityDoc,
  input: { code?: string; location?: Reading },
  now: number,
  mac: Mac,
): Mark {
  assertPublished(a)
  const method: CheckInMode = input.code ? 'code' : input.location ? 'geo' : locationRequired()
  assertMode(a, method)
  assertInWindow(kind === 'in' ? checkInWindow(a) : checkOutWindow(a), now)
  const evidence: Evidence = { method, at: now }
  if (input.code) evidence.step = verifyRotatingCode(input.code, a._id, now, mac)
  let flags: Flag[] = []
  if (input.location) {
    const fence = fenceCheck(a.place, input.location)
    const { lat, lng, accuracy } = input.location
    evidence.location = { lat, lng, accuracy, distance: fence.distance }
    flags = fence.flags
  }
  return { kind, evidence, flags }
}

export const SCAN_CLOCK_SKEW_MS = 2 * 60_000

/**
 * Why a scan time is outside its window, in words the organizer can act on: the same windows as the
 * youth's own check-in (docs/bad-inputs.md, check-in outside the window), refused per scan.
 */
export function scanWindowRefusal(
  a: Pick<ActivityDoc, 'startAt' | 'endAt' | 'checkInOpensBefore' | 'checkOutClosesAfter'>,
  kind: Mark['kind'],
  scannedAt: number,
  now: number,
): AppError | null {
  const refuse = (message: string) => new AppError('CHECKIN.WINDOW_CLOSED', message)
  if (scannedAt > now + SCAN_CLOCK_SKEW_MS) return refuse('扫码时间晚于服务器当前时间，请核对手机时间后重新扫码。')
  const [opens, closes] = kind === 'in' ? checkInWindow(a) : checkOutWindow(a)
  if (kind === 'in' && scannedAt < opens) return refuse(`扫码时间早于签到开放时间（活动开始前${a.checkInOpensBefore}分钟），这条签到未被接受。`)
  if (kind === 'in' && scannedAt > closes) return refuse('扫码时间晚于活动结束，签到已关闭，这条签到未被接受。')
  if (kind === 'out' && scannedAt < opens) return refuse('扫码时间早于活动开始，还不能签退，这条签退未被接受。')
  if (kind === 'out' && scannedAt > closes) return refuse(`扫码时间晚于签退截止时间（活动结束后${a.checkOutClosesAfter}分钟），这条签退未被接受。`)
  return null
}

/** The organizer's scan, perhaps queued offline: its scan time must lie in the window and not ahead of the server. */
export function scanMark(
  a: ActivityDoc,
  scan: { scanId: string; kind: Mark['kind']; scannedAt: number },
  now: number,
  scannedBy: string,
): Mark {
  const refusal = scanWindowRefusal(a, scan.kind, scan.scannedAt, now)
  if (refusal) throw refusal
  const evidence: Evidence = { method: 'scan', at: scan.scannedAt, scannedBy, scanId: scan.scanId, syncedAt: now }
  return { kind: scan.kind, evidence, flags: now - scan.scannedAt > SCAN_CLOCK_SKEW_MS ? ['offline_scan'] : [] }
}

/** An organizer scanning their own personal code would approve their own presence: refused. */
export function assertNotSelfScan(personOpenid: string, scannedBy: string): void {
  if (personOpenid === scannedBy) throw new AppError('CHECKIN.SELF_SCAN')
}

export function withFlags(flags: Flag[], more: Flag[]): Flag[] {
  return [...new Set([...flags, ...more])]
}

/** Who a walk-in participation is made for. */
export interface Person {
  openid: string
  userId: string
  userName: string
}

/** A walk-in must be someone who could have signed up: registered, real-named where required, in the audience. */
export function walkInPerson(
  a: Pick<ActivityDoc, 'realNameRequired' | 'audience'>,
  profile: Pick<ProfileDoc, '_id' | 'openid' | 'realName' | 'idHash' | 'privacyVersion'> | null,
  profileOrg: Pick<OrgDoc, '_id' | 'path'> | null,
  groupChains: string[][],
): Person {
  const p = assertEligible(a, profile, profileOrg, groupChains)
  return { openid: p.openid, userId: p._id, userName: p.realName }
}

/**
 * Applies a mark to the participation: one check-in, then one check-out, never the other way round.
 * Without a signed participation, a walk-in activity admits the person `admit` names at check-in
 * (it throws when they may not walk in; null where nobody walks in, as at check-out). A walk-in takes no place (capacity counts sign-ups) and is flagged for the
 * reviewer; `leftWaitlist` says a waitlisted person walked in, so the activity's waitlist count drops.
 */
export function applyMark(
  id: string,
  p: ParticipationDoc | null,
  mark: Mark,
  a: ActivityDoc,
  admit: (() => Person) | null,
  now: number,
): { doc: ParticipationDoc; leftWaitlist: boolean } {
  let doc = p
  let leftWaitlist = false
  if (!doc || doc.status !== 'signed') {
    if (!a.walkIn) throw new AppError('SIGNUP.NOT_SIGNED')
    if (mark.kind === 'out' || !admit) throw new AppError('CHECKIN.NOT_CHECKED_IN')
    // Someone who checked in and then cancelled must not get a second, fresh check-in by walking in.
    if (doc?.checkIn) throw new AppError('CHECKIN.ALREADY')
    const person = admit()
    leftWaitlist = doc?.status === 'waitlisted'
    const fresh = newParticipation(a, { _id: id, ...person, subscribed: doc?.subscribed ?? false }, { status: 'signed', waitTicket: null }, now, doc)
    doc = { ...fresh, flags: ['walk_in'] }
  }
  if (mark.kind === 'in') {
    if (doc.checkIn) throw new AppError('CHECKIN.ALREADY')
    return { doc: { ...doc, checkIn: mark.evidence, flags: withFlags(doc.flags, mark.flags), updatedAt: now }, leftWaitlist }
  }
  if (!doc.checkIn || mark.evidence.at < doc.checkIn.at) throw new AppError('CHECKIN.NOT_CHECKED_IN')
  if (doc.checkOut) throw new AppError('CHECKIN.ALREADY_OUT')
  const { minutes, short } = attendedMinutes(doc.checkIn.at, mark.evidence.at, a)
  const flags = withFlags(doc.flags, short ? [...mark.flags, 'short_attendance'] : mark.flags)
  return { doc: { ...doc, checkOut: mark.evidence, flags, minutes, review: 'pending', updatedAt: now }, leftWaitlist }
}

/**
 * The board's code: only while the activity is live, code check-in is on, and someone could use it.
 * `value` goes into the QR; `short` is shown beside it for those who type.
 */
export function boardCode(a: ActivityDoc, now: number, mac: Mac): { value: string; short: string; step: number; expiresAt: number } | null {
  if (a.status !== 'published' || !a.checkInModes.includes('code')) return null
  if (now < checkInWindow(a)[0] || now > checkOutWindow(a)[1]) return null
  const step = stepAt(now)
  return { value: rotatingCode(a._id, step, mac), short: shortCode(a._id, step, mac), step, expiresAt: stepEndsAt(step) }
}

const PERSON_CODE = /^tq1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{10})$/
const PERSON_MAC_CHARS = 10

/** The youth's own code for the organizer to scan: `tq1.<userId>.<mac>`, unforgeable without the server key. */
export function personCode(userId: string, personMac: (userId: string) => string): string {
  return `tq1.${userId}.${personMac(userId).slice(0, PERSON_MAC_CHARS)}`
}

/** The user id a personal code names, or `CHECKIN.UNKNOWN_PERSON` when it is malformed or forged. */
export function parsePersonCode(code: string, personMac: (userId: string) => string): string {
  const m = PERSON_CODE.exec(code)
  if (!m || !constantTimeEqual(m[2], personMac(m[1]).slice(0, PERSON_MAC_CHARS))) throw new AppError('CHECKIN.UNKNOWN_PERSON')
  return m[1]
}

export interface ScanResult {
  ok: boolean
  code: string | null
  message: string | null
}

/** A synced scan, kept under its `scanId` so a re-sent scan is answered and not applied twice. */
export interface ScanDoc {
  _id: string
  activityId: string
  personCode: string
  kind: Mark['kind']
  scannedAt: number
  scannedBy: string
  syncedAt: number
  participationId: string
  result: ScanResult
}

/** A re-sent scan gets its first answer; the same id with another payload is a conflict. */
export function replayScan(
  stored: ScanDoc,
  scan: { activityId: string; personCode: string; kind: Mark['kind']; scannedAt: number },
): ScanResult {
  const same =
    stored.activityId === scan.activityId && stored.personCode === scan.personCode && stored.kind === scan.kind && stored.scannedAt === scan.scannedAt
  if (!same) throw new AppError('GENERIC.CONFLICT')
  return stored.result
}
