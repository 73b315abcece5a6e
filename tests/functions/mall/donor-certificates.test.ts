import { randomUUID } from 'node:crypto'
import { roleIdFor } from '../../../cloudfunctions/_core/access/access.repo'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import type { CheckedDonorCertificateT } from '../../../types/contract/donors'
import { ERRORS } from '../../../types/errors'
import { putClerk, putDonor, putGoods, putVenue, putYouth } from '../../fixtures/mall'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * The cadre's list of a donor's 爱心证书 (donorCertificates): for whoever may issue one — a cadre or
 * admin whose scope covers the donor's org — newest first, paged by cursor, each as printed and valid.
 */
let cloud: TestCloud
const DAY = 24 * 3600_000


const list = (who: string | null, donorId: string, more: Record<string, unknown> = {}) => cloud.as(who).points.donorCertificates({ donorId, ...more })
const issue = async (who: string, donorId: string) => ok(await cloud.as(who).points.issueDonorCertificate({ donorId, requestId: randomUUID() })).certificate

/** Every page of the list, following cursors. */
async function allPages(who: string, donorId: string, limit: number): Promise<CheckedDonorCertificateT[]> {
  const seen: CheckedDonorCertificateT[] = []
  let cursor: string | undefined
  for (let round = 0; round < 20; round++) {
    const page = ok(await list(who, donorId, { limit, ...(cursor ? { cursor } : {}) }))
    expect(page.items.length).toBeLessThanOrEqual(limit)
    seen.push(...page.items)
    if (!page.nextCursor) return seen
    cursor = page.nextCursor
  }
  throw new Error('the list never ended')
}

/** Serials in the order issued: [oldest … newest]; the last two at the same moment. */
const issued: string[] = []

beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  putDonor(cloud, 'dc-rice')
  putDonor(cloud, 'dc-oil', { name: '润城镇爱心油坊' })
  putDonor(cloud, 'dc-yuci', { orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'], name: '榆次爱心超市' })
  putGoods(cloud, 'dc-rice', 40, { donorId: 'dc-rice', unitValue: 4500 })
  putGoods(cloud, 'dc-oil', 10, { donorId: 'dc-oil', unitValue: 6000 })
  putGoods(cloud, 'dc-yuci', 10, { donorId: 'dc-yuci', orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'], unitValue: 100 })
  putYouth(cloud, 'dc-youth', { balance: 500 })
  putClerk(cloud, 'dc-clerk', { _id: 'v-rc', orgId: 'yc-rc' }, true)
  // A cadre of the sibling township 凤城镇: inside the county, outside the donor's township.
  cloud.emulator.store.upsert(COLLECTIONS.roles, { _id: roleIdFor('dc-fc-cadre', 'cadre', 'yc-fc'), openid: 'dc-fc-cadre', userId: null, role: 'cadre', orgId: 'yc-fc', venueId: null, via: 'grant', grantedBy: 'dev-admin', grantedAt: TEST_NOW - DAY })

  // Five certificates over four days, by the township cadre and the county admin; one for another donor.
  for (const [day, who] of [[4, 'dev-cadre'], [3, 'dev-admin'], [2, 'dev-cadre'], [1, 'dev-cadre'], [1, 'dev-admin']] as const) {
    cloud.clock.set(TEST_NOW - day * DAY)
    issued.push((await issue(who, 'dc-rice')).serial)
  }
  await issue('dev-cadre', 'dc-oil')
  cloud.clock.set(TEST_NOW)
  // Orders after the certificates: the figures move on, the certificates keep theirs.
  ok(await cloud.as('dc-youth').points.redeem({ requestId: randomUUID(), goodsId: 'dc-rice', quantity: 3 }))
})
afterAll(() => cloud.close())

describe('donorCertificates', () => {
  it('lists the donor’s certificates newest first, each as printed and valid', async () => {
    const { items, nextCursor } = ok(await list('dev-cadre', 'dc-rice'))
    expect(nextCursor).toBeNull()
    expect(items).toHaveLength(5)
    // Newest first; the two issued at the same moment by serial (the list's stable tie-break).
    const sameMoment = issued.slice(3).sort().reverse()
    expect(items.map((c) => c.serial)).toEqual([...sameMoment, issued[2], issued[1], issued[0]])
    expect(items.map((c) => c.issuedAt)).toEqual([1, 1, 2, 3, 4].map((d) => TEST_NOW - d * DAY))
    const printed = { goods: 1, givenUnits: 40, givenValue: 40 * 4500, redeemedUnits: 0, redeemedValue: 0, volunteers: 0 }
    for (const c of items) expect(c).toMatchObject({ valid: true, donorName: '阳城县爱心粮油有限公司', figures: printed })
    // The issuing org as printed: the county admin issues in the county's name.
    expect(items.find((c) => c.serial === issued[1])!.orgName).toBe('共青团阳城县委')
    expect(items.find((c) => c.serial === issued[0])!.orgName).toBe('润城镇团委')
    // Exactly what the public check answers for the same serial.
    expect(ok(await cloud.as(null).points.verifyDonorCertificate({ serial: items[0].serial }))).toEqual(items[0])
    expect(JSON.stringify(items)).not.toMatch(/张三明|139\*\*\*\*5678|sealed/)
  })

  it('lists only that donor’s certificates', async () => {
    const oil = ok(await list('dev-cadre', 'dc-oil')).items
    expect(oil).toHaveLength(1)
    expect(oil[0].donorName).toBe('润城镇爱心油坊')
    expect(oil.map((c) => c.serial)).not.toContain(issued[0])
  })

  it('pages by cursor without repeats or gaps, in the same order', async () => {
    const whole = ok(await list('dev-admin', 'dc-rice')).items.map((c) => c.serial)
    for (const limit of [1, 2, 3]) expect((await allPages('dev-admin', 'dc-rice', limit)).map((c) => c.serial)).toEqual(whole)
    // A page boundary between the two issued at the same moment splits them, never repeats one.
    const first = ok(await list('dev-cadre', 'dc-rice', { limit: 1 }))
    const second = ok(await list('dev-cadre', 'dc-rice', { limit: 1, cursor: first.nextCursor! }))
    expect([...first.items, ...second.items].map((c) => c.serial)).toEqual(whole.slice(0, 2))
  })

  it('is for cadres and admins whose scope covers the donor’s org: others are refused with the reason', async () => {
    const refusals = await Promise.all([
      list('dev-yuci-admin', 'dc-rice'), // another county's admin
      list('dc-fc-cadre', 'dc-rice'), // a sibling township's cadre
      list('dev-cadre', 'dc-yuci'), // a cadre asking about another county's donor
      list('dev-youth', 'dc-rice'),
      list('dc-youth', 'dc-rice'),
      list('dc-clerk', 'dc-rice'), // a clerk of the donor's own township
    ])
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: ERRORS['AUTH.FORBIDDEN'] } })
    expect(await list(null, 'dc-rice')).toMatchObject({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED', message: ERRORS['AUTH.UNAUTHENTICATED'] } })
    // Their own county's admin sees them.
    expect(ok(await list('dev-yuci-admin', 'dc-yuci')).items).toEqual([])
  })

  it('refuses an unknown donor, bad ids, bad cursors and unknown fields', async () => {
    expect(await list('dev-cadre', 'dc-nobody')).toMatchObject({ ok: false, error: { code: 'DONOR.NOT_FOUND', message: ERRORS['DONOR.NOT_FOUND'] } })
    expect(errCode(await list('dev-cadre', 'dc-rice', { cursor: 'not-a-cursor' }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-cadre').points.donorCertificates({ donorId: { $ne: null } }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-cadre').points.donorCertificates({}))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await list('dev-cadre', 'dc-rice', { skip: 2 }))).toBe('GENERIC.BAD_INPUT')
    expect(ok(await list('dev-cadre', 'dc-rice', { limit: 1e6 })).items).toHaveLength(5)
  })

  it('reads a page by the declared (donorId, issuedAt) index', () => {
    expect(cloud.emulator.store.explain(COLLECTIONS.donorCertificates, { donorId: 'dc-rice' }).plan).toMatch(/^index:donorId_1_issuedAt_-1/)
  })
})
