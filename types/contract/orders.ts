import { z } from 'zod'
import { ORDER_STATUSES } from '../enums'
import { EpochMs, Id, ItemResult, Page, PageInput, RequestId, defineContract } from './common'

/**
 * Redemption orders (served by the points function): a youth redeems goods for 益币 and picks them up
 * at a listed venue, where a clerk (核销员) verifies the pickup code. Apart from goods.ts so that the
 * clerk's page carries none of the catalogue's schemas.
 */

/** The 8 digits a clerk types, printed under the order's QR. */
export const PickupCode = z.string({ error: '请输入8位兑换码' }).trim().regex(/^\d{8}$/, { error: '兑换码是8位数字' })

export const OrderStatus = z.enum(ORDER_STATUSES)

/** Where to pick up; the coordinates open the map (a phone's cached list from before may lack them). */
export const OrderVenue = z.object({ id: Id, name: z.string(), address: z.string(), hours: z.string(), lat: z.number().optional(), lng: z.number().optional() })

/** An order as its youth sees it. */
export const OrderView = z.object({
  id: Id,
  goodsId: Id,
  goodsName: z.string(),
  /** A temporary URL (about two hours) of the goods' picture as it was at redemption; null without one. */
  image: z.string().nullable(),
  quantity: z.number().int(),
  /** 益币 per unit and in all, as they were when redeemed: a later price change never rewrites them. */
  price: z.number().int(),
  cost: z.number().int(),
  status: OrderStatus,
  /** Shown (with its QR) only while the order can be picked up; null otherwise. */
  pickupCode: z.string().nullable(),
  /** Pick up before this time (end of the last day, +08:00). */
  expiresAt: z.number().int(),
  venues: z.array(OrderVenue),
  createdAt: z.number().int(),
  pickedUpAt: z.number().int().nullable(),
  pickedUpVenue: z.string().nullable(),
  closedAt: z.number().int().nullable(),
})

/** An order as the clerk sees it at the counter: what to hand over, and a photo-free check of who. */
export const PickupView = z.object({
  orderId: Id,
  pickupCode: z.string(),
  goodsName: z.string(),
  /** A temporary URL (about two hours): a phone's offline book outlives it, so the page copes with one that no longer loads. */
  image: z.string().nullable(),
  quantity: z.number().int(),
  status: OrderStatus,
  expiresAt: z.number().int(),
  /** Masked: 张*明. */
  holderName: z.string(),
  /** The last 4 digits of the holder's phone, to ask them for. */
  phoneLast4: z.string(),
  venueIds: z.array(Id),
  pickedUpAt: z.number().int().nullable(),
})

export const PickupItem = z.strictObject({
  orderId: Id,
  pickupCode: PickupCode,
  venueId: Id,
  /** When the clerk confirmed it, offline; it must fall inside the order's life. */
  at: EpochMs,
})

export const ordersContract = defineContract('points', {
  redeem: {
    summary:
      '用益币兑换物资：余额、库存、每人限兑和兑换时间都满足才成功，扣益币、减库存和生成订单同时发生；同一提交编号重试得到第一次的订单。',
    input: z.strictObject({
      requestId: RequestId,
      goodsId: Id,
      quantity: z.number({ error: '请选择兑换数量' }).int({ error: '数量须为整数' }).min(1, { error: '至少兑换1件' }).max(99, { error: '一次最多兑换99件' }),
      /** The youth accepted the subscription messages (ready for pickup; the day before it expires). */
      subscribed: z.boolean().default(false),
    }),
    output: z.object({ order: OrderView }),
  },
  myOrders: {
    summary: '我的兑换订单，新的在前；可按状态筛选。',
    input: z.strictObject({ status: OrderStatus.optional(), ...PageInput }),
    output: Page(OrderView),
  },
  getOrder: {
    summary: '我的一笔兑换订单（只能看自己的）。',
    input: z.strictObject({ orderId: Id }),
    output: z.object({ order: OrderView }),
  },
  cancelOrder: {
    summary: '领取前取消订单：退回益币、恢复库存，只发生一次。',
    input: z.strictObject({ orderId: Id }),
    output: z.object({ order: OrderView }),
  },
  myPickupVenues: {
    summary: '我可以核销的兑换点（被指定的兑换点，或我管辖范围内的兑换点）。',
    input: z.strictObject({}),
    output: z.object({ venues: z.array(OrderVenue.extend({ orgName: z.string() })) }),
  },
  lookupPickup: {
    summary: '核销员输入或扫描兑换码，查看订单（物资、数量、打码姓名、手机尾号）；输错次数有限制。',
    input: z.strictObject({ venueId: Id, pickupCode: PickupCode }),
    output: z.object({ pickup: PickupView }),
  },
  confirmPickup: {
    summary: '核销员确认领取，只能确认一次；不在本兑换点、已过期、已领取、已取消或其他县的订单会被拒绝。',
    audit: true,
    input: z.strictObject({ venueId: Id, orderId: Id, pickupCode: PickupCode }),
    output: z.object({ pickup: PickupView }),
  },
  pickupList: {
    summary: '某兑换点待领取的订单（离线核销前先下载到手机上）。',
    input: z.strictObject({ venueId: Id, ...PageInput }),
    output: Page(PickupView),
  },
  syncPickups: {
    summary: '上传离线确认的领取：每笔只生效一次；订单期间已变化（已取消、已过期、已被领取）的逐笔拒绝并说明原因。',
    audit: true,
    input: z.strictObject({ items: z.array(PickupItem).min(1).max(100, { error: '一次最多上传100笔' }) }),
    output: z.object({ results: z.array(ItemResult) }),
  },
  expireOrders: {
    summary: '定时：过了领取期限的订单作废，退回益币、恢复库存，每笔只一次；分批处理。',
    timer: true,
    input: z.strictObject({}),
    output: z.object({ expired: z.number().int(), more: z.boolean() }),
  },
  remindOrders: {
    summary: '定时：订单到期前一天提醒领取。',
    timer: true,
    input: z.strictObject({}),
    output: z.object({ reminded: z.number().int() }),
  },
  sweepStock: {
    summary: '定时：修复中断的兑换留下的库存占用（超过宽限期仍无订单的退回，已结束的订单清除占用）。',
    timer: true,
    input: z.strictObject({}),
    output: z.object({ released: z.number().int(), settled: z.number().int() }),
  },
})

export type OrderViewT = z.infer<typeof OrderView>
export type PickupViewT = z.infer<typeof PickupView>
export type PickupItemT = z.infer<typeof PickupItem>
export type OrdersContract = typeof ordersContract
