import { randomUUID } from 'node:crypto'
import type { DonorDoc, GoodsDoc } from '../../../cloudfunctions/_core/mall'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { putClerk, putGoods, putVenue, putYouth } from '../../fixtures/mall'
import { FULL_PHONE } from '../../fixtures/people'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * The 爱心企业榜 through the real SDK (docs/mall.md, "Donor recognition"): what each donor gave
 * (units supplied across its goods that were ever on sale, at their unit value), what was redeemed
 * (orders not cancelled or expired, at the order's unit value) and by how many distinct volunteers;
 * public, ranked by value, paged by cursor, and never carrying a contact.
 */

let cloud: TestCloud
const DAY = 24 * 3600_000
const CONTACT = { contactName: '张三明', contactPhoneEnc: 'sealed', contactPhoneMasked: '139****5678' }

function putDonor(id: string, over: Partial<DonorDoc> = {}): DonorDoc {
  const d: DonorDoc = {
    _id: id,
    orgId: 'yc-rc',
    underOrgs: ['yc', 'yc-rc'],
    name: `爱心企业${id}`,
    logo: null,
    story: '深夜食堂的老朋友，感谢每一位志愿者。',
    ...CONTACT,
    createdBy: 'dev-cadre',
    createdAt: TEST_NOW - 10 * DAY,
    updatedAt: TEST_NOW - 10 * DAY,
    ...over,
  }
  cloud.emulator.store.upsert(COLLECTIONS.donors, { ...d })
  return d
}

const goods = (id: string, donorId: string, stock: number, over: Partial<GoodsDoc> = {}) => putGoods(cloud, id, stock, { donorId, ...over })

async function redeem(openid: string, goodsId: string, quantity: number): Promise<{ id: string; pickupCode: string }> {
  return ok(await cloud.as(openid).points.redeem({ requestId: randomUUID(), goodsId, quantity })).order as never
}

const board = (orgId: string, more: Record<string, unknown> = {}, who: string | null = null) => cloud.as(who).points.donorBoard({ orgId, ...more })

beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  putClerk(cloud, 'rc-clerk', { _id: 'v-rc', orgId: 'yc-rc' })
  for (const y of ['y1', 'y2', 'y3', 'y4', 'y5']) putYouth(cloud, `rg-${y}`, { balance: 500 })

  const logo = cloud.upload('dev-cadre', 'donor-logo-pass')
  putDonor('d-rice', { name: '阳城县爱心粮油有限公司', logo, logoCheck: 'pass' })
  putDonor('d-books', { orgId: 'yc', underOrgs: ['yc'], name: '阳城文具批发部', logo: cloud.upload('dev-cadre', 'donor-logo-risky'), logoCheck: 'risky' })
  putDonor('d-draft', { name: '只有草稿的企业' })
  putDonor('d-none', { name: '还没有物资的企业' })
  putDonor('d-yuci', { orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'], name: '榆次爱心超市' })

  goods('g-rice', 'd-rice', 10, { unitValue: 4500 })
  goods('g-flour', 'd-rice', 5, { unitValue: 1000 })
  goods('g-pens', 'd-books', 100, { orgId: 'yc', underOrgs: ['yc'], unitValue: 300 })
  goods('g-draft', 'd-draft', 50, { status: 'draft', unitValue: 9900 })
  goods('g-yuci', 'd-yuci', 20, { orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'], unitValue: 2000 })

  // Pens: y3's order, placed nine days ago, expires unclaimed; y4's stands.
  cloud.clock.set(TEST_NOW - 9 * DAY)
  await redeem('rg-y3', 'g-pens', 3)
  cloud.clock.set(TEST_NOW)
  ok(await cloud.timer('points', 'expireOrders'))
  await redeem('rg-y4', 'g-pens', 2)
  // Rice: y1 twice (2 + 1), y5 once and picked up; y2 cancels.
  await redeem('rg-y1', 'g-rice', 2)
  await redeem('rg-y1', 'g-rice', 1)
  const picked = await redeem('rg-y5', 'g-rice', 1)
  ok(await cloud.as('rc-clerk').points.confirmPickup({ venueId: 'v-rc', orderId: picked.id, pickupCode: picked.pickupCode }))
  const cancelled = await redeem('rg-y2', 'g-rice', 1)
  ok(await cloud.as('rg-y2').points.cancelOrder({ orderId: cancelled.id }))
  // Flour goes off the shelf after one order.
  await redeem('rg-y4', 'g-flour', 1)
  cloud.emulator.store.upsert(COLLECTIONS.goods, { ...(cloud.emulator.store.get(COLLECTIONS.goods, 'g-flour') as object), status: 'off_shelf' })
  // A later change of a unit value never rewrites what past orders were worth.
  cloud.emulator.store.upsert(COLLECTIONS.goods, { ...(cloud.emulator.store.get(COLLECTIONS.goods, 'g-rice') as object), unitValue: 5000 })
})
afterAll(() => cloud.close())

describe('donorBoard', () => {
  it('ranks the county’s donors by value given, with what was redeemed and by how many volunteers', async () => {
    const page = ok(await board('yc'))
    expect(page.nextCursor).toBeNull()
    expect(page.items.map((d) => d.id)).toEqual(['d-rice', 'd-books'])
    const [rice, books] = page.items
    expect(rice.figures).toEqual({
      goods: 2,
      givenUnits: 15,
      givenValue: 10 * 5000 + 5 * 1000, // supplied × each goods' unit value now
      redeemedUnits: 2 + 1 + 1 + 1, // y1's two orders, y5's picked up, y4's flour; y2's cancelled one is not counted
      redeemedValue: 4 * 4500 + 1 * 1000, // at the unit value each order was placed at
      volunteers: 3, // y1 (two orders), y5, y4
    })
    expect(books.figures).toEqual({ goods: 1, givenUnits: 100, givenValue: 30000, redeemedUnits: 2, redeemedValue: 600, volunteers: 1 }) // y3's expired order is not counted
    expect(rice).toMatchObject({ name: '阳城县爱心粮油有限公司', story: '深夜食堂的老朋友，感谢每一位志愿者。' })
  })

  it('shows a logo only once its check passed', async () => {
    const [rice, books] = ok(await board('yc')).items
    expect(rice.logo).toMatch(/donor-logo-pass\.jpg\?expires=/)
    expect(books.logo).toBeNull()
  })

  it('leaves out donors with nothing ever on sale, and other counties’ donors', async () => {
    const ids = ok(await board('yc')).items.map((d) => d.id)
    expect(ids).not.toContain('d-draft')
    expect(ids).not.toContain('d-none')
    expect(ids).not.toContain('d-yuci')
    expect(ok(await board('yuci')).items.map((d) => d.id)).toEqual(['d-yuci'])
  })

  it('is public: no WeChat identity needed, and anyone gets the same answer', async () => {
    const anonymous = ok(await board('yc', {}, null))
    expect(ok(await board('yc', {}, 'rg-y1'))).toEqual(anonymous)
    expect(ok(await board('yc', {}, 'dev-yuci-admin'))).toEqual(anonymous)
  })

  it('never carries a contact person or phone', async () => {
    const text = JSON.stringify([ok(await board('yc')), ok(await cloud.as(null).points.donorBoardSummary({ orgId: 'yc' }))])
    expect(text).not.toContain('张三明')
    expect(text).not.toContain('张*明')
    expect(text).not.toContain('139****5678')
    expect(text).not.toContain('sealed')
    expect(text).not.toMatch(FULL_PHONE)
    expect(text).not.toContain('contact')
  })

  it('opens the county’s board from a township or branch link', async () => {
    expect(ok(await board('yc-rc-b1'))).toEqual(ok(await board('yc')))
    expect(ok(await cloud.as(null).points.donorBoardSummary({ orgId: 'yc-rc' })).county).toEqual({ id: 'yc', name: '共青团阳城县委' })
  })

  it('pages by cursor without repeats or gaps; equal values go by id', async () => {
    for (const [i, id] of ['d-eq-b', 'd-eq-a', 'd-eq-c'].entries()) {
      putDonor(id, { orgId: 'yuci', underOrgs: ['yuci'] })
      goods(`g-eq-${i}`, id, 7, { orgId: 'yuci', underOrgs: ['yuci'], unitValue: 100 })
    }
    const seen: string[] = []
    let cursor: string | undefined
    for (let round = 0; round < 10; round++) {
      const page = ok(await board('yuci', { limit: 1, ...(cursor ? { cursor } : {}) }))
      expect(page.items.length).toBeLessThanOrEqual(1)
      seen.push(...page.items.map((d) => d.id))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(seen).toEqual(['d-yuci', 'd-eq-a', 'd-eq-b', 'd-eq-c'])
  })

  it('refuses an unknown org, operator objects, bad ids and bad cursors; clamps a huge limit (§1, §2, §5)', async () => {
    expect(errCode(await board('nowhere'))).toBe('ORG.NOT_FOUND')
    expect(errCode(await cloud.as(null).points.donorBoard({ orgId: { $ne: null } }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await board('yc/../yuci'))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await board('yc', { cursor: 'not-a-cursor' }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await board('yc', { skip: 10 }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as(null).points.donorBoard({}))).toBe('GENERIC.BAD_INPUT')
    expect(ok(await board('yc', { limit: 1e6 })).items).toHaveLength(2)
  })
})

describe('donorBoardSummary', () => {
  it('totals the county: donors who gave, what they gave, what was redeemed and by how many', async () => {
    const s = ok(await cloud.as(null).points.donorBoardSummary({ orgId: 'yc' }))
    const cards = ok(await board('yc')).items
    const sum = (k: keyof (typeof cards)[number]['figures']) => cards.reduce((t, c) => t + c.figures[k], 0)
    expect(s.donors).toBe(2)
    expect(s.figures).toEqual({
      goods: sum('goods'),
      givenUnits: sum('givenUnits'),
      givenValue: sum('givenValue'),
      redeemedUnits: sum('redeemedUnits'),
      redeemedValue: sum('redeemedValue'),
      // Distinct across the county: y1, y5 and y4 — y4 redeemed from both donors and counts once.
      volunteers: 3,
    })
    expect(sum('volunteers')).toBe(4)
  })

  it('answers zeros for a county nobody has given to yet', async () => {
    cloud.emulator.store.upsert(COLLECTIONS.orgs, { _id: 'new-county', name: '共青团新县委', kind: 'county', parentId: null, path: [], depth: 0, createdAt: TEST_NOW, updatedAt: TEST_NOW })
    const s = ok(await cloud.as(null).points.donorBoardSummary({ orgId: 'new-county' }))
    expect(s).toEqual({ county: { id: 'new-county', name: '共青团新县委' }, donors: 0, figures: { goods: 0, givenUnits: 0, givenValue: 0, redeemedUnits: 0, redeemedValue: 0, volunteers: 0 } })
    expect(ok(await board('new-county'))).toEqual({ items: [], nextCursor: null })
  })
})

describe('the board’s reads use declared indexes', () => {
  it('matches orders by (donorId, status) and by (underOrgs, status), goods by (underOrgs, status, …)', () => {
    const live = { $in: ['ready', 'picked_up'] }
    expect(cloud.emulator.store.explain(COLLECTIONS.orders, { donorId: { $in: ['d-rice'] }, status: live }).plan).toMatch(/^index:donorId_1_status_1/)
    expect(cloud.emulator.store.explain(COLLECTIONS.orders, { underOrgs: 'yc', status: live }).plan).toMatch(/^index:underOrgs_1_status_1/)
    expect(cloud.emulator.store.explain(COLLECTIONS.goods, { underOrgs: 'yc', status: { $in: ['on_sale', 'off_shelf'] } }).plan).toMatch(/^index:underOrgs_1_status_1_createdAt/)
    expect(cloud.emulator.store.explain(COLLECTIONS.goods, { donorId: 'd-rice', status: { $in: ['on_sale', 'off_shelf'] } }).plan).toMatch(/^index:donorId_1/)
  })
})

// Last: it adds orders.
describe('the board’s cost', () => {
  it('costs the same number of database calls however many orders there are: aggregates, not reads', async () => {
    cloud.emulator.resetStats()
    ok(await board('yc'))
    const before = cloud.emulator.stats()
    for (let i = 0; i < 12; i++) await redeem('rg-y3', 'g-pens', 1)
    cloud.emulator.resetStats()
    const page = ok(await board('yc'))
    expect(cloud.emulator.stats()).toEqual(before)
    expect(page.items.find((d) => d.id === 'd-books')?.figures).toMatchObject({ redeemedUnits: 14, volunteers: 2 })
    expect(before.byAction['database.aggregateDocuments']).toBe(2)
  })
})
