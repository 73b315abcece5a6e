import { participationIdFor } from '../../../cloudfunctions/_core/activity/activity.repo'
import type { ActivityDoc, ParticipationDoc } from '../../../cloudfunctions/_core/activity/activity.rules'
import { activityMac, rotatingCode, stepAt } from '../../../cloudfunctions/_core/attendance'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Activities and participations written straight into the store (not through signUp), so the
 * attendance tests stand on their own. Default schedule: starts at 11:00 on the test day (an hour
 * after TEST_NOW), ends at 13:00; check-in opens 10:30, check-out closes 14:00.
 */
export const MIN = 60_000
export const START = TEST_NOW + 60 * MIN
export const END = START + 120 * MIN
export const PLACE = { name: '润城镇文化广场', lat: 35.4864, lng: 112.4066, radius: 300 }

let seq = 0
/** Ids like the real ones: short enough for the 32-character rotating code. */
export const newId = () => `t${(++seq).toString(36).padStart(4, '0')}`

export function activityDoc(over: Partial<ActivityDoc> = {}): ActivityDoc {
  return {
    _id: newId(),
    orgId: 'yc-rc-b1',
    kind: 'volunteer',
    title: '秋收助农志愿服务',
    description: '帮助村民晾晒玉米',
    place: { ...PLACE },
    startAt: START,
    endAt: END,
    signUpStartAt: TEST_NOW - 7 * 24 * 60 * MIN,
    signUpEndAt: START - 120 * MIN,
    checkInOpensBefore: 30,
    checkOutClosesAfter: 60,
    capacity: 50,
    waitlist: true,
    realNameRequired: true,
    walkIn: false,
    checkInModes: ['code', 'geo', 'scan'],
    minAttendancePercent: 60,
    pointsPerHour: 1,
    audience: { type: 'everyone' },
    status: 'published',
    cancelReason: null,
    secret: `secret-${seq}-${'x'.repeat(40)}`,
    signed: 0,
    waitlisted: 0,
    waitSeq: 0,
    createdBy: 'dev-cadre',
    createdAt: TEST_NOW - 10 * 24 * 60 * MIN,
    updatedAt: TEST_NOW - 10 * 24 * 60 * MIN,
    publishedAt: TEST_NOW - 9 * 24 * 60 * MIN,
    ...over,
  }
}

export function participationDoc(a: ActivityDoc, who: { openid: string; userId: string; userName: string }, over: Partial<ParticipationDoc> = {}): ParticipationDoc {
  return {
    _id: participationIdFor(a._id, who.openid),
    activityId: a._id,
    orgId: a.orgId,
    openid: who.openid,
    userId: who.userId,
    userName: who.userName,
    status: 'signed',
    waitTicket: null,
    signedAt: a.signUpStartAt + MIN,
    subscribed: false,
    checkIn: null,
    checkOut: null,
    flags: [],
    minutes: null,
    review: 'none',
    approvedMinutes: 0,
    approvals: 0,
    reviewedBy: null,
    reviewedAt: null,
    rejectReason: null,
    updatedAt: a.signUpStartAt + MIN,
    ...over,
  }
}

export function putActivity(cloud: TestCloud, over: Partial<ActivityDoc> = {}): ActivityDoc {
  const a = activityDoc(over)
  cloud.emulator.store.upsert('activities', { ...a })
  return a
}

/** A participation for a seeded person (their profile gives the name); `signed` unless told otherwise. */
export function enroll(cloud: TestCloud, a: ActivityDoc, openid: string, over: Partial<ParticipationDoc> = {}): ParticipationDoc {
  const userId = userIdFor(cloud.secrets, openid)
  const profile = cloud.emulator.store.get('profiles', userId) as { realName: string } | null
  const p = participationDoc(a, { openid, userId, userName: profile?.realName ?? '未登记' }, over)
  cloud.emulator.store.upsert('participations', { ...p })
  return p
}

export function participation(cloud: TestCloud, a: ActivityDoc, openid: string): ParticipationDoc | null {
  return cloud.emulator.store.get('participations', participationIdFor(a._id, openid)) as ParticipationDoc | null
}

/** The code the organizer's board shows at `at`. */
export function codeAt(a: ActivityDoc, at: number): string {
  return rotatingCode(a._id, stepAt(at), activityMac(a.secret))
}

/** Every collection the attendance actions could touch, for "no trace" checks. */
export function snapshot(cloud: TestCloud): string {
  return JSON.stringify(['activities', 'participations', 'scans', 'audit_logs', 'profiles'].map((c) => cloud.docs(c).map((d) => JSON.stringify(d)).sort()))
}
