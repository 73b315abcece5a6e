import type { ActivityCardT, ActivityViewT, ParticipationViewT, ReviewItemT } from '../../types/contract/activity'

/** Times are relative to the real clock: the pages compare them with Date.now(). */
export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

export function card(over: Partial<ActivityCardT> = {}): ActivityCardT {
  const start = Date.now() + 2 * DAY
  return {
    id: 'a1',
    kind: 'volunteer',
    title: '东街社区环境整治',
    orgId: 'b-dongjie',
    orgName: '东街社区团支部',
    placeName: '东街社区党群服务中心',
    startAt: start,
    endAt: start + 2 * HOUR,
    signUpEndAt: start - HOUR,
    capacity: 30,
    signed: 12,
    waitlisted: 0,
    status: 'published',
    distance: null,
    coverUrl: null,
    venueId: null,
    dutyType: null,
    ...over,
  }
}

export function view(over: Partial<ActivityViewT> = {}): ActivityViewT {
  const c = card(over)
  return {
    ...c,
    description: '清理楼道杂物，张贴垃圾分类宣传画。\n请穿便于活动的衣服。',
    place: { name: c.placeName, lat: 35.486, lng: 112.415, radius: 300 },
    signUpStartAt: Date.now() - DAY,
    checkInOpensAt: c.startAt - 30 * MIN,
    checkInClosesAt: c.endAt,
    checkOutClosesAt: c.endAt + HOUR,
    waitlist: true,
    realNameRequired: true,
    walkIn: false,
    checkInModes: ['code', 'geo', 'scan'],
    minAttendancePercent: 60,
    pointsPerHour: 1,
    audience: { type: 'everyone' },
    cover: null,
    coverCheck: null,
    cancelReason: null,
    canManage: false,
    ...over,
  }
}

/** An activity whose check-in window is open now (started 10 minutes ago). */
export function liveView(over: Partial<ActivityViewT> = {}): ActivityViewT {
  const start = Date.now() - 10 * MIN
  return view({ startAt: start, endAt: start + 2 * HOUR, signUpEndAt: start - HOUR, checkInOpensAt: start - 30 * MIN, checkInClosesAt: start + 2 * HOUR, checkOutClosesAt: start + 3 * HOUR, ...over })
}

export function participation(over: Partial<ParticipationViewT> = {}): ParticipationViewT {
  return {
    id: 'p1',
    activityId: 'a1',
    status: 'signed',
    waitlistPosition: null,
    signedAt: Date.now() - HOUR,
    checkInAt: null,
    checkOutAt: null,
    checkInMethod: null,
    flags: [],
    minutes: null,
    review: 'none',
    approvedMinutes: 0,
    rejectReason: null,
    ...over,
  }
}

export function reviewItem(over: Partial<ReviewItemT> = {}): ReviewItemT {
  const at = Date.now() - DAY
  return {
    kind: 'attendance',
    id: 'p1',
    userId: 'u1',
    userName: '王小明',
    title: '东街社区环境整治',
    activityId: 'a1',
    orgName: '东街社区团支部',
    at,
    checkInAt: at,
    checkOutAt: at + 2 * HOUR,
    minutes: 120,
    flags: [],
    evidenceText: null,
    photos: [],
    review: 'pending',
    ...over,
  }
}
