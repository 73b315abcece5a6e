/** Shared vocabularies: code words in English, labels in Chinese (docs/domain.md "Words"). */

export const PRIVACY_VERSION = '2026-11-28'

export const ORG_KINDS = ['county', 'township', 'working_committee', 'branch'] as const
export type OrgKind = (typeof ORG_KINDS)[number]
export const ORG_KIND_LABEL: Record<OrgKind, string> = {
  county: '团县(区)委',
  township: '乡镇(街道)团委',
  working_committee: '团工委',
  branch: '团支部',
}

export const ROLES = ['admin', 'cadre', 'committee', 'clerk', 'representative'] as const
export type Role = (typeof ROLES)[number]
export const ROLE_LABEL: Record<Role, string> = {
  admin: '管理员',
  cadre: '团干部',
  committee: '委员',
  clerk: '核销员',
  representative: '团代表',
}
/** The roles that may be held at one venue instead of an org (a 核销员 at a pickup point, a 团代表 at a station). */
export const VENUE_ROLES: readonly Role[] = ['clerk', 'representative']

export const GENDERS = ['male', 'female'] as const
export type Gender = (typeof GENDERS)[number]
export const GENDER_LABEL: Record<Gender, string> = { male: '男', female: '女' }

export const SECTORS = [
  'agriculture',
  'ecommerce',
  'delivery',
  'enterprise',
  'public_sector',
  'student',
  'self_employed',
  'seeking_work',
  'other',
] as const
export type Sector = (typeof SECTORS)[number]
export const SECTOR_LABEL: Record<Sector, string> = {
  agriculture: '农业农村',
  ecommerce: '电子商务',
  delivery: '快递外卖',
  enterprise: '企业职工',
  public_sector: '机关事业单位',
  student: '在校学生',
  self_employed: '个体经营',
  seeking_work: '待业求职',
  other: '其他',
}

export const NEEDS = [
  'employment',
  'entrepreneurship',
  'skills_training',
  'further_study',
  'dating',
  'mental_health',
  'legal_aid',
  'volunteering',
] as const
export type Need = (typeof NEEDS)[number]
export const NEED_LABEL: Record<Need, string> = {
  employment: '就业',
  entrepreneurship: '创业',
  skills_training: '技能培训',
  further_study: '学历提升',
  dating: '婚恋交友',
  mental_health: '心理健康',
  legal_aid: '法律援助',
  volunteering: '志愿服务',
}

export const GUARDIAN_RELATIONS = ['father', 'mother', 'grandparent', 'other'] as const
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number]
export const GUARDIAN_RELATION_LABEL: Record<GuardianRelation, string> = {
  father: '父亲',
  mother: '母亲',
  grandparent: '祖父母/外祖父母',
  other: '其他监护人',
}

/** Age bounds for a profile: a youth is 14–35, but cadres register too; children need a guardian under 14. */
export const MIN_AGE = 6
export const MAX_AGE = 80
export const GUARDIAN_AGE = 14

export const ACTIVITY_KINDS = ['volunteer', 'station', 'youth_home', 'training', 'other'] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]
export const ACTIVITY_KIND_LABEL: Record<ActivityKind, string> = {
  volunteer: '志愿服务',
  station: '联络站活动',
  youth_home: '青年之家活动',
  training: '培训',
  other: '其他',
}

/** What a station activity counts as in a representative's or committee member's year (履职). */
export const DUTY_TYPES = ['talk', 'survey', 'service', 'forum'] as const
export type DutyType = (typeof DUTY_TYPES)[number]
export const DUTY_TYPE_LABEL: Record<DutyType, string> = { talk: '宣讲', survey: '调研', service: '服务', forum: '座谈' }

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]
export const ACTIVITY_STATUS_LABEL: Record<ActivityStatus, string> = { draft: '草稿', published: '已发布', cancelled: '已取消' }

export const CHECK_IN_MODES = ['code', 'geo', 'scan'] as const
export type CheckInMode = (typeof CHECK_IN_MODES)[number]
export const CHECK_IN_MODE_LABEL: Record<CheckInMode, string> = { code: '现场签到码', geo: '定位签到', scan: '组织者扫码' }

export const PARTICIPATION_STATUSES = ['signed', 'waitlisted', 'cancelled'] as const
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number]

export const REVIEW_STATUSES = ['none', 'pending', 'approved', 'rejected'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

/** Why a record needs a cadre's eye (docs/domain.md: location is evidence, not proof). */
export const FLAGS = ['outside_fence', 'poor_accuracy', 'short_attendance', 'offline_scan', 'walk_in'] as const
export type Flag = (typeof FLAGS)[number]
export const FLAG_LABEL: Record<Flag, string> = {
  outside_fence: '签到位置在范围外',
  poor_accuracy: '定位精度不足',
  short_attendance: '在场时间不足',
  offline_scan: '离线扫码补传',
  walk_in: '未报名现场参加',
}

/** 星级志愿者: approved hours needed for each star (docs/domain.md). */
export const STAR_HOURS = [100, 300, 600, 1000, 1500] as const

/** Venues: one model for pickup points now, stations and youth homes later (docs/domain.md "Words"). */
export const VENUE_KINDS = ['pickup', 'station', 'youth_home'] as const
export type VenueKind = (typeof VENUE_KINDS)[number]
export const VENUE_KIND_LABEL: Record<VenueKind, string> = {
  pickup: '兑换点',
  station: '团代表联络站',
  youth_home: '青年之家',
}

/** What donated goods are, as a youth browses them. */
export const GOODS_CATEGORIES = ['grain_oil', 'stationery', 'daily', 'voucher', 'other'] as const
export type GoodsCategory = (typeof GOODS_CATEGORIES)[number]
export const GOODS_CATEGORY_LABEL: Record<GoodsCategory, string> = {
  grain_oil: '米面粮油',
  stationery: '文具',
  daily: '生活用品',
  voucher: '服务券',
  other: '其他',
}

/** A goods item's status as its cadre sets it; "sold out" is read from its stock, never set. */
export const GOODS_STATUSES = ['draft', 'on_sale', 'off_shelf'] as const
export type GoodsStatus = (typeof GOODS_STATUSES)[number]
export const GOODS_STATUS_LABEL: Record<GoodsStatus | 'sold_out', string> = {
  draft: '草稿',
  on_sale: '兑换中',
  off_shelf: '已下架',
  sold_out: '已兑完',
}

/** A redemption order: ready for pickup until picked up, cancelled by the youth, or expired. */
export const ORDER_STATUSES = ['ready', 'picked_up', 'cancelled', 'expired'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]
export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  ready: '待领取',
  picked_up: '已领取',
  cancelled: '已取消',
  expired: '已过期',
}

/** A per-person limit over a calendar period (+08:00), beside the limit in total. */
export const LIMIT_PERIODS = ['week', 'month'] as const
export type LimitPeriod = (typeof LIMIT_PERIODS)[number]
export const LIMIT_PERIOD_LABEL: Record<LimitPeriod, string> = { week: '每周', month: '每月' }
