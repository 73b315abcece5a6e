import { z } from 'zod'
import { GOODS_CATEGORIES, GOODS_STATUSES, LIMIT_PERIODS } from '../enums'
import { EpochMs, FileId, Id, MediaCheckPush, Mobile, Page, PageInput, RequestId, Text, defineContract } from './common'

/**
 * Donors and goods (points function): the catalogue youth browse in their county, and its management
 * by cadres in scope — donors (爱心企业), goods with their stock, restocks, status and the period report.
 * Apart from orders.ts (redemption, pickup) and donors.ts (the public donor board).
 */

export const GoodsCategory = z.enum(GOODS_CATEGORIES, { error: '物资类别不正确' })
export const GoodsStatus = z.enum(GOODS_STATUSES, { error: '物资状态不正确' })
/** What a card shows: the cadre's status, or 已兑完 when an item on sale has nothing left. */
export const GoodsCardStatus = z.enum([...GOODS_STATUSES, 'sold_out'])
/** An image's content check: shown to anyone but its managers only once it passed. */
export const ImageCheck = z.enum(['pending', 'pass', 'risky'])

/** A whole number in bounds, with the field's name in every message (no fractions, NaN, strings or 2^53). */
function Int(label: string, min: number, max: number) {
  return z
    .number({ error: `${label}须为数字` })
    .int({ error: `${label}须为整数` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` })
}

export const PeriodLimit = z.strictObject({
  period: z.enum(LIMIT_PERIODS, { error: '限兑周期不正确' }),
  count: Int('每期限兑数量', 1, 1000),
})

// ---- views ----

/** A donor as anyone may see it. `logo` is a temporary URL, present only once its check passed. */
export const DonorView = z.object({
  id: Id,
  name: z.string(),
  logo: z.string().nullable(),
  story: z.string(),
  orgId: Id,
})

/** A donor as its cadres see it: the contact kept private, masked (张*明, 138****1234). */
export const DonorAdminView = DonorView.extend({
  orgName: z.string(),
  /** The logo's file id, for the editor to keep it unchanged; the cadre always sees the picture. */
  logoFileId: z.string().nullable(),
  logoCheck: ImageCheck.nullable(),
  contactName: z.string(),
  contactPhoneMasked: z.string(),
  goodsCount: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
})

export const GoodsCard = z.object({
  id: Id,
  name: z.string(),
  category: GoodsCategory,
  /** A temporary URL of the first image that passed its check, or null. */
  image: z.string().nullable(),
  /** 益币 per unit. */
  price: z.number().int(),
  left: z.number().int(),
  status: GoodsCardStatus,
  donorName: z.string(),
  limitTotal: z.number().int().nullable(),
  limitPeriod: z.object({ period: z.enum(LIMIT_PERIODS), count: z.number().int() }).nullable(),
})

export const GoodsVenue = z.object({ id: Id, name: z.string(), address: z.string(), hours: z.string(), lat: z.number(), lng: z.number() })

export const GoodsDetail = GoodsCard.extend({
  /** Temporary URLs of the images that passed their check, in the cadre's order. */
  images: z.array(z.string()),
  description: z.string(),
  donor: z.object({ id: Id, name: z.string(), logo: z.string().nullable(), story: z.string() }),
  /** Where it can be picked up (open venues only). */
  venues: z.array(GoodsVenue),
  availableFrom: z.number().int().nullable(),
  availableUntil: z.number().int().nullable(),
  pickupDays: z.number().int(),
  /** The yuan value of one unit, in fen. */
  unitValue: z.number().int(),
  /** How many more the caller may still redeem under the limits; null when unlimited. */
  mine: z.number().int().nullable(),
})

export const StockView = z.object({ supplied: z.number().int(), taken: z.number().int(), left: z.number().int() })

/** A goods item as its cadres manage it: the card plus stock, live orders and what blocks going on sale. */
export const GoodsAdminCard = GoodsCard.extend({
  orgId: Id,
  donorId: Id,
  /** The cadre's own status (the card's `status` says 已兑完 when nothing is left). */
  goodsStatus: GoodsStatus,
  supplied: z.number().int(),
  taken: z.number().int(),
  /** Orders waiting for pickup. */
  liveOrders: z.number().int(),
  /** The images' checks, in order; a goods item goes on sale only with a venue and a passed image. */
  imageChecks: z.array(ImageCheck),
  venueCount: z.number().int(),
  updatedAt: z.number().int(),
})

/** Everything the editor needs to change a goods item (file ids, not URLs, for the images it keeps). */
export const GoodsAdminView = GoodsAdminCard.extend({
  images: z.array(z.object({ fileId: z.string(), url: z.string().nullable(), check: ImageCheck })),
  description: z.string(),
  unitValue: z.number().int(),
  venueIds: z.array(Id),
  availableFrom: z.number().int().nullable(),
  availableUntil: z.number().int().nullable(),
  pickupDays: z.number().int(),
  createdAt: z.number().int(),
})

/** One row of the period report: units by what became of them, 益币 and yuan value, stock now. */
export const ReportFigures = z.object({
  /** Units of orders placed in the period. */
  redeemed: z.number().int(),
  /** Units picked up in the period (whenever they were ordered). */
  pickedUp: z.number().int(),
  /** Units given back in the period: cancelled by the youth, or expired unclaimed. */
  cancelled: z.number().int(),
  expired: z.number().int(),
  /** 益币 spent on orders placed in the period that still stand (not cancelled or expired). */
  points: z.number().int(),
  /** The yuan value, in fen, of those units. */
  value: z.number().int(),
})

export const GoodsReportRow = ReportFigures.extend({
  goodsId: Id,
  name: z.string(),
  donorName: z.string(),
  supplied: z.number().int(),
  left: z.number().int(),
})

/** Per venue: what was picked up there in the period (an order lists several venues until one hands it over). */
export const VenueReportRow = z.object({
  venueId: Id,
  name: z.string(),
  pickedUp: z.number().int(),
  points: z.number().int(),
  value: z.number().int(),
})

// ---- inputs ----

export const SaveDonorInput = z
  .strictObject({
    donorId: Id.optional(),
    requestId: RequestId,
    orgId: Id,
    name: Text('企业名称', 40, { min: 2 }),
    /** The cadre's own upload; null removes it, leaving it out keeps it on an edit. */
    logo: FileId.nullable().optional(),
    story: Text('爱心故事', 500, { multiline: true }),
    /** Needed when the donor is created; on an edit, left out keeps what is on file. */
    contactName: Text('联系人', 20, { min: 2 }).optional(),
    contactPhone: Mobile.optional(),
  })
  .refine((o) => o.donorId !== undefined || (o.contactName !== undefined && o.contactPhone !== undefined), {
    error: '新增爱心企业须填写联系人和联系电话',
  })

const MAX_IMAGES = 6
const MAX_VENUES = 20

export const SaveGoodsInput = z
  .strictObject({
    goodsId: Id.optional(),
    requestId: RequestId,
    orgId: Id,
    donorId: Id,
    name: Text('物资名称', 30, { min: 2 }),
    category: GoodsCategory,
    images: z
      .array(FileId, { error: '请上传物资图片' })
      .min(1, { error: '请至少上传1张物资图片' })
      .max(MAX_IMAGES, { error: `物资图片最多${MAX_IMAGES}张` })
      .refine((xs) => new Set(xs).size === xs.length, { error: '物资图片有重复' }),
    description: Text('物资介绍', 1000, { multiline: true }),
    price: Int('兑换所需益币', 1, 100000),
    unitValue: Int('单件价值（分）', 0, 100_000_000),
    limitTotal: Int('每人限兑总数', 1, 100000).nullable(),
    limitPeriod: PeriodLimit.nullable(),
    venueIds: z
      .array(Id, { error: '请选择兑换点' })
      .min(1, { error: '请至少选择1个兑换点' })
      .max(MAX_VENUES, { error: `兑换点最多${MAX_VENUES}个` })
      .refine((xs) => new Set(xs).size === xs.length, { error: '兑换点有重复' }),
    availableFrom: EpochMs.nullable(),
    availableUntil: EpochMs.nullable(),
    pickupDays: Int('领取期限（天）', 1, 60),
    /** Only when the goods is created; later changes go through restockGoods. */
    initialStock: Int('初始库存', 0, 100000).optional(),
  })
  .refine((o) => o.availableFrom === null || o.availableUntil === null || o.availableUntil > o.availableFrom, {
    error: '兑换结束时间须晚于开始时间',
  })
  .refine((o) => o.limitTotal === null || o.limitPeriod === null || o.limitPeriod.count <= o.limitTotal, {
    error: '每期限兑数量不能多于每人限兑总数',
  })
  .refine((o) => (o.goodsId === undefined) === (o.initialStock !== undefined), {
    error: '新增物资须填写初始库存；修改物资请用补货调整库存',
  })

export const RestockInput = z.strictObject({
  goodsId: Id,
  requestId: RequestId,
  /** Units added; negative withdraws unsold ones. */
  delta: Int('库存调整数量', -100000, 100000).refine((n) => n !== 0, { error: '库存调整数量不能为0' }),
  note: Text('调整说明', 100),
})

const REPORT_MAX_DAYS = 366

export const MallReportInput = z
  .strictObject({ orgId: Id, from: EpochMs, to: EpochMs })
  .refine((o) => o.to > o.from, { error: '结束时间须晚于开始时间' })
  .refine((o) => o.to - o.from <= REPORT_MAX_DAYS * 24 * 3600_000, { error: `统计时段最长${REPORT_MAX_DAYS}天` })

export const goodsContract = defineContract('points', {
  listGoods: {
    summary: '本县正在兑换的物资，新上架的在前；可按类别筛选。',
    input: z.strictObject({ category: GoodsCategory.optional(), ...PageInput }),
    output: Page(GoodsCard),
  },
  getGoods: {
    summary: '物资详情：图片、介绍、爱心企业、兑换点、兑换时间，以及我还能兑换几件。',
    input: z.strictObject({ goodsId: Id }),
    output: z.object({ goods: GoodsDetail }),
  },
  listDonors: {
    summary: '团干部查看自己范围内组织的爱心企业（联系人和电话打码显示）。',
    input: z.strictObject({ orgId: Id, ...PageInput }),
    output: Page(DonorAdminView),
  },
  getManagedDonor: {
    summary: '团干部查看一家爱心企业（编辑用）。',
    input: z.strictObject({ donorId: Id }),
    output: z.object({ donor: DonorAdminView }),
  },
  saveDonor: {
    summary: '新增或修改爱心企业：名称、标志、爱心故事（经内容安全检查）、联系人和电话（加密保存，只显示打码）。',
    audit: true,
    input: SaveDonorInput,
    output: z.object({ donor: DonorAdminView }),
  },
  manageGoods: {
    summary: '团干部查看自己范围内组织的物资，含库存（总量、已兑、剩余）和待领取订单数。',
    input: z.strictObject({ orgId: Id, status: GoodsStatus.optional(), ...PageInput }),
    output: Page(GoodsAdminCard),
  },
  getManagedGoods: {
    summary: '团干部查看一件物资（编辑用）。',
    input: z.strictObject({ goodsId: Id }),
    output: z.object({ goods: GoodsAdminView }),
  },
  saveGoods: {
    summary: '新增或修改物资（新增时同时建库存）；修改不影响库存和已有订单，价格和限兑的变化记入操作日志。',
    audit: true,
    input: SaveGoodsInput,
    output: z.object({ goods: GoodsAdminView }),
  },
  restockGoods: {
    summary: '补货或减少库存（不能少于已被兑换的数量）；同一提交编号只生效一次。',
    audit: true,
    input: RestockInput,
    output: z.object({ stock: StockView }),
  },
  setGoodsStatus: {
    summary: '上架或下架物资；上架须至少有1个兑换点和1张已通过检查的图片。',
    audit: true,
    input: z.strictObject({ goodsId: Id, status: z.enum(['on_sale', 'off_shelf'], { error: '物资状态不正确' }) }),
    output: z.object({ goods: GoodsAdminView }),
  },
  goodsImagesChecked: {
    summary: '微信消息推送（wxa_media_check）：物资图片和企业标志的内容安全检查结果；通过后才对青年显示。',
    push: 'wxa_media_check',
    input: MediaCheckPush,
    output: z.object({ applied: z.boolean() }),
  },
  mallReport: {
    summary: '团干部的兑换统计：时段内按物资和兑换点统计兑换、领取、取消、过期的件数，消耗益币、兑换价值，以及当前库存。',
    input: MallReportInput,
    output: z.object({
      goods: z.array(GoodsReportRow),
      venues: z.array(VenueReportRow),
      totals: ReportFigures.extend({ supplied: z.number().int(), left: z.number().int() }),
    }),
  },
})

export type GoodsContract = typeof goodsContract
export type GoodsCardT = z.infer<typeof GoodsCard>
export type GoodsDetailT = z.infer<typeof GoodsDetail>
export type GoodsAdminCardT = z.infer<typeof GoodsAdminCard>
export type GoodsAdminViewT = z.infer<typeof GoodsAdminView>
export type DonorViewT = z.infer<typeof DonorView>
export type DonorAdminViewT = z.infer<typeof DonorAdminView>
export type StockViewT = z.infer<typeof StockView>
export type GoodsReportRowT = z.infer<typeof GoodsReportRow>
export type VenueReportRowT = z.infer<typeof VenueReportRow>
