import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { putVenue } from '../../fixtures/mall'
import { FULL_PHONE } from '../../fixtures/people'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { donorInput, makeDonor, makeGoods, picture } from './goods.inputs'

/**
 * Donors (爱心企业) as cadres keep them: a public name, logo and thank-you story (content-checked),
 * and a contact person and phone kept private — the phone sealed at rest, both masked in every answer
 * (docs/domain.md invariant 9; docs/bad-inputs.md §25).
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
})
afterAll(() => cloud.close())

const stored = (id: string) => cloud.emulator.store.get(COLLECTIONS.donors, id) as Record<string, any>
const audits = (id: string) => cloud.docs(COLLECTIONS.auditLogs, { action: 'points.saveDonor', 'target.id': id })
const state = () => snapshot(cloud, [COLLECTIONS.donors, COLLECTIONS.auditLogs])

describe('saveDonor', () => {
  it('keeps the phone sealed and answers the contact masked; one audit entry', async () => {
    const d = await makeDonor(cloud, { contactName: '张三明', contactPhone: '13912345678', logo: picture(cloud, 'dev-cadre', 'logo-pic') })
    expect(d).toMatchObject({ name: '阳城县爱心粮油有限公司', orgId: 'yc-rc', orgName: '润城镇团委', contactName: '张*明', contactPhoneMasked: '139****5678', logoCheck: 'pass', goodsCount: 0 })
    expect(d.logo).toMatch(/logo-pic-\d{4}\.jpg\?expires=/)
    const doc = stored(d.id)
    expect(doc).toMatchObject({ underOrgs: ['yc', 'yc-rc'], contactName: '张三明', contactPhoneMasked: '139****5678', createdBy: 'dev-cadre' })
    expect(cloud.secrets.decrypt(doc.contactPhoneEnc)).toBe('13912345678')
    // The number is nowhere in the store in the clear, nor in the answer, nor in the log.
    expect(JSON.stringify(cloud.docs(COLLECTIONS.donors))).not.toMatch(FULL_PHONE)
    expect(JSON.stringify(cloud.docs(COLLECTIONS.auditLogs))).not.toMatch(FULL_PHONE)
    expect(JSON.stringify(d)).not.toMatch(FULL_PHONE)
    expect(JSON.stringify(cloud.logs)).not.toMatch(FULL_PHONE)
    expect(audits(d.id)).toEqual([expect.objectContaining({ actor: 'dev-cadre', target: { type: 'donor', id: d.id }, orgId: 'yc-rc', detail: { name: '阳城县爱心粮油有限公司' } })])
  })

  it('answers a retry with the first donor, once; the same key with another payload is refused (§15, §27)', async () => {
    const input = donorInput()
    const answers = await Promise.all(Array.from({ length: 10 }, () => cloud.as('dev-cadre').points.saveDonor(input)))
    const id = ok(answers[0]).donor.id
    for (const a of answers) expect(ok(a).donor.id).toBe(id)
    expect(audits(id)).toHaveLength(1)
    expect(errCode(await cloud.as('dev-cadre').points.saveDonor({ ...input, contactPhone: '13912340000' }))).toBe('GENERIC.DUPLICATE_REQUEST')
  })

  it('edits name, story, logo and contact; leaving the contact out keeps it; the org stays', async () => {
    const d = await makeDonor(cloud)
    const edit = { donorId: d.id, requestId: randomUUID(), orgId: 'yc-rc', name: '阳城县爱心粮油集团', story: '第二年继续捐赠。' }
    const saved = ok(await cloud.as('dev-cadre').points.saveDonor(edit)).donor
    expect(saved).toMatchObject({ name: '阳城县爱心粮油集团', story: '第二年继续捐赠。', contactName: '张*明', contactPhoneMasked: '139****5678' })
    const renamed = ok(await cloud.as('dev-cadre').points.saveDonor({ ...edit, requestId: randomUUID(), contactName: '王五', contactPhone: '13600001111' })).donor
    expect(renamed).toMatchObject({ contactName: '王*', contactPhoneMasked: '136****1111' })
    expect(cloud.secrets.decrypt(stored(d.id).contactPhoneEnc)).toBe('13600001111')
    expect(audits(d.id).map((e) => e.detail)).toEqual([{ name: '阳城县爱心粮油有限公司' }, { fields: ['name', 'story'] }, { fields: ['contactName', 'contactPhoneMasked'] }])
    // A retried edit is applied once; its key with other changes is refused.
    ok(await cloud.as('dev-cadre').points.saveDonor(edit))
    expect(audits(d.id)).toHaveLength(4)
    const key = randomUUID()
    ok(await cloud.as('dev-cadre').points.saveDonor({ ...edit, requestId: key, story: '第三年。' }))
    ok(await cloud.as('dev-cadre').points.saveDonor({ ...edit, requestId: key, story: '第三年。' }))
    expect(audits(d.id)).toHaveLength(5)
    expect(errCode(await cloud.as('dev-cadre').points.saveDonor({ ...edit, requestId: key, story: '第四年。' }))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(errCode(await cloud.as('dev-cadre').points.saveDonor({ ...edit, requestId: randomUUID(), orgId: 'yc-rc-b1' }))).toBe('DONOR.ORG_FIXED')
  })

  it('checks the story and the logo like any published text and picture (§23, §24)', async () => {
    const before = state()
    const cases: [Record<string, unknown>, string][] = [
      [{ story: '欢迎参与赌博活动' }, 'GENERIC.CONTENT_RISKY'],
      [{ name: '诈骗有限公司' }, 'GENERIC.CONTENT_RISKY'],
      [{ logo: picture(cloud, 'dev-cadre', 'risky-logo') }, 'GENERIC.CONTENT_RISKY'],
      [{ logo: picture(cloud, 'dev-youth', 'youth-logo') }, 'FILE.NOT_OWN'],
      [{ logo: picture(cloud).replace(/goods-pic-\d{4}/, 'never-sent') }, 'FILE.NOT_FOUND'],
      [{ logo: 'https://evil.example.com/logo.png' }, 'GENERIC.BAD_INPUT'],
    ]
    for (const [over, code] of cases) expect([over, errCode(await cloud.as('dev-cadre').points.saveDonor(donorInput(over)))]).toEqual([over, code])
    expect(state()).toBe(before)
  })

  it('refuses bad text, phones and fields it does not take (§3, §8, §9)', async () => {
    const before = state()
    const cases: Record<string, unknown>[] = [
      { name: '' },
      { name: '爱' },
      { name: '爱心\u0000企业' },
      { name: '爱心\n企业' },
      { name: '爱'.repeat(41) },
      { story: '' },
      { story: '故事\u202e' },
      { story: '故'.repeat(501) },
      { contactName: '张\u0007三' },
      { contactPhone: '12345678901' },
      { contactPhone: '1391234567' },
      { contactPhone: 13912345678 },
      { contactPhone: '+8613912345678' },
      { contactName: undefined },
      { contactPhone: undefined },
      { contactPhoneEnc: 'v1.x.y.z' },
      { contactPhoneMasked: '139****0000' },
      { underOrgs: ['yuci'] },
      { createdBy: 'dev-admin' },
      { openid: 'dev-admin' },
      { orgId: { $ne: null } },
      { requestId: 'again' },
    ]
    for (const over of cases) {
      const payload: Record<string, unknown> = { ...donorInput(), ...over }
      for (const [k, v] of Object.entries(over)) if (v === undefined) delete payload[k]
      expect([over, errCode(await cloud.raw('points', { action: 'saveDonor', payload }, 'dev-cadre'))]).toEqual([over, 'GENERIC.BAD_INPUT'])
    }
    expect(state()).toBe(before)
  })

  it('is made and changed only by managers whose org covers the donor’s org (§10, §11, §13)', async () => {
    const d = await makeDonor(cloud)
    const before = state()
    for (const [who, orgId] of [['dev-youth', 'yc-rc'], ['dev-cadre', 'yc-fc'], ['dev-cadre', 'yc'], ['dev-yuci-admin', 'yc-rc'], ['dev-rep', 'yuci-jl']]) {
      expect([who, orgId, errCode(await cloud.as(who).points.saveDonor(donorInput({ orgId })))]).toEqual([who, orgId, 'AUTH.FORBIDDEN'])
    }
    expect(errCode(await cloud.as('dev-yuci-admin').points.saveDonor({ donorId: d.id, requestId: randomUUID(), orgId: 'yc-rc', name: '改名', story: '改写' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-yuci-admin').points.getManagedDonor({ donorId: d.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').points.getManagedDonor({ donorId: 'd_nothing' }))).toBe('DONOR.NOT_FOUND')
    expect(state()).toBe(before)
    expect(ok(await cloud.as('dev-admin').points.getManagedDonor({ donorId: d.id })).donor.id).toBe(d.id)
  })
})

describe('listDonors', () => {
  it('lists an org subtree’s donors newest first with how many goods each gave, masked, to its managers only', async () => {
    cloud.clock.advance(60_000) // the newest of all
    const d = await makeDonor(cloud, { name: '润城镇爱心超市' })
    await makeGoods(cloud, d.id)
    await makeGoods(cloud, d.id)
    const page = ok(await cloud.as('dev-cadre').points.listDonors({ orgId: 'yc-rc', limit: 50 }))
    expect(page.items[0]).toMatchObject({ id: d.id, goodsCount: 2, contactName: '张*明' })
    expect(JSON.stringify(page)).not.toMatch(FULL_PHONE)
    expect(JSON.stringify(page)).not.toContain('contactPhoneEnc')
    const county = ok(await cloud.as('dev-admin').points.listDonors({ orgId: 'yc', limit: 50 }))
    expect(county.items.map((i) => i.id)).toEqual(expect.arrayContaining(page.items.map((i) => i.id)))
    for (const [who, orgId] of [['dev-cadre', 'yc'], ['dev-yuci-admin', 'yc'], ['dev-youth', 'yc-rc']]) {
      expect(errCode(await cloud.as(who).points.listDonors({ orgId }))).toBe('AUTH.FORBIDDEN')
    }
  })

  it('pages by cursor without repeats and clamps the limit (§5)', async () => {
    const all = ok(await cloud.as('dev-cadre').points.listDonors({ orgId: 'yc-rc', limit: 50 })).items.map((i) => i.id)
    expect(all.length).toBeGreaterThan(3)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = ok(await cloud.as('dev-cadre').points.listDonors({ orgId: 'yc-rc', limit: 2, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
    expect(ok(await cloud.as('dev-cadre').points.listDonors({ orgId: 'yc-rc', limit: 1e6 })).items.length).toBeLessThanOrEqual(50)
    expect(errCode(await cloud.raw('points', { action: 'listDonors', payload: { orgId: 'yc-rc', skip: 1e7 } }, 'dev-cadre'))).toBe('GENERIC.BAD_INPUT')
  })
})
