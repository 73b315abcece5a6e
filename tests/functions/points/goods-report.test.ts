import type { OrderDoc } from '../../../cloudfunctions/_core/mall/mall.rules'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { putGoods, putVenue } from '../../fixtures/mall'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * mallReport: per goods item and per venue, what became of the units in a period — redeemed, picked
 * up, cancelled, expired — with the 益币 and yuan value of what still stands, and the stock now. Each
 * event counts in the period it happened in, whenever its order was placed.
 */
let cloud: TestCloud
const DAY = 24 * 3600_000
const FROM = TEST_NOW - 7 * DAY
const TO = TEST_NOW

let n = 0
function order(goodsId: string, over: Partial<OrderDoc>): void {
  const quantity = over.quantity ?? 1
  const o: OrderDoc = {
    _id: `od_report_${++n}`,
    requestHash: 'h',
    userId: 'u_report',
    openid: 'report-youth',
    goodsId,
    goodsName: goodsId,
    image: null,
    donorId: 'donor-1',
    orgId: 'yc-rc',
    underOrgs: ['yc', 'yc-rc'],
    venueIds: ['v-rc', 'v-fc'],
    quantity,
    price: 10,
    cost: 10 * quantity,
    unitValue: 4500,
    status: 'ready',
    pickupCode: '12345678',
    expiresAt: TEST_NOW + 7 * DAY,
    quotas: [],
    debitId: `le_db_od_report_${n}`,
    refundId: null,
    createdAt: FROM + DAY,
    pickedUpAt: null,
    pickedUpBy: null,
    pickedUpVenue: null,
    closedAt: null,
    subscribed: false,
    remindedAt: null,
    ...over,
  }
  cloud.emulator.store.upsert(COLLECTIONS.orders, { ...o })
}

beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  putVenue(cloud, 'v-fc', { name: '凤城镇兑换点', orgId: 'yc-fc', underOrgs: ['yc', 'yc-fc'] })
  cloud.emulator.store.upsert(COLLECTIONS.donors, { _id: 'donor-1', orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], name: '阳城县爱心粮油有限公司', logo: null, story: '感谢', contactName: '张三明', contactPhoneEnc: 'x', contactPhoneMasked: '139****5678', createdBy: 'dev-cadre', createdAt: FROM, updatedAt: FROM })
  putGoods(cloud, 'rp-rice', 100, { name: '大米' })
  putGoods(cloud, 'rp-flour', 40, { name: '面粉', unitValue: 3000 })
  putGoods(cloud, 'rp-idle', 10, { name: '无人兑换' })
  putGoods(cloud, 'rp-off', 10, { name: '已下架无变动', status: 'off_shelf' })
  putGoods(cloud, 'rp-fc', 20, { name: '凤城文具', orgId: 'yc-fc', underOrgs: ['yc', 'yc-fc'] })
  putGoods(cloud, 'rp-yuci', 20, { name: '榆次物资', orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'] })

  const inPeriod = FROM + 2 * DAY
  order('rp-rice', { quantity: 2, status: 'picked_up', pickedUpAt: inPeriod, pickedUpVenue: 'v-rc', pickedUpBy: 'clerk' })
  order('rp-rice', { quantity: 1 })
  order('rp-rice', { quantity: 1, status: 'cancelled', closedAt: inPeriod, refundId: 'le_rf_x' })
  // Placed before the period, closed or picked up inside it.
  order('rp-rice', { quantity: 3, createdAt: FROM - 5 * DAY, status: 'expired', closedAt: FROM + 1000, refundId: 'le_rf_y' })
  order('rp-rice', { quantity: 1, createdAt: FROM - 3 * DAY, status: 'picked_up', pickedUpAt: inPeriod, pickedUpVenue: 'v-fc', pickedUpBy: 'clerk' })
  // Outside the period altogether.
  order('rp-rice', { quantity: 5, createdAt: TO + 1000 })
  order('rp-rice', { quantity: 5, createdAt: FROM - 40 * DAY, status: 'picked_up', pickedUpAt: FROM - 30 * DAY, pickedUpVenue: 'v-rc' })
  // Placed inside, expired after the period ended: redeemed now, not expired in this period, and it no longer stands.
  order('rp-flour', { quantity: 2, unitValue: 3000, status: 'expired', closedAt: TO + DAY })
  order('rp-fc', { quantity: 4, orgId: 'yc-fc', underOrgs: ['yc', 'yc-fc'] })
  order('rp-yuci', { quantity: 7, orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'] })
})
afterAll(() => cloud.close())

const report = async (who: string, orgId: string) => ok(await cloud.as(who).points.mallReport({ orgId, from: FROM, to: TO }))

it('counts each goods item’s units by what became of them in the period, with 益币, value and stock now', async () => {
  const r = await report('dev-cadre', 'yc-rc')
  expect(r.goods).toEqual([
    { goodsId: 'rp-rice', name: '大米', donorName: '阳城县爱心粮油有限公司', redeemed: 4, pickedUp: 3, cancelled: 1, expired: 3, points: 30, value: 13500, supplied: 100, left: 100 },
    { goodsId: 'rp-flour', name: '面粉', donorName: '阳城县爱心粮油有限公司', redeemed: 2, pickedUp: 0, cancelled: 0, expired: 0, points: 0, value: 0, supplied: 40, left: 40 },
    // On sale with nothing in the period: listed for its stock. The withdrawn one with nothing is not.
    { goodsId: 'rp-idle', name: '无人兑换', donorName: '阳城县爱心粮油有限公司', redeemed: 0, pickedUp: 0, cancelled: 0, expired: 0, points: 0, value: 0, supplied: 10, left: 10 },
  ])
  expect(r.venues).toEqual([
    { venueId: 'v-rc', name: '润城镇青年之家兑换点', pickedUp: 2, points: 20, value: 9000 },
    { venueId: 'v-fc', name: '凤城镇兑换点', pickedUp: 1, points: 10, value: 4500 },
  ])
  expect(r.totals).toEqual({ redeemed: 6, pickedUp: 3, cancelled: 1, expired: 3, points: 30, value: 13500, supplied: 150, left: 150 })
})

it('covers the whole subtree for the county and nothing of another county', async () => {
  const r = await report('dev-admin', 'yc')
  expect(r.goods.map((g) => g.goodsId).sort()).toEqual(['rp-fc', 'rp-flour', 'rp-idle', 'rp-rice'])
  expect(r.goods.find((g) => g.goodsId === 'rp-fc')).toMatchObject({ redeemed: 4, points: 40, value: 18000 })
  expect(r.totals.redeemed).toBe(10)
  const yuci = await report('dev-yuci-admin', 'yuci')
  expect(yuci.goods.map((g) => g.goodsId)).toEqual(['rp-yuci'])
})

it('is read only by managers whose org covers the one asked about (§10, §11)', async () => {
  for (const [who, orgId] of [['dev-cadre', 'yc'], ['dev-cadre', 'yc-fc'], ['dev-yuci-admin', 'yc-rc'], ['dev-youth', 'yc-rc'], ['dev-rep', 'yuci-jl']]) {
    expect([who, orgId, errCode(await cloud.as(who).points.mallReport({ orgId, from: FROM, to: TO }))]).toEqual([who, orgId, 'AUTH.FORBIDDEN'])
  }
})

it('answers an empty period with zero totals', async () => {
  const r = ok(await cloud.as('dev-cadre').points.mallReport({ orgId: 'yc-rc', from: FROM - 300 * DAY, to: FROM - 200 * DAY }))
  expect(r.venues).toEqual([])
  expect(r.goods.every((g) => g.redeemed === 0 && g.pickedUp === 0)).toBe(true)
  expect(r.totals).toMatchObject({ redeemed: 0, pickedUp: 0, cancelled: 0, expired: 0, points: 0, value: 0 })
})
