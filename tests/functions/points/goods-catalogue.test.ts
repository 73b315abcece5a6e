import { randomUUID } from 'node:crypto'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { actions } from '../../../cloudfunctions/points/actions'
import { pointsContract } from '../../../types/contract/points'
import { putVenue, putYouth, stockOf } from '../../fixtures/mall'
import { FULL_PHONE } from '../../fixtures/people'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { goodsInput, makeDonor, makeGoods, onSale, picture } from './goods.inputs'

/**
 * The catalogue as youth see it (listGoods, getGoods): the goods on sale in their own county, what is
 * left (已兑完 when nothing is), how many more they may redeem, and only pictures that passed WeChat's
 * check (docs/domain.md "Content").
 */
let cloud: TestCloud
let donorId: string
const H = 3600_000
beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  putVenue(cloud, 'v-fc', { name: '凤城镇兑换点', orgId: 'yc-fc', underOrgs: ['yc', 'yc-fc'] })
  putVenue(cloud, 'v-yuci', { name: '锦纶街道兑换点', orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'] })
  putYouth(cloud, 'cat-youth', { balance: 500 })
  putYouth(cloud, 'yuci-youth', { balance: 500, orgId: 'yuci-jl-b1' })
  donorId = (await makeDonor(cloud, { logo: picture(cloud, 'dev-cadre', 'donor-logo') })).id
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

const list = async (openid = 'cat-youth', payload: Record<string, unknown> = { limit: 50 }) => ok(await cloud.as(openid).points.listGoods(payload))
const ids = async (openid = 'cat-youth', payload: Record<string, unknown> = { limit: 50 }) => (await list(openid, payload)).items.map((i) => i.id)
const redeem = (openid: string, goodsId: string, quantity = 1) => cloud.as(openid).points.redeem({ requestId: randomUUID(), goodsId, quantity })

describe('listGoods', () => {
  it('lists the goods on sale in the caller’s county, newest first; drafts, withdrawn, ended and other counties’ goods never', async () => {
    const older = await onSale(cloud, donorId, { name: '精制面粉 5kg' })
    cloud.clock.advance(60_000)
    const newer = await onSale(cloud, donorId, { name: '书包文具套装', category: 'stationery' })
    const draft = await makeGoods(cloud, donorId, { name: '草稿物资' })
    const withdrawn = await onSale(cloud, donorId, { name: '已下架物资' })
    ok(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: withdrawn.id, status: 'off_shelf' }))
    const ending = await onSale(cloud, donorId, { name: '限时物资', availableUntil: TEST_NOW + 2 * H })
    const yuciDonor = (await makeDonor(cloud, { orgId: 'yuci' }, 'dev-yuci-admin')).id
    const yuci = await onSale(cloud, yuciDonor, { orgId: 'yuci', venueIds: ['v-yuci'] }, 'dev-yuci-admin')

    const shown = await ids()
    expect(shown.indexOf(newer.id)).toBeLessThan(shown.indexOf(older.id))
    expect(shown).toEqual(expect.arrayContaining([older.id, newer.id, ending.id]))
    for (const hidden of [draft.id, withdrawn.id, yuci.id]) expect(shown).not.toContain(hidden)
    expect(await ids('yuci-youth')).toEqual([yuci.id])
    expect(await ids('cat-youth', { category: 'stationery', limit: 50 })).toEqual([newer.id])

    // Once its time is over it drops out; the clock is the server's.
    cloud.clock.advance(3 * H)
    expect(await ids()).not.toContain(ending.id)
  })

  it('shows 已兑完 (sold_out, 0 left) when the last unit is taken, and what is left before', async () => {
    const g = await onSale(cloud, donorId, { name: '最后一袋米', initialStock: 2, limitTotal: null })
    expect((await list()).items.find((i) => i.id === g.id)).toMatchObject({ status: 'on_sale', left: 2, price: 10, donorName: '阳城县爱心粮油有限公司', limitTotal: null, limitPeriod: null })
    ok(await redeem('cat-youth', g.id, 2))
    expect((await list()).items.find((i) => i.id === g.id)).toMatchObject({ status: 'sold_out', left: 0 })
    expect(ok(await cloud.as('cat-youth').points.getGoods({ goodsId: g.id })).goods).toMatchObject({ status: 'sold_out', left: 0 })
    expect(ok(await cloud.as('dev-cadre').points.getManagedGoods({ goodsId: g.id })).goods).toMatchObject({ status: 'sold_out', goodsStatus: 'on_sale', supplied: 2, taken: 2, left: 0 })
  })

  it('pages by cursor without repeats, clamps the limit and refuses skip or an operator cursor (§1, §5)', async () => {
    const all = await ids()
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await list('cat-youth', { limit: 2, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
    for (const payload of [{ skip: 5 }, { cursor: { $gt: '' } }, { category: { $ne: null } }, { category: 'weapons' }, { orgId: 'yuci' }]) {
      expect(errCode(await cloud.raw('points', { action: 'listGoods', payload }, 'cat-youth'))).toBe('GENERIC.BAD_INPUT')
    }
  })

  it('needs a registered youth: the county comes from the profile, never from the payload (§9)', async () => {
    expect(errCode(await cloud.as('nobody-here').points.listGoods({}))).toBe('USER.NOT_REGISTERED')
    expect(errCode(await cloud.as(null).points.listGoods({}))).toBe('AUTH.UNAUTHENTICATED')
    expect(errCode(await cloud.raw('points', { action: 'listGoods', payload: { openid: 'yuci-youth' } }, 'cat-youth'))).toBe('GENERIC.BAD_INPUT')
  })
})

describe('getGoods', () => {
  it('answers the detail: passed pictures, open venues, the donor’s public face and how many more the caller may redeem', async () => {
    const g = await onSale(cloud, donorId, { venueIds: ['v-rc', 'v-fc'], limitTotal: 3, limitPeriod: { period: 'week', count: 2 }, unitValue: 3990 })
    const detail = async () => ok(await cloud.as('cat-youth').points.getGoods({ goodsId: g.id })).goods
    const d = await detail()
    expect(d).toMatchObject({
      id: g.id,
      unitValue: 3990,
      pickupDays: 7,
      mine: 2,
      donor: { id: donorId, name: '阳城县爱心粮油有限公司', story: expect.stringContaining('深夜食堂'), logo: expect.stringMatching(/donor-logo-\d{4}\.jpg\?expires=/) },
      venues: [expect.objectContaining({ id: 'v-rc', name: '润城镇青年之家兑换点', hours: '周一至周五 9:00-17:00' }), expect.objectContaining({ id: 'v-fc' })],
    })
    expect(d.images).toHaveLength(1)
    expect(JSON.stringify(d)).not.toMatch(/contact|张三明|1391234/)
    ok(await redeem('cat-youth', g.id, 2))
    expect((await detail()).mine).toBe(0) // this week's 2 are used
    cloud.clock.advance(7 * 24 * H)
    expect((await detail()).mine).toBe(1) // a new week: 3 in total, 2 held
    // A venue closed meanwhile is no longer offered.
    cloud.emulator.store.upsert(COLLECTIONS.venues, { ...cloud.emulator.store.get(COLLECTIONS.venues, 'v-fc'), status: 'closed' })
    expect((await detail()).venues.map((v) => v.id)).toEqual(['v-rc'])
    putVenue(cloud, 'v-fc', { name: '凤城镇兑换点', orgId: 'yc-fc', underOrgs: ['yc', 'yc-fc'] })
  })

  it('says null for mine when the goods sets no limit', async () => {
    const g = await onSale(cloud, donorId, { limitTotal: null, limitPeriod: null })
    expect(ok(await cloud.as('cat-youth').points.getGoods({ goodsId: g.id })).goods.mine).toBeNull()
  })

  it('hides drafts, says whose county another county’s item is, and refuses ids that are not ids (§1, §2, §13)', async () => {
    const draft = await makeGoods(cloud, donorId)
    expect(errCode(await cloud.as('cat-youth').points.getGoods({ goodsId: draft.id }))).toBe('GOODS.NOT_FOUND')
    expect(errCode(await cloud.as('cat-youth').points.getGoods({ goodsId: 'g_nothing' }))).toBe('GOODS.NOT_FOUND')
    const g = await onSale(cloud, donorId)
    expect(errCode(await cloud.as('yuci-youth').points.getGoods({ goodsId: g.id }))).toBe('GOODS.OTHER_COUNTY')
    for (const goodsId of [{ $ne: null }, '../g', '__proto__.x', 'a'.repeat(65), '']) {
      expect(errCode(await cloud.raw('points', { action: 'getGoods', payload: { goodsId } }, 'cat-youth'))).toBe('GENERIC.BAD_INPUT')
    }
  })

  it('never carries a full phone number', async () => {
    const g = await onSale(cloud, donorId)
    const text = JSON.stringify([ok(await cloud.as('cat-youth').points.getGoods({ goodsId: g.id })), await list()])
    expect(text).not.toMatch(FULL_PHONE)
  })
})

describe('pictures whose check is pending (production: the verdict is pushed later)', () => {
  // Production's image check: a trace id now, the verdict later as a wxa_media_check message.
  let trace = 0
  const prod = () => {
    const platform = { ...cloud.deps().platform }
    platform.contentCheck = { ...platform.contentCheck, image: async () => ({ pending: `gtrace-${++trace}` }) }
    return createHandler(pointsContract, actions, () => ({ ...cloud.deps(), platform }))
  }
  const push = (trace_id: string, suggest: string) =>
    prod().handle({ action: 'goodsImagesChecked', payload: { ToUserName: 'gh_x', MsgType: 'event', Event: 'wxa_media_check', trace_id, version: 2, result: { suggest, label: '100' } } }, { openid: null, appid: null, source: 'push' })

  it('shows a picture to its managers at once, to youth only once it passed, and never one that failed', async () => {
    const h = prod()
    const pics = [picture(cloud, 'dev-cadre', 'pend-good'), picture(cloud, 'dev-cadre', 'pend-bad')]
    const made = ok(await h.handle({ action: 'saveGoods', payload: goodsInput(cloud, donorId, { images: pics }) }, localCaller('dev-cadre'))) as { goods: { id: string; imageChecks: string[]; image: string | null } }
    const id = made.goods.id
    expect(made.goods.imageChecks).toEqual(['pending', 'pending'])
    expect(made.goods.image).toMatch(/pend-good/)
    // Nothing youth may see yet: it cannot go on sale.
    expect(errCode(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: id, status: 'on_sale' }))).toBe('GOODS.NO_PASSED_IMAGE')
    const [goodTrace, badTrace] = cloud.emulator.store.get(COLLECTIONS.goods, id)!.imageTraces as string[]

    // A user cannot deliver a verdict.
    expect(errCode(await cloud.as('dev-cadre').points.goodsImagesChecked({ trace_id: goodTrace, result: { suggest: 'pass' } }))).toBe('AUTH.FORBIDDEN')
    expect(ok(await push(badTrace, 'risky'))).toEqual({ applied: true })
    expect(errCode(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: id, status: 'on_sale' }))).toBe('GOODS.NO_PASSED_IMAGE')
    expect(ok(await push(goodTrace, 'pass'))).toEqual({ applied: true })
    expect(ok(await push('gtrace-unknown', 'pass'))).toEqual({ applied: false })
    // The same verdict pushed again finds nothing waiting.
    expect(ok(await push(badTrace, 'pass'))).toEqual({ applied: false })

    ok(await cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: id, status: 'on_sale' }))
    const seen = ok(await cloud.as('cat-youth').points.getGoods({ goodsId: id })).goods
    expect(seen.images).toHaveLength(1)
    expect(seen.images[0]).toMatch(/pend-good/)
    expect(seen.image).toMatch(/pend-good/)
    const managed = ok(await cloud.as('dev-cadre').points.getManagedGoods({ goodsId: id })).goods
    expect(managed.images.map((i) => i.check)).toEqual(['pass', 'risky'])
    expect(managed.imageChecks).toEqual(['pass', 'risky'])
    expect(stockOf(cloud, id).onSale).toBe(true)
  })

  it('keeps a donor logo off the public views until it passed', async () => {
    const h = prod()
    const logo = picture(cloud, 'dev-cadre', 'pend-logo')
    const made = ok(await h.handle({ action: 'saveDonor', payload: { requestId: randomUUID(), orgId: 'yc-rc', name: '待审标志企业', story: '感谢志愿者', contactName: '李四', contactPhone: '13700001111', logo } }, localCaller('dev-cadre'))) as { donor: { id: string; logoCheck: string; logo: string | null } }
    expect(made.donor).toMatchObject({ logoCheck: 'pending', logo: expect.stringMatching(/pend-logo/) })
    const g = await onSale(cloud, made.donor.id)
    const donorLogo = async () => ok(await cloud.as('cat-youth').points.getGoods({ goodsId: g.id })).goods.donor.logo
    expect(await donorLogo()).toBeNull()
    const logoTrace = cloud.emulator.store.get(COLLECTIONS.donors, made.donor.id)!.logoTrace as string
    expect(ok(await push(logoTrace, 'pass'))).toEqual({ applied: true })
    expect(await donorLogo()).toMatch(/pend-logo/)
  })
})
