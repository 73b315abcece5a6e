import { z } from 'zod'
import { FLAGS, REVIEW_STATUSES } from '../enums'
import { CalendarDate, FileId, Id, ItemResult, Page, PageInput, RequestId, Text, defineContract } from './common'

/**
 * Volunteer hours (served by the activity function): attended and declared hours, their review by
 * cadres, stars and the youth's own records. Durations are integer minutes.
 */

/** At most this many evidence photos to a declaration. */
export const MAX_EVIDENCE_PHOTOS = 9

export const ReviewItem = z.object({
  kind: z.enum(['attendance', 'declaration']),
  id: Id,
  userId: Id,
  userName: z.string(),
  title: z.string(),
  activityId: Id.nullable(),
  orgName: z.string(),
  at: z.number().int(),
  checkInAt: z.number().int().nullable(),
  checkOutAt: z.number().int().nullable(),
  minutes: z.number().int(),
  flags: z.array(z.enum(FLAGS)),
  evidenceText: z.string().nullable(),
  /** Evidence photos, each with a temporary URL (null when the file is gone). */
  photos: z.array(z.object({ fileId: z.string(), url: z.string().nullable() })),
  review: z.enum(REVIEW_STATUSES),
})

export const ReviewRef = z.strictObject({ kind: z.enum(['attendance', 'declaration']), id: Id })

export const HourRecord = z.object({
  kind: z.enum(['attendance', 'declaration']),
  id: Id,
  title: z.string(),
  at: z.number().int(),
  minutes: z.number().int(),
  source: z.enum(['attended', 'declared']),
  review: z.enum(REVIEW_STATUSES),
  points: z.number().int(),
})

export const StarProgress = z.object({
  attendedMinutes: z.number().int(),
  declaredMinutes: z.number().int(),
  totalMinutes: z.number().int(),
  stars: z.number().int().min(0).max(5),
  next: z.object({ stars: z.number().int(), minutes: z.number().int(), remainingMinutes: z.number().int() }).nullable(),
})

export const hoursContract = defineContract('activity', {
  reviewQueue: {
    summary: '待审核的时长（签到记录与申报），有标记的排在前面。',
    input: z.strictObject({ orgId: Id, activityId: Id.optional(), ...PageInput }),
    output: Page(ReviewItem),
  },
  approveHours: {
    summary: '批量通过时长；通过的签到时长按活动比例发放益币（每条只发一次）。不能审核自己的时长。',
    audit: true,
    input: z.strictObject({ items: z.array(ReviewRef).min(1).max(100) }),
    output: z.object({ results: z.array(ItemResult) }),
  },
  rejectHours: {
    summary: '批量驳回时长，须写明原因。',
    audit: true,
    input: z.strictObject({ items: z.array(ReviewRef).min(1).max(100), reason: Text('驳回原因', 100) }),
    output: z.object({ results: z.array(ItemResult) }),
  },
  reverseApproval: {
    summary: '撤销一次已通过的审核：时长退回待审核，已发益币以冲正记录扣回。',
    audit: true,
    input: z.strictObject({ item: ReviewRef, reason: Text('撤销原因', 100) }),
    output: z.object({ result: ItemResult }),
  },
  declareHours: {
    summary: '申报线下完成的服务时长（荣誉时长），须附说明或照片，审核通过后计入星级，不发益币。',
    input: z.strictObject({
      requestId: RequestId,
      orgId: Id,
      title: Text('服务内容', 40, { min: 2 }),
      date: CalendarDate,
      minutes: z.number().int().min(30, { error: '时长至少30分钟' }).max(24 * 60, { error: '单次时长最多24小时' }),
      evidenceText: Text('证明说明', 500, { multiline: true }).optional(),
      photos: z.array(FileId).max(MAX_EVIDENCE_PHOTOS, { error: `最多${MAX_EVIDENCE_PHOTOS}张照片` }).default([]),
    }),
    output: z.object({ declarationId: Id, review: z.enum(REVIEW_STATUSES) }),
  },
  myHours: {
    summary: '我的信用时长、荣誉时长、星级与距下一星的进度。',
    input: z.strictObject({}),
    output: StarProgress,
  },
  myRecords: {
    summary: '我的时长记录（签到与申报），新的在前。',
    input: z.strictObject({ ...PageInput }),
    output: Page(HourRecord),
  },
})

export type HoursContract = typeof hoursContract

export type ReviewItemT = z.infer<typeof ReviewItem>
