import { createHash } from 'node:crypto'
import type { GoodsCategory, OrderStatus } from '../../types/enums'
import { DAY_MS } from '../../types/day'
import { applyEntries, EMPTY_TOTALS, entryDoc, type AccountDoc, type EntryDraft } from '../../cloudfunctions/_core/ledger'
import { debitIdFor, pickupCodeFrom, pickupDeadline, refundIdFor, type DonorDoc, type GoodsDoc, type OrderDoc, type StockDoc } from '../../cloudfunctions/_core/mall/mall.rules'
import { QUOTA, quotasFor } from '../../cloudfunctions/_core/mall/quota'
import { ticketOf } from '../../cloudfunctions/_core/runtime/places'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { roleIdFor } from '../../cloudfunctions/_core/access/access.repo'
import type { RoleDoc } from '../../cloudfunctions/_core/access/access.rules'
import type { Secrets } from '../../cloudfunctions/_core/runtime/secrets'
import type { VenueDoc } from '../../cloudfunctions/_core/venue'
import { seedExpiry } from './expiry'
import type { ProductShape } from './pictures'
import type { SeedStore } from './store'

/**
 * The mall's demo (docs/domain.md "The mall"): the late-night canteen's four caring companies in
 * 阳城 (newsletter-2022-09), their rice, flour, oil and stationery at pickup venues, each with a
 * picture, and orders in every state — ready (one due tomorrow), picked up at the counter (润城镇's
 * by 王秀兰, dev-clerk, the 核销员 of its venue; the county centre's by its admin), cancelled and
 * expired (both refunded). 阳城 lets 益币 expire, and 王晓青 holds an award from last year that
 * expires this year end (./expiry.ts). Orders are only given to youth whose 益币 cover them, and
 * every balance, stock and limit document is moved with the same rules the functions use, so the
 * demo cannot disagree with the code (invariants 1–4).
 */

const hash = (s: string) => createHash('sha256').update(s).digest('hex')
const donorIdOf = (i: number) => `d_seed_${hash(`donor|${DONORS[i].name}`).slice(0, 16)}`

interface GoodsSpec {
  key: string
  donor: number
  name: string
  category: GoodsCategory
  price: number
  unitValue: number
  stock: number
  status: GoodsDoc['status']
  limitTotal: number | null
  limitPeriod: GoodsDoc['limitPeriod']
  venues: string[]
  description: string
  /** What its picture shows. */
  shape: ProductShape
}

const YC_VENUES: Omit<VenueDoc, 'createdAt' | 'updatedAt' | 'createdBy'>[] = [
  { _id: 'v-yc-rc', name: '润城镇青年之家兑换点', address: '阳城县润城镇中心街18号（镇团委一楼）', lat: 35.4912, lng: 112.4988, hours: '周一至周五 9:00-17:00', kind: 'pickup', orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], status: 'open' },
  { _id: 'v-yc-center', name: '阳城县青少年活动中心', address: '阳城县凤城镇新阳东街66号', lat: 35.4832, lng: 112.4221, hours: '每天 8:30-18:00', kind: 'pickup', orgId: 'yc', underOrgs: ['yc'], status: 'open' },
  { _id: 'v-yuci-jl', name: '榆次区锦纶街道青年之家', address: '晋中市榆次区锦纶路12号', lat: 37.6921, lng: 112.7366, hours: '周一至周六 9:00-17:30', kind: 'pickup', orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'], status: 'open' },
]

const DONORS: { name: string; story: string; contact: string; phone: string }[] = [
  { name: '阳城县润丰粮油有限公司', story: '深夜食堂的每一碗饭都有润丰的米。志愿者守护乡亲，我们守护志愿者的饭碗。', contact: '赵建华', phone: '13935601001' },
  { name: '阳城县金穗面粉厂', story: '一袋面粉，一份心意。感谢在秋收和防汛中奔忙的青年志愿者。', contact: '刘金穗', phone: '13935601002' },
  { name: '晋城文华文具商行', story: '给“七彩四点半”的孩子们送文具，也给陪伴他们的大哥哥大姐姐送一份谢意。', contact: '王文华', phone: '13935601003' },
  { name: '阳城县同心连锁超市', story: '同心同行，油米生活用品，都是对志愿服务的一点支持。', contact: '李同心', phone: '13935601004' },
]

const GOODS: GoodsSpec[] = [
  { key: 'rice', donor: 0, name: '五常大米 5kg', category: 'grain_oil', price: 3, unitValue: 4500, stock: 100, status: 'on_sale', limitTotal: 2, limitPeriod: null, venues: ['v-yc-rc', 'v-yc-center'], description: '润丰粮油捐赠的当季新米，5公斤一袋。', shape: 'sack' },
  { key: 'flour', donor: 1, name: '高筋面粉 5kg', category: 'grain_oil', price: 2, unitValue: 3000, stock: 80, status: 'on_sale', limitTotal: 4, limitPeriod: { period: 'month', count: 1 }, venues: ['v-yc-rc', 'v-yc-center'], description: '金穗面粉厂捐赠，每人每月限兑1袋。', shape: 'sack' },
  { key: 'oil', donor: 3, name: '花生油 1.8L', category: 'grain_oil', price: 4, unitValue: 3900, stock: 30, status: 'off_shelf', limitTotal: 1, limitPeriod: null, venues: ['v-yc-center'], description: '同心超市捐赠，本批已下架，下批到货后再上架。', shape: 'bottle' },
  { key: 'stationery', donor: 2, name: '学生文具套装', category: 'stationery', price: 1, unitValue: 2500, stock: 50, status: 'on_sale', limitTotal: 3, limitPeriod: null, venues: ['v-yc-rc'], description: '文华文具捐赠：笔袋、铅笔、橡皮、尺子和作业本。', shape: 'pencils' },
  { key: 'notebook', donor: 2, name: '硬面抄笔记本', category: 'stationery', price: 1, unitValue: 800, stock: 2, status: 'on_sale', limitTotal: 1, limitPeriod: null, venues: ['v-yc-center'], description: '文华文具捐赠的笔记本，已全部兑完。', shape: 'book' },
  { key: 'haircut', donor: 3, name: '理发服务券', category: 'voucher', price: 2, unitValue: 2000, stock: 20, status: 'draft', limitTotal: 1, limitPeriod: null, venues: ['v-yc-center'], description: '同心超市旁理发店的一次理发，准备中。', shape: 'ticket' },
]

/** Who redeems what, in what state; `at` is days before now. Only youth who can afford it get it. */
const ORDERS: { goods: string; openid: string; quantity: number; status: OrderStatus; daysAgo: number }[] = [
  { goods: 'rice', openid: 'dev-youth', quantity: 1, status: 'ready', daysAgo: 6 }, // due tomorrow (7 pickup days)
  { goods: 'stationery', openid: 'dev-youth', quantity: 1, status: 'picked_up', daysAgo: 3 },
  { goods: 'flour', openid: 'dev-youth', quantity: 1, status: 'cancelled', daysAgo: 2 },
  { goods: 'notebook', openid: 'dev-youth', quantity: 1, status: 'expired', daysAgo: 20 },
  { goods: 'notebook', openid: 'dev-youth', quantity: 1, status: 'picked_up', daysAgo: 15 },
  { goods: 'notebook', openid: 'seed-youth-0001', quantity: 1, status: 'picked_up', daysAgo: 14 },
  { goods: 'notebook', openid: 'seed-youth-0002', quantity: 1, status: 'ready', daysAgo: 1 },
  { goods: 'rice', openid: 'seed-youth-0003', quantity: 2, status: 'picked_up', daysAgo: 4 },
  { goods: 'stationery', openid: 'seed-youth-0004', quantity: 1, status: 'ready', daysAgo: 0 },
]

/** Who hands goods over at each seeded venue: its own 核销员, else someone whose role covers its org. */
const COUNTER: Record<string, string> = { 'v-yc-rc': 'dev-clerk', 'v-yc-center': 'dev-admin' }

/** A goods picture as its creator's upload, drawn once per key: its file id, or null without storage. */
export type GoodsPictures = (openid: string, key: string, shape: ProductShape) => string | null

export interface MallSeedSummary {
  venues: number
  donors: number
  goods: number
  orders: number
}

const orderIdOf = (i: number) => `od_seed_${hash(`order|${i}`).slice(0, 16)}`

/**
 * Writes the mall's demo once: run again (a restart of `npm start` on the same data), it finds its
 * first order and changes nothing, so what people did since — orders, pickups, balances — stays.
 */
export function seedMall(store: SeedStore, secrets: Secrets, now: number, picture: GoodsPictures = () => null): MallSeedSummary | null {
  if (store.get(COLLECTIONS.donors, donorIdOf(0)) || store.get(COLLECTIONS.orders, orderIdOf(0))) return null
  const made = now - 30 * DAY_MS
  for (const v of YC_VENUES) store.upsert(COLLECTIONS.venues, { ...v, createdBy: 'dev-admin', createdAt: made, updatedAt: made })
  // 润城镇's 核销员 holds her role at its venue alone (a venue role names the venue's org), granted by the town's cadre.
  const clerk: RoleDoc = {
    _id: roleIdFor('dev-clerk', 'clerk', 'yc-rc', 'v-yc-rc'),
    openid: 'dev-clerk',
    userId: userIdFor(secrets, 'dev-clerk'),
    role: 'clerk',
    orgId: 'yc-rc',
    venueId: 'v-yc-rc',
    via: 'grant',
    grantedBy: 'dev-cadre',
    grantedAt: made,
  }
  store.upsert(COLLECTIONS.roles, { ...clerk })
  // Before the orders: their debits take the oldest 益币 first, the award among them.
  seedExpiry(store, secrets, now)
  const donorIds = DONORS.map((_d, i) => donorIdOf(i))
  DONORS.forEach((d, i) => {
    const doc: DonorDoc = {
      _id: donorIds[i],
      orgId: 'yc',
      underOrgs: ['yc'],
      name: d.name,
      logo: null,
      story: d.story,
      contactName: d.contact,
      contactPhoneEnc: secrets.encrypt(d.phone),
      contactPhoneMasked: `${d.phone.slice(0, 3)}****${d.phone.slice(-4)}`,
      createdBy: 'dev-admin',
      createdAt: made,
      updatedAt: made,
    }
    store.upsert(COLLECTIONS.donors, { ...doc })
  })
  const goods = new Map<string, GoodsDoc>()
  const stock = new Map<string, StockDoc>()
  for (const g of GOODS) {
    const id = `g_seed_${g.key}`
    const image = picture('dev-admin', `goods|${g.key}`, g.shape)
    const doc: GoodsDoc = {
      _id: id,
      orgId: 'yc',
      underOrgs: ['yc'],
      donorId: donorIds[g.donor],
      name: g.name,
      category: g.category,
      images: image ? [image] : [],
      // Drawn by the seed, so nothing waits for a check.
      imageChecks: image ? ['pass'] : [],
      imageTraces: image ? [null] : [],
      description: g.description,
      price: g.price,
      unitValue: g.unitValue,
      limitTotal: g.limitTotal,
      limitPeriod: g.limitPeriod,
      venueIds: g.venues,
      availableFrom: null,
      availableUntil: null,
      pickupDays: 7,
      status: g.status,
      createdBy: 'dev-admin',
      createdAt: made,
      updatedAt: made,
    }
    goods.set(g.key, doc)
    stock.set(g.key, { _id: id, supplied: g.stock, taken: 0, queued: 0, holds: {}, queue: {}, units: {}, onSale: g.status === 'on_sale', touched: made })
  }

  const quotas = new Map<string, { _id: string; limit: number; held: number; queued: 0; orders: Record<string, number>; queue: Record<string, never>; units: Record<string, number>; touched: number }>()
  let orders = 0
  ORDERS.forEach((spec, i) => {
    const g = goods.get(spec.goods)!
    const s = stock.get(spec.goods)!
    const userId = userIdFor(secrets, spec.openid)
    const account = store.get(COLLECTIONS.accounts, userId) as AccountDoc | null | undefined
    const cost = g.price * spec.quantity
    if (!account || account.balance < cost || s.supplied - s.taken < spec.quantity) return
    const at = now - spec.daysAgo * DAY_MS - (i + 1) * 3600_000
    const orderId = orderIdOf(i)
    const live = spec.status === 'ready' || spec.status === 'picked_up'
    const debit: EntryDraft = { _id: debitIdFor(orderId), kind: 'debit', amount: -cost, title: `兑换「${g.name}」×${spec.quantity}`, ref: { type: 'order', id: orderId }, reverses: null, orgId: g.orgId, underOrgs: g.underOrgs }
    const drafts: EntryDraft[] = [debit]
    if (!live) drafts.push({ _id: refundIdFor(orderId), kind: 'refund', amount: cost, title: `${spec.status === 'cancelled' ? '取消兑换' : '兑换过期'}退回「${g.name}」×${spec.quantity}`, ref: { type: 'order', id: orderId }, reverses: debit._id, orgId: g.orgId, underOrgs: g.underOrgs })
    const totals = applyEntries(account ?? EMPTY_TOTALS, drafts, at)
    for (const d of drafts) store.upsert(COLLECTIONS.ledgerEntries, { ...entryDoc(d, { userId, openid: spec.openid }, at) })
    store.upsert(COLLECTIONS.accounts, { ...account, ...totals, updatedAt: at })

    const expiresAt = pickupDeadline(at, g.pickupDays)
    const ticket = ticketOf(at, i)
    const refs = quotasFor(g, userId, at)
    if (live) {
      s.taken += spec.quantity
      if (spec.status === 'ready') {
        s.holds[orderId] = ticket
        s.units[orderId] = spec.quantity
      }
      for (const r of refs) {
        const q = quotas.get(r.id) ?? { _id: r.id, limit: r.limit, held: 0, queued: 0, orders: {}, queue: {}, units: {}, touched: at }
        q.held += spec.quantity
        q.orders[orderId] = ticket
        q.units[orderId] = spec.quantity
        quotas.set(r.id, q)
      }
    }
    const order: OrderDoc = {
      _id: orderId,
      requestHash: hash(`request|${i}`).slice(0, 32),
      userId,
      openid: spec.openid,
      goodsId: g._id,
      goodsName: g.name,
      image: g.images[0] ?? null,
      donorId: g.donorId,
      orgId: g.orgId,
      underOrgs: g.underOrgs,
      venueIds: g.venueIds,
      quantity: spec.quantity,
      price: g.price,
      cost,
      unitValue: g.unitValue,
      status: spec.status,
      pickupCode: pickupCodeFrom(Buffer.from(hash(`code|${i}`), 'hex')),
      expiresAt,
      quotas: refs.map((r) => r.id),
      debitId: debit._id,
      refundId: live ? null : refundIdFor(orderId),
      createdAt: at,
      pickedUpAt: spec.status === 'picked_up' ? at + 2 * 3600_000 : null,
      pickedUpBy: spec.status === 'picked_up' ? COUNTER[g.venueIds[0]] : null,
      pickedUpVenue: spec.status === 'picked_up' ? g.venueIds[0] : null,
      closedAt: spec.status === 'cancelled' ? at + 3600_000 : spec.status === 'expired' ? expiresAt : null,
      subscribed: false,
      remindedAt: null,
    }
    store.upsert(COLLECTIONS.orders, { ...order })
    orders++
  })
  // The sold-out item was stocked with exactly what its orders took (whoever of the demo youth could afford it).
  const notebook = stock.get('notebook')!
  notebook.supplied = notebook.taken
  for (const s of stock.values()) store.upsert(COLLECTIONS.goodsStock, { ...s })
  for (const g of goods.values()) store.upsert(COLLECTIONS.goods, { ...g })
  for (const q of quotas.values()) store.upsert(QUOTA.collection, { ...q })
  return { venues: YC_VENUES.length, donors: DONORS.length, goods: GOODS.length, orders }
}
