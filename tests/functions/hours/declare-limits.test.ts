import { shanghaiDate } from '../../../types/day'
import { putActivity, putAttendance } from '../../fixtures/activities'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { att, decl, declarationInput, putDeclaration } from './fixtures'

/**
 * Declared hours (docs/domain.md): a day holds at most 24 hours of one youth's hours, attended and
 * declared together, and a declaration is reviewed by the youth's own org chain.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

// dev-youth belongs to 上庄村团支部 (yc-rc-b1) under 润城镇团委 (yc-rc) under 阳城县委 (yc).
const declaration = declarationInput
const declared = (date: string) => cloud.docs('declarations', { openid: 'dev-youth', date })

describe('a day holds at most 24 hours', () => {
  it('refuses a declaration that would put more than 24 hours on one day, saying how much is there', async () => {
    ok(await cloud.as('dev-youth').activity.declareHours(declaration({ date: '2026-11-10', minutes: 24 * 60 })))
    const res = await cloud.as('dev-youth').activity.declareHours(declaration({ date: '2026-11-10', minutes: 30 }))
    expect(errCode(res)).toBe('HOURS.DAY_FULL')
    expect(res.ok ? null : res.error.message).toMatch(/已有24小时.*一天最多24小时/)
    expect(declared('2026-11-10')).toHaveLength(1)
    // Another day is free.
    ok(await cloud.as('dev-youth').activity.declareHours(declaration({ date: '2026-11-11', minutes: 24 * 60 })))
  })

  it('admits exactly the declarations that fit when six are sent at once', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => cloud.as('dev-youth').activity.declareHours(declaration({ date: '2026-11-12', minutes: 600 }))))
    expect(answers.filter((a) => a.ok)).toHaveLength(2)
    expect(answers.filter((a) => !a.ok).map(errCode)).toEqual(Array(4).fill('HOURS.DAY_FULL'))
    expect(declared('2026-11-12').reduce((s, d) => s + d.minutes, 0)).toBe(1200)
  })

  it('counts attended hours of that day with the declared ones, and not rejected declarations', async () => {
    const a = putActivity(cloud, { startAt: TEST_NOW - 30 * 3600_000, endAt: TEST_NOW - 20 * 3600_000 })
    putAttendance(cloud, a, 'dev-youth', { minutes: 600 })
    const day = shanghaiDate(a.startAt)
    putDeclaration(cloud, 'dc_rejected_day', 'dev-youth', { date: day, minutes: 1440, review: 'rejected' })
    expect(errCode(await cloud.as('dev-youth').activity.declareHours(declaration({ date: day, minutes: 900 })))).toBe('HOURS.DAY_FULL')
    ok(await cloud.as('dev-youth').activity.declareHours(declaration({ date: day, minutes: 840 })))
  })

  it('answers a retry of an accepted declaration with it, even once the day is full', async () => {
    const payload = declaration({ date: '2026-11-13', minutes: 24 * 60 })
    const first = ok(await cloud.as('dev-youth').activity.declareHours(payload))
    expect(ok(await cloud.as('dev-youth').activity.declareHours(payload))).toEqual(first)
  })
})

describe('a day holds at most 24 hours at approval too', () => {
  it('refuses approving attendance that would take a day past 24 hours with an approved declaration', async () => {
    const a = putActivity(cloud, { startAt: TEST_NOW - 60 * 3600_000, endAt: TEST_NOW - 58 * 3600_000 })
    const day = shanghaiDate(a.startAt)
    // Declared first (the day was empty), attended later the same day.
    const d = putDeclaration(cloud, 'dc_full_day', 'dev-youth', { date: day, minutes: 1400 })
    const p = putAttendance(cloud, a, 'dev-youth', { minutes: 120 })
    ok(await cloud.as('dev-cadre').activity.approveHours({ items: [decl(d)] }))
    const res = await cloud.as('dev-cadre').activity.approveHours({ items: [att(p)] })
    expect(errCode(res)).toBe('HOURS.DAY_FULL')
    expect(cloud.emulator.store.get('participations', p._id)).toMatchObject({ review: 'pending' })
  })

  it('approves exactly what fits when a day’s records are approved together', async () => {
    const day = '2026-11-17'
    const ds = [0, 1, 2].map((i) => putDeclaration(cloud, `dc_together_${i}`, 'dev-youth', { date: day, minutes: 600 }))
    const { results } = ok(await cloud.as('dev-cadre').activity.approveHours({ items: ds.map(decl) }))
    expect(results.map((r) => r.code)).toEqual([null, null, 'HOURS.DAY_FULL'])
  })
})

describe('a declaration goes to the youth’s own org chain', () => {
  it.each([
    ['their branch', 'yc-rc-b1'],
    ['their township', 'yc-rc'],
    ['their county', 'yc'],
  ])('is accepted for %s', async (_l, orgId) => {
    const { declarationId } = ok(await cloud.as('dev-youth').activity.declareHours(declaration({ orgId, date: '2026-11-14', minutes: 60 })))
    expect(cloud.emulator.store.get('declarations', declarationId)).toMatchObject({ orgId })
  })

  it.each([
    ['a sibling branch', 'yc-rc-b2'],
    ['another township', 'yc-fc'],
    ['another county', 'yuci'],
  ])('is refused for %s, and nothing is written', async (_l, orgId) => {
    const before = cloud.docs('declarations').length
    const res = await cloud.as('dev-youth').activity.declareHours(declaration({ orgId, date: '2026-11-15', minutes: 60 }))
    expect(errCode(res)).toBe('HOURS.ORG_NOT_OWN')
    expect(res.ok ? null : res.error.message).toMatch(/所在的团组织或它的上级/)
    expect(cloud.docs('declarations')).toHaveLength(before)
  })

  it('leaves a township cadre elsewhere without it in their queue', async () => {
    const d = putDeclaration(cloud, 'dc_own_chain', 'dev-youth', { orgId: 'yc-rc-b1', date: '2026-11-16', minutes: 60 })
    expect(errCode(await cloud.as('dev-yuci-admin').activity.approveHours({ items: [decl(d)] }))).toBe('AUTH.FORBIDDEN')
  })
})
