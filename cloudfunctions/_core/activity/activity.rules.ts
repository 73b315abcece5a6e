import type { ActivityKind, ActivityStatus, CheckInMode, Flag, ParticipationStatus, ReviewStatus } from '../../../types/enums'

/** 活动 and 报名: the documents and the pure rules about them (no I/O). */

export interface Place {
  name: string
  lat: number
  lng: number
  radius: number
}

export type Audience = { type: 'everyone' } | { type: 'org'; orgId: string } | { type: 'group'; groupId: string }

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
  status: ActivityStatus
  cancelReason: string | null
  /** HMAC key of the rotating check-in code; never leaves the server. */
  secret: string
  /** Counters kept with every sign-up change, in the same transaction as the participation. */
  signed: number
  waitlisted: number
  /** Monotonic ticket for waitlist order. */
  waitSeq: number
  createdBy: string
  createdAt: number
  updatedAt: number
  publishedAt: number | null
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
}

/** Check-in window: from `checkInOpensBefore` minutes before the start until the end. */
export function checkInWindow(a: Pick<ActivityDoc, 'startAt' | 'endAt' | 'checkInOpensBefore'>): [number, number] {
  return [a.startAt - a.checkInOpensBefore * 60_000, a.endAt]
}

/** Check-out window: from the start until `checkOutClosesAfter` minutes after the end. */
export function checkOutWindow(a: Pick<ActivityDoc, 'startAt' | 'endAt' | 'checkOutClosesAfter'>): [number, number] {
  return [a.startAt, a.endAt + a.checkOutClosesAfter * 60_000]
}
