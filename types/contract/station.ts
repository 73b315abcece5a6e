import { z } from 'zod'
import { DUTY_TYPES, type DutyType as DutyTypeName } from '../enums'
import { ActivityCard, DutyType } from './activities'
import { CalendarDate, Empty, EpochMs, FileId, Id, Lat, Lng, Page, PageInput, RequestId, Text, defineContract } from './common'

/**
 * 团代表联络站 and 青年之家, served by the station function: the venues in their tree (one main station,
 * area stations, themed stations) and the youth homes beside them; the people posted there
 * (representatives and committee members, with terms) and their links (两联); visits at the station's
 * rotating door code; the year's duties; the opinion loop (征集意见); and surveys (问卷) that feed the
 * youth database. Station activities themselves are activities of kind `station` (types/contract/manage.ts).
 */

// ───────────────────────────── words ─────────────────────────────

export const STATION_LEVELS = ['main', 'area', 'station'] as const
export type StationLevel = (typeof STATION_LEVELS)[number]
export const STATION_LEVEL_LABEL: Record<StationLevel, string> = { main: '总站', area: '分站', station: '站' }
export const StationLevel = z.enum(STATION_LEVELS, { error: '联络站层级不正确' })

export const HOME_TIERS = ['flagship', 'demonstration', 'standard'] as const
export type HomeTier = (typeof HOME_TIERS)[number]
export const HOME_TIER_LABEL: Record<HomeTier, string> = { flagship: '旗舰店', demonstration: '示范店', standard: '标准店' }
export const HomeTier = z.enum(HOME_TIERS, { error: '青年之家等级不正确' })

/** What a station activity counts as in a representative's or committee member's year (types/enums.ts). */
export { DUTY_TYPE_LABEL } from '../enums'
export { DUTY_TYPES, DutyType }
/** The yearly minimum every committee member owes (the newsletter: at least one talk, one survey, one service). */
export const DUTY_MINIMUM: Record<DutyTypeName, number> = { talk: 1, survey: 1, service: 1, forum: 0 }

export const POSTS = ['representative', 'committee'] as const
export type Post = (typeof POSTS)[number]
export const POST_LABEL: Record<Post, string> = { representative: '团代表', committee: '委员' }
export const Post = z.enum(POSTS, { error: '身份不正确' })

/** 两联: a committee member to representatives (1 + 5), a representative to youth (+ 10). */
export const LINK_KINDS = ['committee_rep', 'rep_youth'] as const
export type LinkKind = (typeof LINK_KINDS)[number]
export const LinkKind = z.enum(LINK_KINDS, { error: '联系类型不正确' })

export const OPINION_STATES = ['submitted', 'assigned', 'replied', 'closed'] as const
export type OpinionState = (typeof OPINION_STATES)[number]
export const OPINION_STATE_LABEL: Record<OpinionState, string> = { submitted: '待分派', assigned: '待答复', replied: '已答复', closed: '已办结' }
export const OpinionState = z.enum(OPINION_STATES, { error: '意见状态不正确' })

export const OPINION_CATEGORIES = ['employment', 'study', 'family', 'rights', 'community', 'other'] as const
export type OpinionCategory = (typeof OPINION_CATEGORIES)[number]
export const OPINION_CATEGORY_LABEL: Record<OpinionCategory, string> = {
  employment: '就业创业',
  study: '学习成长',
  family: '婚恋家庭',
  rights: '权益维护',
  community: '社区治理',
  other: '其他',
}
export const OpinionCategory = z.enum(OPINION_CATEGORIES, { error: '意见类别不正确' })
/** No reply this many days after an opinion came in: overdue, flagged and reminded. */
export const OPINION_REPLY_DAYS = 7
/** A reply the youth has not rated this many days later closes by itself. */
export const OPINION_AUTO_CLOSE_DAYS = 14

export const QUESTION_KINDS = ['single', 'multi', 'rating', 'text'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]
export const QUESTION_KIND_LABEL: Record<QuestionKind, string> = { single: '单选', multi: '多选', rating: '评分', text: '简答' }
/** Profile fields a survey option may feed, with the youth's consent. */
export const PROFILE_FIELDS = ['needs', 'skills', 'interests'] as const
export type ProfileField = (typeof PROFILE_FIELDS)[number]

// ───────────────────────────── venues ─────────────────────────────

const ChinaLat = Lat.refine((v) => v >= 3.5 && v <= 54, { error: '位置不在国内，请在地图上重新选择' })
const ChinaLng = Lng.refine((v) => v >= 73 && v <= 136, { error: '位置不在国内，请在地图上重新选择' })

const Year = z.number({ error: '年份格式不正确' }).int().min(2015, { error: '年份不正确' }).max(2100, { error: '年份不正确' })

export const Funding = z.strictObject({
  year: Year,
  /** 元, whole yuan. */
  yuan: z.number({ error: '金额格式不正确' }).int({ error: '金额须为整数（元）' }).min(1, { error: '金额至少1元' }).max(10_000_000, { error: '金额过大，请核对' }),
  note: Text('资金说明', 60, { min: 0 }).default(''),
})

const venueFields = {
  requestId: RequestId,
  orgId: Id,
  name: Text('名称', 30, { min: 2 }),
  address: Text('地址', 80, { min: 2 }),
  lat: ChinaLat,
  lng: ChinaLng,
  hours: Text('开放时间', 60),
  description: Text('简介', 500, { min: 0, multiline: true }).default(''),
}

export const SaveStationInput = z.strictObject({
  /** Absent: a new station (its id follows from the caller and `requestId`); present: an edit. */
  venueId: Id.optional(),
  ...venueFields,
  level: StationLevel,
  /** The station above (a main station has none; an area station sits under the main one; a station under either). */
  parentId: Id.nullable(),
  /** 红色之站, 书香之站 …; empty for the main and area stations. */
  theme: Text('主题', 20, { min: 0 }).default(''),
})

export const SaveYouthHomeInput = z
  .strictObject({
    venueId: Id.optional(),
    ...venueFields,
    /** 品牌店 tier, or null for a youth home that is not (yet) one. */
    tier: HomeTier.nullable(),
    funding: z.array(Funding).max(20, { error: '资金记录最多20条' }).default([]),
    /** The station it shares a room with, if any. */
    stationId: Id.nullable().default(null),
  })
  .refine((h) => new Set(h.funding.map((f) => f.year)).size === h.funding.length, { error: '同一年份的资金只能填写一条' })

export const StationView = z.object({
  id: Id,
  kind: z.enum(['station', 'youth_home']),
  name: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  hours: z.string(),
  description: z.string(),
  orgId: Id,
  orgName: z.string(),
  status: z.enum(['open', 'closed']),
  /** Stations: level, theme and place in the tree; null for youth homes. */
  level: StationLevel.nullable(),
  theme: z.string(),
  parentId: Id.nullable(),
  depth: z.number().int(),
  /** Youth homes: tier, funding and the station sharing the room; null / [] for stations. */
  tier: HomeTier.nullable(),
  funding: z.array(z.object({ year: z.number().int(), yuan: z.number().int(), note: z.string() })),
  stationId: Id.nullable(),
  stationName: z.string().nullable(),
})

export const NearbyVenue = StationView.extend({
  /** Metres from the caller's position, when one was given. */
  distance: z.number().int().nullable(),
  /** Published activities at this venue starting in the next 7 days. */
  thisWeek: z.array(z.object({ id: Id, title: z.string(), startAt: z.number().int() })),
})

export const PersonView = z.object({
  /** The post's id. */
  id: Id,
  userId: Id,
  name: z.string(),
  /** Masked (138****1234) unless the viewer manages the post. */
  mobile: z.string().nullable(),
  post: Post,
  venueId: Id,
  venueName: z.string(),
  /** 专项小组, as people name it; empty when none. */
  team: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  active: z.boolean(),
})

export const VisitView = z.object({
  id: Id,
  venueId: Id,
  venueName: z.string(),
  userId: Id,
  name: z.string(),
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  /** Whole minutes, once ended. */
  minutes: z.number().int().nullable(),
  /** Ended by the sweep after the longest visit, not by the visitor. */
  autoEnded: z.boolean(),
})

export const Figures = z.object({
  month: z.string(),
  activities: z.number().int(),
  /** Check-ins (人次). */
  attendances: z.number().int(),
  /** Distinct youth that month. */
  youth: z.number().int(),
  visits: z.number().int(),
})

// ───────────────────────────── duties ─────────────────────────────

export const DutyItem = z.object({
  activityId: Id,
  title: z.string(),
  dutyType: DutyType,
  venueId: Id,
  venueName: z.string(),
  at: z.number().int(),
  /** host: listed as its 主讲/负责人 and it was held; attended: checked in. */
  how: z.enum(['host', 'attended']),
})

export const DutyYear = z.object({
  userId: Id,
  name: z.string(),
  post: Post,
  venueId: Id,
  venueName: z.string(),
  year: z.number().int(),
  counts: z.object({ talk: z.number().int(), survey: z.number().int(), service: z.number().int(), forum: z.number().int() }),
  minimum: z.object({ talk: z.number().int(), survey: z.number().int(), service: z.number().int(), forum: z.number().int() }),
  /** The duty types still short of the minimum. */
  missing: z.array(DutyType),
  visits: z.number().int(),
  visitMinutes: z.number().int(),
})

// ───────────────────────────── opinions ─────────────────────────────

export const OpinionStep = z.object({
  state: OpinionState,
  at: z.number().int(),
  /** Who took the step, as the viewer may see it: 匿名青年 for an anonymous author, to anyone but the handling cadre. */
  by: z.string(),
})

export const OpinionView = z.object({
  id: Id,
  state: OpinionState,
  category: OpinionCategory,
  text: z.string(),
  /** Temporary URLs of the photos that passed the check (the author and the cadre also see pending ones). */
  photoUrls: z.array(z.string()),
  anonymous: z.boolean(),
  /** The author's name: null when anonymous, to everyone but the author and the handling cadre. */
  authorName: z.string().nullable(),
  /** The author's masked mobile, for the handling cadre only (else null). */
  authorMobile: z.string().nullable(),
  venueId: Id.nullable(),
  venueName: z.string().nullable(),
  orgId: Id,
  orgName: z.string(),
  assigneeUserId: Id.nullable(),
  assigneeName: z.string().nullable(),
  reply: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  submittedAt: z.number().int(),
  /** No reply within OPINION_REPLY_DAYS. */
  overdue: z.boolean(),
  steps: z.array(OpinionStep),
  /** Is the viewer the author (may rate), the assignee (may reply), the handling cadre (may assign)? */
  mine: z.boolean(),
  canReply: z.boolean(),
  canAssign: z.boolean(),
})

const Photos = z.array(FileId).max(6, { error: '照片最多6张' }).default([])

export const OpinionFigures = z.object({
  received: z.number().int(),
  replied: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
  /** Median time from submission to reply, in hours (one decimal), or null when nothing is replied yet. */
  medianReplyHours: z.number().nullable(),
  /** Average rating 1–5 (one decimal), and how many rated. */
  satisfaction: z.number().nullable(),
  rated: z.number().int(),
})

// ───────────────────────────── surveys ─────────────────────────────

export const QuestionOption = z.strictObject({
  id: z.string().regex(/^[a-z0-9]{1,8}$/, { error: '选项编号不正确' }),
  label: Text('选项', 40, { min: 1 }),
  /** With consent, choosing this option adds `value` to the youth's profile field. */
  profile: z.strictObject({ field: z.enum(PROFILE_FIELDS), value: z.string().min(1).max(20) }).nullable().default(null),
})

export const Question = z.strictObject({
  id: z.string().regex(/^[a-z0-9]{1,8}$/, { error: '题目编号不正确' }),
  kind: z.enum(QUESTION_KINDS, { error: '题型不正确' }),
  title: Text('题目', 100, { min: 2 }),
  required: z.boolean().default(true),
  /** single / multi only: 2–12 options. */
  options: z.array(QuestionOption).max(12, { error: '选项最多12个' }).default([]),
  /** multi only: at most this many choices (null: any number). */
  maxChoices: z.number().int().min(1).max(12).nullable().default(null),
  /** rating only: 1..scale. */
  scale: z.number().int().min(3).max(10).default(5),
  /** text only. */
  maxLength: z.number().int().min(10).max(500).default(200),
})

export const SurveyAudience = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('org'), orgId: Id }),
  z.strictObject({ type: z.literal('group'), groupId: Id }),
  z.strictObject({ type: z.literal('station'), venueId: Id }),
])

export const SaveSurveyInput = z.strictObject({
  surveyId: Id.optional(),
  requestId: RequestId,
  orgId: Id,
  title: Text('问卷标题', 40, { min: 2 }),
  intro: Text('问卷说明', 500, { min: 0, multiline: true }).default(''),
  audience: SurveyAudience,
  opensAt: EpochMs,
  closesAt: EpochMs,
  questions: z.array(Question).min(1, { error: '至少一道题' }).max(40, { error: '题目最多40道' }),
  publish: z.boolean().default(false),
})

export const SurveyView = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  title: z.string(),
  intro: z.string(),
  audience: SurveyAudience,
  audienceName: z.string(),
  opensAt: z.number().int(),
  closesAt: z.number().int(),
  status: z.enum(['draft', 'published', 'closed']),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(QUESTION_KINDS),
      title: z.string(),
      required: z.boolean(),
      options: z.array(z.object({ id: z.string(), label: z.string(), feedsProfile: z.boolean() })),
      maxChoices: z.number().int().nullable(),
      scale: z.number().int(),
      maxLength: z.number().int(),
    }),
  ),
  answers: z.number().int(),
  /** For the youth: have I answered. */
  answered: z.boolean(),
  /** Does any option feed the profile (so the page asks for consent)? */
  asksConsent: z.boolean(),
})

/** One answer per question id: an option id (single), option ids (multi), 1..scale (rating), text. */
export const Answers = z.record(
  z.string().regex(/^[a-z0-9]{1,8}$/, { error: '题目编号不正确' }),
  z.union([z.string().max(500, { error: '回答太长了' }), z.array(z.string().max(8)).max(12), z.number().int()]),
)

export const SurveyResults = z.object({
  survey: SurveyView,
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(QUESTION_KINDS),
      title: z.string(),
      answered: z.number().int(),
      /** single / multi: per option; rating: per score "1".."scale". */
      counts: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })),
      /** rating: the mean, one decimal. */
      mean: z.number().nullable(),
    }),
  ),
})

// ───────────────────────────── the contract ─────────────────────────────

export const stationContract = defineContract('station', {
  // venues
  saveStation: {
    summary: '团干部在自己范围内新建或修改联络站（总站、分站、站）：名称、主题、地址、地图位置、开放时间、上级站。',
    audit: true,
    input: SaveStationInput,
    output: z.object({ venue: StationView }),
  },
  saveYouthHome: {
    summary: '团干部在自己范围内新建或修改青年之家：等级（旗舰、示范、标准）、历年资金、同址的联络站。',
    audit: true,
    input: SaveYouthHomeInput,
    output: z.object({ venue: StationView }),
  },
  listStations: {
    summary: '团干部查看某团组织及下级的联络站（按站树排列）和青年之家。',
    input: z.strictObject({ orgId: Id }),
    output: z.object({ stations: z.array(StationView), homes: z.array(StationView) }),
  },
  nearbyVenues: {
    summary: '青年查看附近的联络站和青年之家，按距离排列，附本周活动。',
    input: z.strictObject({ lat: Lat.optional(), lng: Lng.optional(), kind: z.enum(['station', 'youth_home']).optional() }),
    output: z.object({ venues: z.array(NearbyVenue) }),
  },
  getStation: {
    summary: '查看一个联络站或青年之家：介绍、近期活动、在岗的团代表（只显示姓名）。',
    input: z.strictObject({ venueId: Id }),
    output: z.object({
      venue: StationView,
      activities: z.array(ActivityCard),
      people: z.array(z.object({ userId: Id, name: z.string(), post: Post, team: z.string(), onDuty: z.boolean() })),
      /** Is the caller posted here (may check in at its door), or a cadre over it (may show the door code)? */
      posted: z.boolean(),
      manages: z.boolean(),
    }),
  },
  stationFigures: {
    summary: '团干部查看联络站或青年之家的覆盖：每月活动场次、参与人次、覆盖青年（去重）、进站接待，以及意见办理情况。',
    input: z.strictObject({ venueId: Id, year: Year }),
    output: z.object({ months: z.array(Figures), year: Figures, opinions: OpinionFigures }),
  },

  // people and links
  assignPerson: {
    summary: '团干部把团代表或委员派驻到联络站，填写专项小组和任期。',
    audit: true,
    input: z
      .strictObject({ venueId: Id, userId: Id, post: Post, team: Text('专项小组', 20, { min: 0 }).default(''), termStart: CalendarDate, termEnd: CalendarDate })
      .refine((p) => p.termStart < p.termEnd, { error: '任期结束须晚于开始' }),
    output: z.object({ person: PersonView }),
  },
  endPost: {
    summary: '团干部结束一位团代表或委员在联络站的任期（记录保留）。',
    audit: true,
    input: z.strictObject({ postId: Id }),
    output: z.object({ person: PersonView }),
  },
  listPeople: {
    summary: '团干部查看某团组织及下级联络站的团代表和委员，可只看一个站。',
    input: z.strictObject({ orgId: Id, venueId: Id.optional(), ...PageInput }),
    output: Page(PersonView),
  },
  linkPeople: {
    summary: '团干部登记“两联”：委员联系团代表，团代表联系青年。',
    audit: true,
    input: z.strictObject({ kind: LinkKind, fromUserId: Id, toUserId: Id }),
    output: z.object({ linkId: Id }),
  },
  unlinkPeople: {
    summary: '团干部解除一条“两联”联系。',
    audit: true,
    input: z.strictObject({ linkId: Id }),
    output: z.object({ linkId: Id }),
  },
  myLinks: {
    summary: '团代表查看自己联系的青年，委员查看自己联系的团代表（手机号打码）。',
    input: z.strictObject({ ...PageInput }),
    output: Page(
      z.object({
        linkId: Id,
        kind: LinkKind,
        userId: Id,
        name: z.string(),
        mobile: z.string().nullable(),
        orgName: z.string(),
      }),
    ),
  },
  myRepresentative: {
    summary: '青年查看联系自己的团代表，以及可以找到他们的联络站。',
    input: Empty,
    output: z.object({
      representatives: z.array(z.object({ userId: Id, name: z.string(), venueId: Id, venueName: z.string(), address: z.string(), hours: z.string() })),
    }),
  },
  myPosts: {
    summary: '团代表或委员查看自己在各联络站的派驻和任期。',
    input: Empty,
    output: z.object({ posts: z.array(PersonView) }),
  },

  // visits at the door
  doorCode: {
    summary: '联络站门口的动态码（每30秒更换），由站内团干部或在岗人员的设备显示，供团代表进站签到。',
    input: z.strictObject({ venueId: Id }),
    output: z.object({ code: z.string(), shortCode: z.string(), expiresAt: z.number().int(), venueName: z.string() }),
  },
  checkInVisit: {
    summary: '团代表或委员扫联络站门口的动态码（或输入6位数字）进站接待；同一站已在站时返回原记录。',
    input: z.union([z.strictObject({ code: z.string().min(1).max(40) }), z.strictObject({ venueId: Id, shortCode: z.string().regex(/^[0-9]{6}$/, { error: '请输入6位数字签到码' }) })]),
    output: z.object({ visit: VisitView, resumed: z.boolean() }),
  },
  checkOutVisit: {
    summary: '团代表或委员结束进站接待，记录时长。',
    input: z.strictObject({ visitId: Id }),
    output: z.object({ visit: VisitView }),
  },
  myVisits: {
    summary: '团代表或委员查看自己的进站记录（最近的在前）。',
    input: z.strictObject({ ...PageInput }),
    output: Page(VisitView),
  },

  // duties
  myDuties: {
    summary: '团代表或委员查看自己一年的履职：宣讲、调研、服务、座谈，对照年度最低要求。',
    input: z.strictObject({ year: Year }),
    output: z.object({ duties: z.array(DutyYear), items: z.array(DutyItem) }),
  },
  dutyRoster: {
    summary: '团干部查看某团组织及下级（或一个站）每位团代表、委员的年度履职，未达标的在前。',
    input: z.strictObject({ orgId: Id, venueId: Id.optional(), year: Year, behindOnly: z.boolean().default(false) }),
    output: z.object({ people: z.array(DutyYear), behind: z.number().int(), total: z.number().int() }),
  },

  // opinions
  submitOpinion: {
    summary: '青年在联络站（扫站码）或线上提交意见：文字、照片、类别，可选择匿名（仅处理的团干部可见）。',
    input: z
      .strictObject({
        requestId: RequestId,
        venueId: Id.nullable(),
        /** Online, without a station: the org it goes to (the youth's own org when absent). */
        orgId: Id.optional(),
        category: OpinionCategory,
        text: Text('意见内容', 1000, { min: 5, multiline: true }),
        photos: Photos,
        anonymous: z.boolean().default(false),
      }),
    output: z.object({ opinion: OpinionView }),
  },
  myOpinions: {
    summary: '青年查看自己提交的意见及办理进度。',
    input: z.strictObject({ ...PageInput }),
    output: Page(OpinionView),
  },
  getOpinion: {
    summary: '查看一条意见：提交的青年、分派到的团代表、处理的团干部可以查看。',
    input: z.strictObject({ opinionId: Id }),
    output: z.object({ opinion: OpinionView }),
  },
  listOpinions: {
    summary: '团干部查看范围内（或一个站）的意见，可按状态筛选、只看超期未答复的。',
    input: z.strictObject({ orgId: Id, venueId: Id.optional(), state: OpinionState.optional(), overdue: z.boolean().optional(), ...PageInput }),
    output: Page(OpinionView),
  },
  assignedOpinions: {
    summary: '团代表查看分派给自己的意见。',
    input: z.strictObject({ state: OpinionState.optional(), ...PageInput }),
    output: Page(OpinionView),
  },
  assignOpinion: {
    summary: '团干部把意见分派（或改派）给站内的团代表；已答复的意见不能再改派。',
    audit: true,
    input: z.strictObject({ opinionId: Id, userId: Id }),
    output: z.object({ opinion: OpinionView }),
  },
  replyOpinion: {
    summary: '分派到的团代表答复意见；答复经内容安全检查。',
    audit: true,
    input: z.strictObject({ opinionId: Id, text: Text('答复内容', 1000, { min: 5, multiline: true }) }),
    output: z.object({ opinion: OpinionView }),
  },
  rateOpinion: {
    summary: '提交意见的青年对答复评分（1至5星），意见随之办结。',
    audit: true,
    input: z.strictObject({ opinionId: Id, rating: z.number().int().min(1, { error: '请选择1至5星' }).max(5, { error: '请选择1至5星' }), comment: Text('评价', 200, { min: 0 }).default('') }),
    output: z.object({ opinion: OpinionView }),
  },
  opinionPhotoChecked: {
    summary: '微信推送意见照片的内容安全检查结果（wxa_media_check）。',
    push: 'wxa_media_check',
    input: z.object({ trace_id: z.string().min(1).max(128), result: z.object({ suggest: z.string().max(20) }).optional() }),
    output: z.object({ matched: z.boolean() }),
  },

  // surveys
  saveSurvey: {
    summary: '团干部新建或修改问卷（单选、多选、评分、简答），面向一个团组织、社群或联络站，设定时间；有人作答后题目不能再改。',
    audit: true,
    input: SaveSurveyInput,
    output: z.object({ survey: SurveyView }),
  },
  closeSurvey: {
    summary: '团干部提前结束问卷。',
    audit: true,
    input: z.strictObject({ surveyId: Id }),
    output: z.object({ survey: SurveyView }),
  },
  listSurveys: {
    summary: '团干部查看本组织及下级的问卷。',
    input: z.strictObject({ orgId: Id, ...PageInput }),
    output: Page(SurveyView),
  },
  mySurveys: {
    summary: '青年查看面向自己、正在进行的问卷，以及是否已答。',
    input: z.strictObject({ ...PageInput }),
    output: Page(SurveyView),
  },
  getSurvey: {
    summary: '查看一份问卷的题目。',
    input: z.strictObject({ surveyId: Id }),
    output: z.object({ survey: SurveyView }),
  },
  answerSurvey: {
    summary: '青年作答问卷，每人一次；答案按问卷自身的定义在服务端校验；同意后，需求、技能、兴趣类答案写入青年档案。',
    input: z.strictObject({ surveyId: Id, answers: Answers, consent: z.boolean().default(false) }),
    output: z.object({ survey: SurveyView, profileUpdated: z.array(z.enum(PROFILE_FIELDS)) }),
  },
  surveyResults: {
    summary: '团干部查看问卷的实时统计：每题每个选项的人数、评分的平均分。',
    input: z.strictObject({ surveyId: Id }),
    output: SurveyResults,
  },
  surveyTexts: {
    summary: '团干部翻看问卷一道简答题的全部回答。',
    input: z.strictObject({ surveyId: Id, questionId: z.string().regex(/^[a-z0-9]{1,8}$/), ...PageInput }),
    output: Page(z.object({ text: z.string(), at: z.number().int() })),
  },

  // the timer
  sweepStations: {
    summary: '定时任务：结束超时的进站记录；超期未答复的意见标记并提醒；答复后久未评价的意见办结；年底前提醒未完成履职的人。',
    timer: true,
    input: Empty,
    output: z.object({ visitsEnded: z.number().int(), overdueReminded: z.number().int(), autoClosed: z.number().int(), dutyReminded: z.number().int() }),
  },
})

export type StationContract = typeof stationContract
export type StationViewT = z.infer<typeof StationView>
export type OpinionViewT = z.infer<typeof OpinionView>
export type SurveyViewT = z.infer<typeof SurveyView>
export type DutyYearT = z.infer<typeof DutyYear>
export type PersonViewT = z.infer<typeof PersonView>
export type VisitViewT = z.infer<typeof VisitView>
export type QuestionT = z.input<typeof Question>
export type SaveSurveyInputT = z.input<typeof SaveSurveyInput>
