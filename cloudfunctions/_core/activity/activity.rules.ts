import { scheduleIsSound } from '../../../types/contract/activity'
import { PRIVACY_VERSION, type ActivityKind, type DutyType, type ActivityStatus, type CheckInMode, type Flag, type ParticipationStatus, type ReviewStatus } from '../../../types/enums'
import { AppError } from '../runtime/app-error'
import { covers, type OrgDoc } from '../org/org.rules'
import type { ProfileDoc } from '../profile/profile.rules'

/** 活动 and 报名: the documents and the pure rules about them (no I/O). */

export interface Place {
  name: string
  lat: number
  lng: number
  radius: number
}

export type Audience = { type: 'everyone' } | { type: 'org'; orgId: string } | { type: 'group'; groupId: string }

/** How a record names an activity that no longer exists. */
export const GONE_ACTIVITY = '（活动已删除）'

export interface ActivityDoc {
  _id: string
  orgId: string
  kind: ActivityKind
  title: string
  description: string
  place: Place
  startAt: number
  endAt: number
  signUpStartAt: number
  signUpEndAt: number
  checkInOpensBefore: number
  checkOutClosesAfter: number
  capacity: number
  waitlist: boolean
  realNameRequired: boolean
  walkIn: boolean
  checkInModes: CheckInMode[]
  minAttendancePercent: number
  pointsPerHour: number
  audience: Audience
  /** The station or youth home it is held at (kinds `station` / `youth_home`; absent on older activities). */
  venueId?: string | null
  /** What a station activity counts as in the year's duties (履职). */
  dutyType?: DutyType | null
  /** Its 主讲 / 负责人 (user ids): once held, it counts as their duty. */
  hosts?: string[]
  /** File id of the cover picture (activities made before covers have none). */
  cover?: string | null
  /** The cover's content check (absent on covers made before checks: treated as passed). */
  coverCheck?: CoverCheck | null
  /** The pending check's trace id, matched by WeChat's `wxa_media_check` push. */
  coverTrace?: string | null
  status: ActivityStatus
  cancelReason: string | null
  /** HMAC key of the rotating check-in code; never leaves the server. */
  secret: string
  /** How many hold a place / wait: kept with the places maps, in the same atomic update (activity.places.ts). */
  signed: number
  waitlisted: number
  /**
   * The places maps, participation id → ticket (when they joined): who holds a place and who waits.
   * Left out of most reads (`WITHOUT_PLACES` in activity.repo.ts); `{}` on a new activity.
   */
  seats?: Record<string, number>
  queue?: Record<string, number>
  /** When the places last changed (indexed: the sweep looks at activities that moved). */
  placesAt?: number
  /** When the first check-in landed: from then on the attendance is real and the activity cannot be cancelled. */
  attendedAt?: number | null
  createdBy: string
  createdAt: number
  updatedAt: number
  publishedAt: number | null
  /** Fingerprint of the create request (see runtime/idempotency). */
  requestHash?: string
}

export interface Evidence {
  method: CheckInMode
  /** The server's time of the request; for an organizer's offline scan, the scan time it reported. */
  at: number
  location?: { lat: number; lng: number; accuracy: number; distance: number }
  step?: number
  scannedBy?: string
  scanId?: string
  syncedAt?: number
}

export interface ParticipationDoc {
  _id: string
  activityId: string
  /** The activity's org, so a cadre's review queue is one indexed query. */
  orgId: string
  openid: string
  userId: string
  userName: string
  status: ParticipationStatus
  waitTicket: number | null
  signedAt: number
  subscribed: boolean
  checkIn: Evidence | null
  checkOut: Evidence | null
  flags: Flag[]
  /** Minutes the attendance rules give, fixed at check-out (before review). */
  minutes: number | null
  review: ReviewStatus
  approvedMinutes: number
  /** Bumped on every approval, so each approval's credit has its own deterministic ledger id. */
  approvals: number
  reviewedBy: string | null
  reviewedAt: number | null
  rejectReason: string | null
  updatedAt: number
  /** When the start reminder went out (set once, by the timer). */
  remindedAt?: number
  /** Wrong typed check-in codes so far (attendance.rules.ts MAX_CODE_MISSES). */
  codeMisses?: number
}

/** Check-in window: from `checkInOpensBefore` minutes before the start until the end. */
export function checkInWindow(a: Pick<ActivityDoc, 'startAt' | 'endAt' | 'checkInOpensBefore'>): [number, number] {
  return [a.startAt - a.checkInOpensBefore * 60_000, a.endAt]
}

/** Check-out window: from the start until `checkOutClosesAfter` minutes after the end. */
export function checkOutWindow(a: Pick<ActivityDoc, 'startAt' | 'endAt' | 'checkOutClosesAfter'>): [number, number] {
  return [a.startAt, a.endAt + a.checkOutClosesAfter * 60_000]
}

// ---------------------------------------------------------------------------------------------
// Schedule and editing

export interface Schedule {
  startAt: number
  endAt: number
  signUpStartAt: number
  signUpEndAt: number
}

/** The contract's schedule rule, re-checked on the merged schedule of an edit, and no start in the past. */
export function assertSchedule(s: Schedule, now: number): void {
  if (!scheduleIsSound(s)) throw new AppError('ACTIVITY.BAD_SCHEDULE')
  if (s.startAt <= now) throw new AppError('ACTIVITY.IN_PAST')
}

/**
 * Edits stop when check-in opens: people signed up for what was announced, and a schedule moved
 * after someone checked in would change the hours their check-in earns.
 */
export function assertEditable(a: Pick<ActivityDoc, 'status' | 'startAt' | 'endAt' | 'checkInOpensBefore'>, now: number): void {
  if (a.status === 'cancelled' || now >= checkInWindow(a)[0]) throw new AppError('ACTIVITY.NOT_EDITABLE')
}

/**
 * Cancelling is possible until the start while nobody has checked in; after that the attendance is
 * real and goes to review (a cadre who stops an activity halfway rejects or approves what was done).
 */
export function assertActivityCancellable(a: Pick<ActivityDoc, 'status' | 'startAt' | 'attendedAt'>, now: number, checkedIn: number): void {
  if (a.status === 'cancelled') throw new AppError('ACTIVITY.CANCELLED')
  if (now >= a.startAt) throw new AppError('ACTIVITY.NOT_EDITABLE')
  // `attendedAt` is stamped by the first check-in while the activity is published (attendance.repo.ts),
  // read in the cancel's own transaction: a check-in at the same instant makes one of them lose.
  if (checkedIn > 0 || a.attendedAt) throw new AppError('ACTIVITY.ATTENDED')
}

export function assertCapacity(capacity: number, a: Pick<ActivityDoc, 'signed'>): void {
  if (capacity < a.signed) throw new AppError('ACTIVITY.CAPACITY_BELOW_SIGNED')
}

/** How many waitlisted people a capacity change lets in. */
export function freePlaces(a: Pick<ActivityDoc, 'capacity' | 'signed' | 'waitlisted'>): number {
  return Math.max(0, Math.min(a.capacity - a.signed, a.waitlisted))
}

// ---------------------------------------------------------------------------------------------
// Audience

/** The orgs whose subtree contains `org`: an org audience naming any of them includes its members. */
export function orgsAbove(org: Pick<OrgDoc, '_id' | 'path'>): string[] {
  return [...org.path, org._id]
}

/**
 * `groupChains`: the tower chain (`[...path, _id]`) of each group the youth is an active member of.
 * A group audience includes the members of that group and of every group below it: one of their
 * chains passes through it. A member of the group above is not included (the activity is for a part
 * of the tower, not for everyone over it).
 */
export function inAudience(audience: Audience, memberOrg: Pick<OrgDoc, '_id' | 'path'> | null, groupChains: string[][] = []): boolean {
  if (audience.type === 'everyone') return true
  if (audience.type === 'org') return !!memberOrg && orgsAbove(memberOrg).includes(audience.orgId)
  return groupChains.some((chain) => chain.includes(audience.groupId))
}

/**
 * An audience must lie inside the activity org's subtree: an org audience names such an org, a group
 * audience a group belonging to such an org. `audienceOrg` is that org (the named one, or the named
 * group's), read by the caller; null when there is none.
 */
export function assertAudience(audience: Audience, activityOrgId: string, audienceOrg: Pick<OrgDoc, '_id' | 'path'> | null): void {
  if (audience.type === 'everyone') return
  if (!audienceOrg || !covers(activityOrgId, audienceOrg)) throw new AppError('AUTH.FORBIDDEN')
}

// ---------------------------------------------------------------------------------------------
// Venue, duty type and hosts

/**
 * What an activity's kind asks of where it is held: a station activity is at a station and counts as
 * one duty type (宣讲, 调研 …) in the year of those who take part; a youth-home activity is at a youth
 * home (a duty type is allowed but counts for nothing); any other activity may name a station or
 * youth home it uses, but has no duty type. `venueKind` is the named venue's kind, read by the caller
 * (null when none is named).
 */
export function assertVenueFits(kind: ActivityKind, venueKind: string | null, dutyType: DutyType | null): void {
  if (kind === 'station') {
    if (!venueKind || !dutyType) throw new AppError('STATION.ACTIVITY_NEEDS_VENUE')
    if (venueKind !== 'station') throw new AppError('STATION.NOT_STATION')
    return
  }
  if (kind === 'youth_home') {
    if (!venueKind) throw new AppError('STATION.ACTIVITY_NEEDS_VENUE')
    if (venueKind !== 'youth_home') throw new AppError('STATION.NOT_YOUTH_HOME')
    return
  }
  if (dutyType) throw new AppError('GENERIC.BAD_INPUT', '只有联络站活动和青年之家活动可以选择履职类型。')
}

/** Hosts as stored: each person once, in the order first named. */
export function uniqueHosts(hosts: readonly string[]): string[] {
  return [...new Set(hosts)]
}

/** Every host must be a registered person (`known`: the user ids that have a profile). */
export function assertHostsKnown(hosts: readonly string[], known: ReadonlySet<string>): void {
  if (hosts.some((h) => !known.has(h))) throw new AppError('USER.NOT_FOUND')
}

// ---------------------------------------------------------------------------------------------
// Sign-up

export function assertOpenForSignUp(a: Pick<ActivityDoc, 'status' | 'signUpStartAt' | 'signUpEndAt'>, now: number): void {
  if (a.status === 'draft') throw new AppError('ACTIVITY.NOT_PUBLISHED')
  if (a.status === 'cancelled') throw new AppError('ACTIVITY.CANCELLED')
  if (now < a.signUpStartAt || now >= a.signUpEndAt) throw new AppError('SIGNUP.CLOSED')
}

/** 实名: a name and a resident ID number on file (checked against the birth date and sex when given). */
/** Registered, and agreed to the privacy guide now in force (a newer version must be accepted first). */
export function assertCurrentPrivacy(profile: Pick<ProfileDoc, 'privacyVersion'> | null): asserts profile {
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  if (profile.privacyVersion !== PRIVACY_VERSION) throw new AppError('USER.PRIVACY_NOT_ACCEPTED')
}

export function hasRealName(profile: Pick<ProfileDoc, 'realName' | 'idHash'>): boolean {
  return profile.realName.trim().length > 0 && !!profile.idHash
}

/** Who may sign up or walk in; `groupChains` as in `inAudience` (read only for a group audience: groupChainsFor). */
export function assertEligible<P extends Pick<ProfileDoc, 'realName' | 'idHash' | 'privacyVersion'>>(
  a: Pick<ActivityDoc, 'realNameRequired' | 'audience'>,
  profile: P | null,
  profileOrg: Pick<OrgDoc, '_id' | 'path'> | null,
  groupChains: string[][],
): P {
  assertCurrentPrivacy(profile)
  if (a.realNameRequired && !hasRealName(profile)) throw new AppError('SIGNUP.REAL_NAME_REQUIRED')
  if (!inAudience(a.audience, profileOrg, groupChains)) throw new AppError('ACTIVITY.NOT_IN_AUDIENCE')
  return profile
}

export function isActive(p: Pick<ParticipationDoc, 'status'> | null): boolean {
  return !!p && (p.status === 'signed' || p.status === 'waitlisted')
}

/** A walk-in is signed but took no place (capacity counts sign-ups), so leaving frees none. */
export function holdsPlace(p: Pick<ParticipationDoc, 'status' | 'flags'> | null): boolean {
  return !!p && p.status === 'signed' && !p.flags.includes('walk_in')
}

/** signed ≤ capacity always: a full activity waitlists (when allowed) or refuses. */
export function placeFor(a: Pick<ActivityDoc, 'capacity' | 'signed' | 'waitlist'>): 'signed' | 'waitlisted' {
  if (a.signed < a.capacity) return 'signed'
  if (a.waitlist) return 'waitlisted'
  throw new AppError('SIGNUP.FULL')
}

/** Before the start, and not once checked in (check-in may open before the start): attendance is on record. */
export function assertCancellable(a: Pick<ActivityDoc, 'startAt'>, p: Pick<ParticipationDoc, 'status' | 'checkIn'> | null, now: number): void {
  if (!isActive(p)) throw new AppError('SIGNUP.NOT_SIGNED')
  if (now >= a.startAt || p!.checkIn) throw new AppError('SIGNUP.TOO_LATE_TO_CANCEL')
}

export function newParticipation(
  a: Pick<ActivityDoc, '_id' | 'orgId'>,
  who: { _id: string; openid: string; userId: string; userName: string; subscribed: boolean },
  place: { status: 'signed' | 'waitlisted'; waitTicket: number | null },
  now: number,
  previous: Pick<ParticipationDoc, 'approvals'> | null,
): ParticipationDoc {
  return {
    _id: who._id,
    activityId: a._id,
    orgId: a.orgId,
    openid: who.openid,
    userId: who.userId,
    userName: who.userName,
    status: place.status,
    waitTicket: place.waitTicket,
    signedAt: now,
    subscribed: who.subscribed,
    checkIn: null,
    checkOut: null,
    flags: [],
    minutes: null,
    review: 'none',
    approvedMinutes: 0,
    // Kept across a cancel and re-sign so every approval's ledger id stays unique.
    approvals: previous?.approvals ?? 0,
    reviewedBy: null,
    reviewedAt: null,
    rejectReason: null,
    updatedAt: now,
  }
}

// ---------------------------------------------------------------------------------------------
// Distance

const EARTH_RADIUS_M = 6371008.8

/** Great-circle distance in whole metres (haversine); GCJ-02 offsets cancel out at these scales. */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))))
}

// ---------------------------------------------------------------------------------------------
// Views (never the secret)

export type CoverCheck = 'pending' | 'pass' | 'risky'

/** The cover others may see: only one that passed its check; the organizers see theirs at once. */
export function visibleCover(a: Pick<ActivityDoc, 'cover' | 'coverCheck'>, canManage: boolean): string | null {
  if (!a.cover) return null
  return canManage || (a.coverCheck ?? 'pass') === 'pass' ? a.cover : null
}

export interface CardExtra {
  orgName: string
  near?: { lat: number; lng: number } | null
  /** The cover's temporary URL, resolved by the caller through storage. */
  coverUrl?: string | null
}

export function toActivityCard(a: ActivityDoc, extra: CardExtra) {
  return {
    id: a._id,
    kind: a.kind,
    title: a.title,
    orgId: a.orgId,
    orgName: extra.orgName,
    placeName: a.place.name,
    startAt: a.startAt,
    endAt: a.endAt,
    signUpEndAt: a.signUpEndAt,
    capacity: a.capacity,
    signed: a.signed,
    waitlisted: a.waitlisted,
    status: a.status,
    distance: extra.near ? distanceMeters(extra.near, a.place) : null,
    coverUrl: extra.coverUrl ?? null,
    venueId: a.venueId ?? null,
    dutyType: a.dutyType ?? null,
  }
}

export function toActivityView(a: ActivityDoc, extra: CardExtra & { canManage: boolean }) {
  const [checkInOpensAt, checkInClosesAt] = checkInWindow(a)
  return {
    ...toActivityCard(a, extra),
    description: a.description,
    place: { name: a.place.name, lat: a.place.lat, lng: a.place.lng, radius: a.place.radius },
    signUpStartAt: a.signUpStartAt,
    checkInOpensAt,
    checkInClosesAt,
    checkOutClosesAt: checkOutWindow(a)[1],
    waitlist: a.waitlist,
    realNameRequired: a.realNameRequired,
    walkIn: a.walkIn,
    checkInModes: a.checkInModes,
    minAttendancePercent: a.minAttendancePercent,
    pointsPerHour: a.pointsPerHour,
    audience: a.audience,
    cancelReason: a.cancelReason,
    cover: a.cover ?? null,
    coverCheck: a.cover ? (a.coverCheck ?? 'pass') : null,
    canManage: extra.canManage,
  }
}

export function toParticipationView(p: ParticipationDoc, waitlistPosition: number | null) {
  return {
    id: p._id,
    activityId: p.activityId,
    status: p.status,
    waitlistPosition: p.status === 'waitlisted' ? waitlistPosition : null,
    signedAt: p.signedAt,
    checkInAt: p.checkIn?.at ?? null,
    checkOutAt: p.checkOut?.at ?? null,
    checkInMethod: p.checkIn?.method ?? null,
    flags: p.flags,
    minutes: p.minutes,
    review: p.review,
    approvedMinutes: p.approvedMinutes,
    rejectReason: p.rejectReason,
  }
}
