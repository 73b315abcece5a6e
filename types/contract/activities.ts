import { z } from 'zod'
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, CHECK_IN_MODES, FLAGS, PARTICIPATION_STATUSES, REVIEW_STATUSES } from '../enums'
import { EpochMs, FileId, Id, Page, PageInput, RequestId, Text, defineContract } from './common'

/**
 * Activities, served by the activity function: their schedule and editing, browsing, sign-up with a
 * waitlist, check-in and check-out (rotating code, geofence) and the organizer's board.
 * Times are epoch ms; durations are integer minutes; coordinates are GCJ-02.
 */

export const Lat = z.number({ error: '纬度格式不正确' }).min(-90, { error: '纬度超出范围' }).max(90, { error: '纬度超出范围' })
export const Lng = z.number({ error: '经度格式不正确' }).min(-180, { error: '经度超出范围' }).max(180, { error: '经度超出范围' })

/** A phone's reported position; accuracy in metres (≤ 0 or > 1000 is not a reading). */
export const Location = z.strictObject({
  lat: Lat,
  lng: Lng,
  accuracy: z.number({ error: '定位精度格式不正确' }).gt(0, { error: '定位精度不正确' }).max(1000, { error: '定位精度不正确' }),
})

export const Place = z.strictObject({
  name: Text('活动地点', 60),
  lat: Lat,
  lng: Lng,
  radius: z.number().int().min(30, { error: '签到范围至少30米' }).max(3000, { error: '签到范围最多3000米' }).default(300),
})

export const ActivityKind = z.enum(ACTIVITY_KINDS, { error: '活动类型不正确' })
export const CheckInMode = z.enum(CHECK_IN_MODES, { error: '签到方式不正确' })

const CheckInModes = z
  .array(CheckInMode)
  .min(1, { error: '至少选择一种签到方式' })
  .max(CHECK_IN_MODES.length)
  .refine((xs) => new Set(xs).size === xs.length, { error: '签到方式有重复项' })

/** Who may sign up. Groups arrive with the community function; the seam is here. */
export const Audience = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('everyone') }),
  z.strictObject({ type: z.literal('org'), orgId: Id }),
  z.strictObject({ type: z.literal('group'), groupId: Id }),
])

const activityFields = {
  orgId: Id,
  kind: ActivityKind.default('volunteer'),
  title: Text('活动名称', 40, { min: 2 }),
  description: Text('活动介绍', 2000, { multiline: true }),
  place: Place,
  startAt: EpochMs,
  endAt: EpochMs,
  signUpStartAt: EpochMs,
  signUpEndAt: EpochMs,
  /** Check-in opens this many minutes before the start and closes at the end. */
  checkInOpensBefore: z.number().int().min(0).max(180).default(30),
  /** Check-out is allowed from the start until this many minutes after the end. */
  checkOutClosesAfter: z.number().int().min(0).max(240).default(60),
  capacity: z.number().int().min(1, { error: '名额至少1人' }).max(5000, { error: '名额最多5000人' }),
  waitlist: z.boolean().default(true),
  realNameRequired: z.boolean().default(true),
  walkIn: z.boolean().default(false),
  checkInModes: CheckInModes.default(['code', 'geo', 'scan']),
  /** Below this share of the scheduled span, attendance earns no hours and is flagged (docs/domain.md: 60 %). */
  minAttendancePercent: z.number().int().min(0).max(100).default(60),
  /** 益币 per approved attended hour. */
  pointsPerHour: z.number().int().min(0).max(10).default(1),
  audience: Audience.default({ type: 'everyone' }),
  /** The cover picture: the cadre's own upload. */
  cover: FileId.nullable().default(null),
}

/** Schedule rules every create and edit must satisfy; the server also refuses a start in the past. */
export function scheduleIsSound(a: { startAt: number; endAt: number; signUpStartAt: number; signUpEndAt: number }): boolean {
  return a.endAt > a.startAt && a.endAt - a.startAt <= 24 * 3600_000 && a.signUpStartAt < a.signUpEndAt && a.signUpEndAt <= a.startAt
}

export const CreateActivityInput = z.strictObject({ ...activityFields, requestId: RequestId }).refine(scheduleIsSound, { error: '活动时间安排不合理：结束须晚于开始（不超过24小时），报名须在开始前截止。' })

export const UpdateActivityInput = z
  .strictObject({
    activityId: Id,
    title: activityFields.title.optional(),
    description: activityFields.description.optional(),
    place: Place.optional(),
    startAt: EpochMs.optional(),
    endAt: EpochMs.optional(),
    signUpStartAt: EpochMs.optional(),
    signUpEndAt: EpochMs.optional(),
    checkInOpensBefore: z.number().int().min(0).max(180).optional(),
    checkOutClosesAfter: z.number().int().min(0).max(240).optional(),
    capacity: z.number().int().min(1, { error: '名额至少1人' }).max(5000, { error: '名额最多5000人' }).optional(),
    waitlist: z.boolean().optional(),
    realNameRequired: z.boolean().optional(),
    walkIn: z.boolean().optional(),
    checkInModes: CheckInModes.optional(),
    minAttendancePercent: z.number().int().min(0).max(100).optional(),
    pointsPerHour: z.number().int().min(0).max(10).optional(),
    audience: Audience.optional(),
    /** null removes the cover. */
    cover: FileId.nullable().optional(),
  })
  .refine((o) => Object.keys(o).length > 1, { error: '没有需要修改的内容' })

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
  createActivity: {
    summary: '团干部为自己范围内的团组织新建活动（草稿）。',
    audit: true,
    input: CreateActivityInput,
    output: z.object({ activity: ActivityView }),
  },
  updateActivity: {
    summary: '修改未开始的活动；名额不能少于已报名人数。',
    audit: true,
    input: UpdateActivityInput,
    output: z.object({ activity: ActivityView }),
  },
  publishActivity: {
    summary: '发布草稿活动，青年即可看到并报名。',
    audit: true,
    input: z.strictObject({ activityId: Id }),
    output: z.object({ activity: ActivityView }),
  },
  cancelActivity: {
    summary: '取消活动并通知已报名的青年。',
    audit: true,
    input: z.strictObject({ activityId: Id, reason: Text('取消原因', 100) }),
    output: z.object({ activity: ActivityView, notified: z.number().int() }),
  },
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
  manageActivities: {
    summary: '团干部查看自己范围内组织的全部活动（含草稿、已取消）。',
    input: z.strictObject({ orgId: Id, ...PageInput }),
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
    summary: '签到：扫现场动态码（code）或定位（location）；时间以服务器为准，范围外记录并标记待审核。',
    input: Checkpoint,
    output: z.object({ participation: ParticipationView }),
  },
  checkOut: {
    summary: '签退，方式同签到；按在场时间计算时长。',
    input: Checkpoint,
    output: z.object({ participation: ParticipationView }),
  },
  attendanceBoard: {
    summary: '组织者的签到看板：实时人数与当前动态签到码（每30秒更换；二维码旁附6位数字码，可手动输入）。',
    input: z.strictObject({ activityId: Id }),
    output: z.object({
      counts: z.object({ signed: z.number().int(), waitlisted: z.number().int(), checkedIn: z.number().int(), checkedOut: z.number().int(), flagged: z.number().int() }),
      code: z.object({ value: z.string().max(32), short: z.string().regex(/^[0-9]{6}$/), step: z.number().int(), expiresAt: z.number().int() }).nullable(),
      serverTime: z.number().int(),
    }),
  },
  coverChecked: {
    summary: '微信消息推送（wxa_media_check）：封面图片的内容安全检查结果；通过后封面才对所有人显示。',
    push: 'wxa_media_check',
    input: z.object({ trace_id: z.string().min(1).max(128), result: z.object({ suggest: z.string().max(20) }).optional() }),
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
