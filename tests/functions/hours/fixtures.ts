import type { ActivityDoc, ParticipationDoc } from '../../../cloudfunctions/_core/activity/activity.rules'
import { participationIdFor } from '../../../cloudfunctions/_core/activity/activity.repo'
import type { DeclarationDoc } from '../../../cloudfunctions/_core/hours/hours.rules'
import type { Flag } from '../../../types/enums'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Activities and participations written straight into the emulator, already checked out and waiting
 * for review, so the hours tests do not depend on the sign-up and check-in actions.
 */

const HOUR = 3600_000

export function activityDoc(id: string, over: Partial<ActivityDoc> = {}): ActivityDoc {
  const startAt = TEST_NOW - 5 * HOUR
  return {
    _id: id,
    orgId: 'yc-rc-b1',
    kind: 'volunteer',
    title: `活动${id}`,
    description: '测试活动',
    place: { name: '上庄村文化广场', lat: 35.48, lng: 112.41, radius: 300 },
    startAt,
    endAt: startAt + 4 * HOUR,
    signUpStartAt: startAt - 72 * HOUR,
    signUpEndAt: startAt - HOUR,
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
    secret: 'test-secret-never-leaves',
    signed: 0,
    waitlisted: 0,
    waitSeq: 0,
    createdBy: 'dev-cadre',
    createdAt: startAt - 96 * HOUR,
    updatedAt: startAt - 96 * HOUR,
    publishedAt: startAt - 96 * HOUR,
    ...over,
  }
}

export function putActivity(cloud: TestCloud, id: string, over: Partial<ActivityDoc> = {}): ActivityDoc {
  const doc = activityDoc(id, over)
  cloud.emulator.store.upsert(COLLECTIONS.activities, { ...doc })
  return doc
}

export interface AttendanceOpts {
  minutes?: number
  /** Time present; defaults to exactly `minutes`. */
  presentMinutes?: number
  flags?: Flag[]
  userName?: string
  review?: ParticipationDoc['review']
}

/** A participation that checked in at the start and out `presentMinutes` later, pending review. */
export function attendanceDoc(cloud: TestCloud, activity: ActivityDoc, openid: string, o: AttendanceOpts = {}): ParticipationDoc {
  const minutes = o.minutes ?? 120
  const checkInAt = activity.startAt
  const checkOutAt = checkInAt + (o.presentMinutes ?? minutes) * 60_000
  return {
    _id: participationIdFor(activity._id, openid),
    activityId: activity._id,
    orgId: activity.orgId,
    openid,
    userId: userIdFor(cloud.secrets, openid),
    userName: o.userName ?? '测试青年',
    status: 'signed',
    waitTicket: null,
    signedAt: activity.signUpStartAt,
    subscribed: false,
    checkIn: { method: 'code', at: checkInAt, step: 1 },
    checkOut: { method: 'code', at: checkOutAt, step: 2 },
    flags: o.flags ?? [],
    minutes,
    review: o.review ?? 'pending',
    approvedMinutes: 0,
    approvals: 0,
    reviewedBy: null,
    reviewedAt: null,
    rejectReason: null,
    updatedAt: checkOutAt,
  }
}

export function putAttendance(cloud: TestCloud, activity: ActivityDoc, openid: string, o: AttendanceOpts = {}): ParticipationDoc {
  const doc = attendanceDoc(cloud, activity, openid, o)
  cloud.emulator.store.upsert(COLLECTIONS.participations, { ...doc })
  return doc
}

export function putDeclaration(cloud: TestCloud, id: string, openid: string, over: Partial<DeclarationDoc> = {}): DeclarationDoc {
  const doc: DeclarationDoc = {
    _id: id,
    openid,
    userId: userIdFor(cloud.secrets, openid),
    userName: '测试青年',
    orgId: 'yc-rc-b1',
    title: '社区敬老服务',
    date: '2026-11-20',
    minutes: 180,
    evidenceText: '在敬老院陪老人聊天、打扫卫生。',
    photos: [],
    review: 'pending',
    approvedMinutes: 0,
    approvals: 0,
    reviewedBy: null,
    reviewedAt: null,
    rejectReason: null,
    createdAt: TEST_NOW - 24 * HOUR,
    ...over,
  }
  cloud.emulator.store.upsert(COLLECTIONS.declarations, { ...doc })
  return doc
}

export const att = (p: { _id: string }) => ({ kind: 'attendance' as const, id: p._id })
export const decl = (d: { _id: string }) => ({ kind: 'declaration' as const, id: d._id })

/** Every collection this part writes, for "no trace" checks. */
export function snapshot(cloud: TestCloud): string {
  return JSON.stringify(Object.values(COLLECTIONS).map((c) => cloud.docs(c).map((d) => JSON.stringify(d)).sort()))
}

export function entriesOf(cloud: TestCloud, openid: string) {
  return cloud.docs(COLLECTIONS.ledgerEntries, { openid })
}

export function accountOf(cloud: TestCloud, openid: string) {
  return cloud.emulator.store.get(COLLECTIONS.accounts, userIdFor(cloud.secrets, openid))
}

export function totalsOf(cloud: TestCloud, openid: string) {
  return cloud.emulator.store.get(COLLECTIONS.hourTotals, userIdFor(cloud.secrets, openid))
}
