import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { putVenue, putYouth, stockOf } from '../../fixtures/mall'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { editOf, goodsInput, makeDonor, makeGoods, onSale, picture } from './goods.inputs'

/**
 * Goods as cadres make, change and shelve them (docs/domain.md "Words", 积分商城; invariants 4, 7):
 * creation writes the goods and its stock together, an edit never touches stock or orders, each
 * change is audited once, and only pictures that passed their check are ever shown to youth.
 */
let cloud: TestCloud
let donorId: string
beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  putVenue(cloud, 'v-fc', { name: '凤城镇兑换点', orgId: 'yc-fc', underOrgs: ['yc', 'yc-fc'] })
  putVenue(cloud, 'v-closed', { name: '已停用兑换点', status: 'closed' })
  putVenue(cloud, 'v-station', { name: '润城镇团代表联络站', kind: 'station' })
  putVenue(cloud, 'v-yuci', { name: '锦纶街道兑换点', orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'] })
  donorId = (await makeDonor(cloud)).id
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

const audits = (action: string, id?: string) => cloud.docs(COLLECTIONS.auditLogs, id ? { action: `points.${action}`, 'target.id': id } : { action: `points.${action}` })
const stored = (id: string) => cloud.emulator.store.get(COLLECTIONS.goods, id) as Record<string, any>
const mallState = () => snapshot(cloud, [COLLECTIONS.goods, COLLECTIONS.goodsStock, COLLECTIONS.auditLogs, COLLECTIONS.orders, COLLECTIONS.donors])

describe('saveGoods: a new goods item', () => {
  it('is a draft with its stock, written together, and one audit entry naming its price, value and limits', async () => {
    const before = audits('saveGoods').length
    const g = await makeGoods(cloud, donorId, { initialStock: 120, limitTotal: 3, limitPeriod: { period: 'month', count: 2 } })
    expect(g).toMatchObject({ status: 'draft', goodsStatus: 'draft', supplied: 120, taken: 0, left: 120, liveOrders: 0, imageChecks: ['pass'], venueCount: 1, donorName: '阳城县爱心粮油有限公司' })
    expect(g.image).toMatch(/goods-pic-\d{4}\.jpg\?expires=/)
    expect(stored(g.id)).toMatchObject({ orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], status: 'draft', imageChecks: ['pass'], imageTraces: [null], createdBy: 'dev-cadre' })
    expect(stockOf(cloud, g.id)).toMatchObject({ supplied: 120, taken: 0, onSale: false, holds: {} })
    const entries = audits('saveGoods')
    expect(entries).toHaveLength(before + 1)
    expect(entries[entries.length - 1]).toMatchObject({
      actor: 'dev-cadre',
      target: { type: 'goods', id: g.id },
      orgId: 'yc-rc',
      detail: { price: 10, unitValue: 4500, limitTotal: 3, limitPeriod: { period: 'month', count: 2 }, initialStock: 120 },
    })
  })

  it('answers a retry with the same key with the same item, once; the same key with another payload is refused (docs/bad-inputs.md §15, §27)', async () => {
    const input = goodsInput(cloud, donorId)
    const first = ok(await cloud.as('dev-cadre').points.saveGoods(input)).goods
    const state = mallState()
    const copies = await Promise.all(Array.from({ length: 10 }, () => cloud.as('dev-cadre').points.saveGoods(input)))
    for (const c of copies) expect(ok(c).goods.id).toBe(first.id)
    expect(mallState()).toBe(state)
    expect(errCode(await cloud.as('dev-cadre').points.saveGoods({ ...input, price: 11 }))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(mallState()).toBe(state)
  })

  it('takes only the cadre’s own uploads, and refuses a picture or text that fails the check, leaving no trace (§23, §24)', async () => {
    const state = mallState()
    const theirs = picture(cloud, 'dev-youth', 'youth-pic')
    const neverSent = picture(cloud).replace(/goods-pic-\d{4}/, 'goods-pic-none')
    const cases: [Record<string, unknown>, string][] = [
      [{ images: ['https://img.example.com/rice.jpg'] }, 'GENERIC.BAD_INPUT'],
      [{ images: ['cloud://other-env.bucket/uploads/../../etc/passwd'] }, 'GENERIC.BAD_INPUT'],
      [{ images: [theirs] }, 'FILE.NOT_OWN'],
      [{ images: [picture(cloud), theirs] }, 'FILE.NOT_OWN'],
      [{ images: [neverSent] }, 'FILE.NOT_FOUND'],
      [{ images: [picture(cloud, 'dev-cadre', 'risky-pic')] }, 'GENERIC.CONTENT_RISKY'],
      [{ name: '赌博大礼包' }, 'GENERIC.CONTENT_RISKY'],
      [{ description: '点击链接领取诈骗奖品' }, 'GENERIC.CONTENT_RISKY'],
    ]
    for (const [over, code] of cases) expect([over, errCode(await cloud.as('dev-cadre').points.saveGoods(goodsInput(cloud, donorId, over)))]).toEqual([over, code])
    expect(mallState()).toBe(state)
  })

  it('names only open pickup venues and a donor of its own county (§11)', async () => {
    const yuciDonor = (await makeDonor(cloud, { orgId: 'yuci' }, 'dev-yuci-admin')).id
    const state = mallState()
    const cases: [Record<string, unknown>, string][] = [
      [{ venueIds: ['v-none'] }, 'VENUE.NOT_FOUND'],
      [{ venueIds: ['v-rc', 'v-closed'] }, 'VENUE.CLOSED'],
      [{ venueIds: ['v-yuci'] }, 'GOODS.VENUE_OTHER_COUNTY'],
      [{ venueIds: ['v-station'] }, 'GOODS.VENUE_NOT_PICKUP'],
      [{ donorId: 'd_nobody' }, 'DONOR.NOT_FOUND'],
      [{ donorId: yuciDonor }, 'DONOR.OTHER_COUNTY'],
    ]
    for (const [over, code] of cases) expect([over, errCode(await cloud.as('dev-cadre').points.saveGoods(goodsInput(cloud, donorId, over)))]).toEqual([over, code])
    expect(mallState()).toBe(state)
    // Another township's venue in the same county is fine: youth of the whole county redeem.
    expect((await makeGoods(cloud, donorId, { venueIds: ['v-rc', 'v-fc'] })).venueCount).toBe(2)
  })

  it('is made only by a manager whose org covers the goods’ org (§10, §11)', async () => {
    const state = mallState()
    const cases: [string, string][] = [
      ['dev-youth', 'yc-rc'], // a youth
      ['dev-cadre', 'yc-fc'], // a sibling township
      ['dev-cadre', 'yc'], // the parent
      ['dev-yuci-admin', 'yc-rc'], // another county
    ]
    for (const [who, orgId] of cases) expect([who, orgId, errCode(await cloud.as(who).points.saveGoods(goodsInput(cloud, donorId, { orgId })))]).toEqual([who, orgId, 'AUTH.FORBIDDEN'])
    expect(errCode(await cloud.as(null).points.saveGoods(goodsInput(cloud, donorId)))).toBe('AUTH.UNAUTHENTICATED')
    expect(mallState()).toBe(state)
    // The county's admin covers the township.
    expect((await makeGoods(cloud, donorId, {}, 'dev-admin')).orgId).toBe('yc-rc')
  })
})

describe('saveGoods: an edit', () => {
  it('changes the goods and never its stock nor a past order; the audit entry has price and limits before and after', async () => {
    const g = await onSale(cloud, donorId, { initialStock: 10, price: 10, limitTotal: 2 })
    putYouth(cloud, 'edit-youth', { balance: 100 })
    const { order } = ok(await cloud.as('edit-youth').points.redeem({ requestId: randomUUID(), goodsId: g.id, quantity: 2 }))
    const stockBefore = stockOf(cloud, g.id)
    const orderBefore = cloud.emulator.store.get(COLLECTIONS.orders, order.id)
    const mine = () => audits('saveGoods', g.id)

    const edited = ok(await cloud.as('dev-cadre').points.saveGoods({ ...editOf(ok(await cloud.as('dev-cadre').points.getManagedGoods({ goodsId: g.id })).goods), name: '东北大米 10kg', price: 25, limitTotal: 5, limitPeriod: { period: 'week', count: 1 } })).goods
    expect(edited).toMatchObject({ name: '东北大米 10kg', price: 25, limitTotal: 5, limitPeriod: { period: 'week', count: 1 }, supplied: 10, taken: 2, left: 8, liveOrders: 1, goodsStatus: 'on_sale' })
    expect(stockOf(cloud, g.id)).toEqual(stockBefore)
    expect(cloud.emulator.store.get(COLLECTIONS.orders, order.id)).toEqual(orderBefore)
    expect(ok(await cloud.as('edit-youth').points.getOrder({ orderId: order.id })).order).toMatchObject({ goodsName: '五常大米 5kg', price: 10, cost: 20 })
    expect(mine()).toHaveLength(2) // the creation, then this edit
    expect(mine()[1].detail).toEqual({
      fields: expect.arrayContaining(['name', 'price', 'limitTotal', 'limitPeriod']),
      before: { price: 10, limitTotal: 2, limitPeriod: null },
      after: { price: 25, limitTotal: 5, limitPeriod: { period: 'week', count: 1 } },
    })
  })

  it('applies a retried edit once, and refuses the same key with other changes (§15)', async () => {
    const g = await makeGoods(cloud, donorId)
    const edit = { ...editOf(ok(await cloud.as('dev-cadre').points.getManagedGoods({ goodsId: g.id })).goods), price: 30 }
    const answers = await Promise.all(Array.from({ length: 5 }, () => cloud.as('dev-cadre').points.saveGoods(edit)))
    for (const a of answers) expect(ok(a).goods.price).toBe(30)
    expect(audits('saveGoods', g.id)).toHaveLength(2) // the creation and one edit
    expect(errCode(await cloud.as('dev-cadre').points.saveGoods({ ...edit, price: 31 }))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(stored(g.id).price).toBe(30)
  })

  it('keeps its org, takes no stock figure, and is refused to managers outside it (§3, §11, §13)', async () => {
    const g = await makeGoods(cloud, donorId)
    const edit = editOf(ok(await cloud.as('dev-cadre').points.getManagedGoods({ goodsId: g.id })).goods)
    const state = mallState()
    expect(errCode(await cloud.as('dev-cadre').points.saveGoods({ ...edit, orgId: 'yc-rc-b1' }))).toBe('GOODS.ORG_FIXED')
    expect(errCode(await cloud.as('dev-cadre').points.saveGoods({ ...edit, initialStock: 5 }))).toBe('GENERIC.BAD_INPUT')
    for (const field of ['supplied', 'taken', 'status', 'underOrgs', 'createdBy']) {
      expect([field, errCode(await cloud.as('dev-cadre').points.saveGoods({ ...edit, [field]: field === 'status' ? 'on_sale' : 1 }))]).toEqual([field, 'GENERIC.BAD_INPUT'])
    }
    for (const who of ['dev-yuci-admin', 'dev-youth', 'dev-rep']) expect([who, errCode(await cloud.as(who).points.saveGoods({ ...edit, orgId: 'yc-rc' }))]).toEqual([who, 'AUTH.FORBIDDEN'])
    expect(errCode(await cloud.as('dev-yuci-admin').points.getManagedGoods({ goodsId: g.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').points.getManagedGoods({ goodsId: 'g_nothing' }))).toBe('GOODS.NOT_FOUND')
    expect(mallState()).toBe(state)
  })

  it('checks only the pictures it adds: a colleague’s kept picture is fine, a new one must be the editor’s own', async () => {
    const g = await makeGoods(cloud, donorId)
    const edit = editOf(ok(await cloud.as('dev-admin').points.getManagedGoods({ goodsId: g.id })).goods)
    const own = picture(cloud, 'dev-admin', 'admin-pic')
    const saved = ok(await cloud.as('dev-admin').points.saveGoods({ ...edit, images: [...edit.images, own] })).goods
    expect(saved.images.map((i) => [i.fileId, i.check])).toEqual([
      [edit.images[0], 'pass'],
      [own, 'pass'],
    ])
    const again = editOf(saved)
    expect(errCode(await cloud.as('dev-admin').points.saveGoods({ ...again, images: [...again.images, picture(cloud, 'dev-cadre')] }))).toBe('FILE.NOT_OWN')
  })
})

describe('setGoodsStatus', () => {
  it('opens the stock when it goes on sale and closes it when it comes off, each change audited once', async () => {
    const g = await makeGoods(cloud, donorId)
    const on = ok(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: g.id, status: 'on_sale' })).goods
    expect(on).toMatchObject({ status: 'on_sale', goodsStatus: 'on_sale' })
    expect(stockOf(cloud, g.id).onSale).toBe(true)
    expect(audits('setGoodsStatus', g.id).map((e) => e.detail)).toEqual([{ before: { status: 'draft' }, after: { status: 'on_sale' } }])
    // Asking again changes nothing and writes no second entry.
    ok(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: g.id, status: 'on_sale' }))
    expect(audits('setGoodsStatus', g.id)).toHaveLength(1)
    const off = ok(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: g.id, status: 'off_shelf' })).goods
    expect(off.status).toBe('off_shelf')
    expect(stockOf(cloud, g.id).onSale).toBe(false)
    expect(audits('setGoodsStatus', g.id)).toHaveLength(2)
  })

  it('repairs a stock flag a crash left behind when asked for the status the goods already has', async () => {
    const g = await onSale(cloud, donorId)
    cloud.emulator.store.upsert(COLLECTIONS.goodsStock, { ...stockOf(cloud, g.id), onSale: false })
    ok(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: g.id, status: 'on_sale' }))
    expect(stockOf(cloud, g.id).onSale).toBe(true)
  })

  it('goes on sale only with an open venue and a picture that passed its check', async () => {
    const closedOnly = await makeGoods(cloud, donorId, { venueIds: ['v-rc'] })
    cloud.emulator.store.upsert(COLLECTIONS.goods, { ...stored(closedOnly.id), venueIds: ['v-closed'] })
    let state = mallState()
    expect(errCode(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: closedOnly.id, status: 'on_sale' }))).toBe('GOODS.NO_VENUE')
    expect(mallState()).toBe(state)
    const unchecked = await makeGoods(cloud, donorId)
    cloud.emulator.store.upsert(COLLECTIONS.goods, { ...stored(unchecked.id), imageChecks: ['pending'], imageTraces: ['trace-x'] })
    state = mallState()
    expect(errCode(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: unchecked.id, status: 'on_sale' }))).toBe('GOODS.NO_PASSED_IMAGE')
    expect(mallState()).toBe(state)
    expect(stockOf(cloud, unchecked.id).onSale).toBe(false)
  })

  it('is refused outside the goods’ org, and takes no other status (§3, §11)', async () => {
    const g = await makeGoods(cloud, donorId)
    for (const who of ['dev-yuci-admin', 'dev-youth']) expect(errCode(await cloud.as(who).points.setGoodsStatus({ goodsId: g.id, status: 'on_sale' }))).toBe('AUTH.FORBIDDEN')
    for (const status of ['draft', 'sold_out', { $ne: null }]) expect(errCode(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: g.id, status } as never))).toBe('GENERIC.BAD_INPUT')
    expect(stored(g.id).status).toBe('draft')
  })
})

describe('manageGoods', () => {
  it('lists an org subtree’s goods with stock and live orders, by status, to its managers only', async () => {
    const g = await onSale(cloud, donorId, { initialStock: 5 })
    putYouth(cloud, 'mg-youth', { balance: 100 })
    ok(await cloud.as('mg-youth').points.redeem({ requestId: randomUUID(), goodsId: g.id, quantity: 1 }))
    const page = ok(await cloud.as('dev-cadre').points.manageGoods({ orgId: 'yc-rc', status: 'on_sale', limit: 50 }))
    expect(page.items.every((i) => i.goodsStatus === 'on_sale')).toBe(true)
    expect(page.items.find((i) => i.id === g.id)).toMatchObject({ supplied: 5, taken: 1, left: 4, liveOrders: 1 })
    const all = ok(await cloud.as('dev-admin').points.manageGoods({ orgId: 'yc', limit: 50 }))
    expect(all.items.some((i) => i.goodsStatus === 'draft')).toBe(true)
    // Newest first.
    const times = all.items.map((i) => stored(i.id).createdAt)
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    for (const [who, orgId] of [['dev-cadre', 'yc'], ['dev-cadre', 'yc-fc'], ['dev-yuci-admin', 'yc-rc'], ['dev-youth', 'yc-rc']]) {
      expect(errCode(await cloud.as(who).points.manageGoods({ orgId }))).toBe('AUTH.FORBIDDEN')
    }
  })

  it('pages by cursor without repeats or gaps, clamps the limit and refuses skip (§1, §5)', async () => {
    const all = ok(await cloud.as('dev-cadre').points.manageGoods({ orgId: 'yc-rc', limit: 50 })).items.map((i) => i.id)
    expect(all.length).toBeGreaterThan(5)
    const seen: string[] = []
    let cursor: string | undefined
    for (;;) {
      const page = ok(await cloud.as('dev-cadre').points.manageGoods({ orgId: 'yc-rc', limit: 4, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items.map((i) => i.id))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(seen).toEqual(all)
    expect(ok(await cloud.as('dev-cadre').points.manageGoods({ orgId: 'yc-rc', limit: 1e6 })).items.length).toBeLessThanOrEqual(50)
    for (const payload of [{ orgId: 'yc-rc', skip: 10 }, { orgId: 'yc-rc', cursor: { $gt: '' } }, { orgId: { $ne: null } }, { orgId: 'yc-rc', cursor: 'zz_!' }]) {
      expect(errCode(await cloud.raw('points', { action: 'manageGoods', payload }, 'dev-cadre'))).toBe('GENERIC.BAD_INPUT')
    }
  })
})
