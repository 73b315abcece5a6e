import { z } from 'zod'
import { CHECK_IN_MODES } from '../enums'
import { ActivityCard, ActivityKind, ActivityView, Audience, CheckInMode, DutyType, Lat, Lng } from './activities'
import { EpochMs, FileId, Id, Page, PageInput, RequestId, Text, defineContract } from './common'

/**
 * Activities as cadres organize them (served by the activity function): creating and editing, publishing
 * and cancelling, the list of an org's activities, and the attendance board. Apart from activities.ts so
 * that the youth's pages, in the main package, carry none of these schemas.
 */

export const Place = z.strictObject({
  name: Text('活动地点', 60),
  lat: Lat,
  lng: Lng,
  radius: z.number().int().min(30, { error: '签到范围至少30米' }).max(3000, { error: '签到范围最多3000米' }).default(300),
})

const CheckInModes = z
  .array(CheckInMode)
  .min(1, { error: '至少选择一种签到方式' })
  .max(CHECK_IN_MODES.length)
  .refine((xs) => new Set(xs).size === xs.length, { error: '签到方式有重复项' })

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
  /** Where it is held: a station for kind `station`, a youth home for `youth_home` (required for those two). */
  venueId: Id.nullable().default(null),
  /** What a station activity counts as in the year's duties (required for kind `station`, else null). */
  dutyType: DutyType.nullable().default(null),
  /** Its 主讲 / 负责人 (user ids): a held station activity counts as their duty. */
  hosts: z.array(Id).max(10, { error: '主讲或负责人最多10位' }).default([]),
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
    venueId: Id.nullable().optional(),
    dutyType: DutyType.nullable().optional(),
    hosts: z.array(Id).max(10, { error: '主讲或负责人最多10位' }).optional(),
  })
  .refine((o) => Object.keys(o).length > 1, { error: '没有需要修改的内容' })

export const manageContract = defineContract('activity', {
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
  manageActivities: {
    summary: '团干部查看自己范围内组织的全部活动（含草稿、已取消）。',
    input: z.strictObject({ orgId: Id, ...PageInput }),
    output: Page(ActivityCard),
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
})

export type ManageContract = typeof manageContract
