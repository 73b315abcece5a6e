import { z } from 'zod'
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, CHECK_IN_MODES, DUTY_TYPES, FLAGS, PARTICIPATION_STATUSES, REVIEW_STATUSES } from '../enums'
import { Id, Lat, Lng, MediaCheckPush, Page, PageInput, Text, defineContract } from './common'

export { Lat, Lng } from './common'

/**
 * Activities as youth meet them, served by the activity function: browsing, the detail, sign-up with a
 * waitlist, check-in and check-out (rotating code, geofence), and the function's own timers and pushes.
 * How cadres create and run them is in manage.ts.
 * Times are epoch ms; durations are integer minutes; coordinates are GCJ-02.
 */


/** A phone's reported position; accuracy in metres (≤ 0 or > 1000 is not a reading). */
export const Location = z.strictObject({
  lat: Lat,
  lng: Lng,
  accuracy: z.number({ error: '定位精度格式不正确' }).gt(0, { error: '定位精度不正确' }).max(1000, { error: '定位精度不正确' }),
})

export const ActivityKind = z.enum(ACTIVITY_KINDS, { error: '活动类型不正确' })
export const CheckInMode = z.enum(CHECK_IN_MODES, { error: '签到方式不正确' })
export const DutyType = z.enum(DUTY_TYPES, { error: '履职类型不正确' })

/** Who may sign up. Groups arrive with the community function; the seam is here. */
export const Audience = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('everyone') }),
  z.strictObject({ type: z.literal('org'), orgId: Id }),
  z.strictObject({ type: z.literal('group'), groupId: Id }),
])

export const ActivityCard = z.object({
  id: Id,
  kind: ActivityKind,
  title: z.string(),
  orgId: Id,
  orgName: z.string(),
  placeName: z.string(),
  startAt: z.number().int(),
  endAt: z.number().int(),
  signUpEndAt: z.number().int(),
  capacity: z.number().int(),
  signed: z.number().int(),
  waitlisted: z.number().int(),
  status: z.enum(ACTIVITY_STATUSES),
  /** Metres from the caller's position, when one was given. */
  distance: z.number().int().nullable(),
  /** A temporary URL of the cover picture, or null. */
  coverUrl: z.string().nullable(),
  /** The station or youth home it is held at, and what a station activity counts as (履职). */
  venueId: Id.nullable(),
  dutyType: DutyType.nullable(),
})

export const ActivityView = ActivityCard.extend({
  description: z.string(),
  place: z.object({ name: z.string(), lat: z.number(), lng: z.number(), radius: z.number().int() }),
  signUpStartAt: z.number().int(),
  checkInOpensAt: z.number().int(),
  checkInClosesAt: z.number().int(),
  checkOutClosesAt: z.number().int(),
  waitlist: z.boolean(),
  realNameRequired: z.boolean(),
  walkIn: z.boolean(),
  checkInModes: z.array(CheckInMode),
  minAttendancePercent: z.number().int(),
  pointsPerHour: z.number().int(),
  audience: Audience,
  cancelReason: z.string().nullable(),
  /** The cover's file id (kept by the editor when the picture is not changed). */
  cover: z.string().nullable(),
  /** The cover picture's content check: shown to everyone only once it passed (organizers always see it). */
  coverCheck: z.enum(['pending', 'pass', 'risky']).nullable(),
  /** The caller may edit, publish, cancel, run the board and review (a cadre in scope). */
  canManage: z.boolean(),
})

export const ParticipationView = z.object({
  id: Id,
  activityId: Id,
  status: z.enum(PARTICIPATION_STATUSES),
  /** 1-based place in the waitlist while waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  signedAt: z.number().int(),
  checkInAt: z.number().int().nullable(),
  checkOutAt: z.number().int().nullable(),
  checkInMethod: CheckInMode.nullable(),
  flags: z.array(z.enum(FLAGS)),
  /** Minutes the attendance rules give (before review). */
  minutes: z.number().int().nullable(),
  review: z.enum(REVIEW_STATUSES),
  approvedMinutes: z.number().int(),
  rejectReason: z.string().nullable(),
})

const Checkpoint = z.strictObject({
  activityId: Id,
  /** The rotating code as scanned (`<activityId>.<step>.<mac>`, at most 32 characters), or its 6 digits as typed. */
  code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_.-]+$/, { error: '签到码格式不正确' }).optional(),
  location: Location.optional(),
})

export const activitiesContract = defineContract('activity', {
  listActivities: {
    summary: '青年浏览已发布、未结束的活动：即将开始、附近（按距离）、按组织；可按关键词搜索。',
    input: z.strictObject({
      sort: z.enum(['upcoming', 'nearby']).default('upcoming'),
      near: z.strictObject({ lat: Lat, lng: Lng }).optional(),
      orgId: Id.optional(),
      q: Text('搜索词', 20).optional(),
      ...PageInput,
    }),
    output: Page(ActivityCard),
  },
  getActivity: {
    summary: '活动详情、剩余名额，以及当前用户的报名与签到情况。',
    input: z.strictObject({ activityId: Id, near: z.strictObject({ lat: Lat, lng: Lng }).optional() }),
    output: z.object({ activity: ActivityView, mine: ParticipationView.nullable() }),
  },
  signUp: {
    summary: '报名；满员时进入候补（活动允许时），有人取消后自动递补并通知。',
    input: z.strictObject({ activityId: Id, subscribed: z.boolean().default(false) }),
    output: z.object({ participation: ParticipationView }),
  },
  cancelSignUp: {
    summary: '活动开始前取消报名；候补第一位自动递补。',
    input: z.strictObject({ activityId: Id }),
    output: z.object({ participation: ParticipationView }),
  },
  myActivities: {
    summary: '我报名的活动。',
    input: z.strictObject({ when: z.enum(['upcoming', 'past']).default('upcoming'), ...PageInput }),
    output: Page(z.object({ activity: ActivityCard, participation: ParticipationView })),
  },
  checkIn: {
    summary: '签到：现场签到码（code：扫二维码，或输入二维码旁的6位数字，输错5次后只能扫码）或定位（location）；时间以服务器为准，范围外记录并标记待审核。',
    input: Checkpoint,
    output: z.object({ participation: ParticipationView }),
  },
  checkOut: {
    summary: '签退，方式同签到；按在场时间计算时长。',
    input: Checkpoint,
    output: z.object({ participation: ParticipationView }),
  },
  coverChecked: {
    summary: '微信消息推送（wxa_media_check）：封面图片的内容安全检查结果；通过后封面才对所有人显示。',
    push: 'wxa_media_check',
    input: MediaCheckPush,
    output: z.object({ applied: z.boolean() }),
  },
  sweepPlaces: {
    summary: '定时任务（每5分钟）：核对近期报名变动的活动名额与报名记录，修复中断留下的不一致，并让候补递补空出的名额。',
    timer: true,
    input: z.strictObject({}),
    output: z.object({ activities: z.number().int(), freed: z.number().int(), dropped: z.number().int(), promoted: z.number().int() }),
  },
  sendReminders: {
    summary: '定时任务（每10分钟）：活动开始前约1小时，提醒订阅了消息的报名者，每人一次。',
    timer: true,
    input: z.strictObject({}),
    output: z.object({ activities: z.number().int(), sent: z.number().int() }),
  },
})

export type ActivitiesContract = typeof activitiesContract

export type ActivityViewT = z.infer<typeof ActivityView>
export type ActivityCardT = z.infer<typeof ActivityCard>
export type ParticipationViewT = z.infer<typeof ParticipationView>
