import { randomUUID } from 'node:crypto'
import { roleIdFor } from '../../../cloudfunctions/_core/access/access.repo'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { actions } from '../../../cloudfunctions/points/actions'
import { pointsContract } from '../../../types/contract/points'
import { failing } from '../../fixtures/failing-db'
import { DONOR_SERIAL_PATTERN } from '../../../types/contract/donors'
import { putClerk, putDonor, putGoods, putVenue, putYouth } from '../../fixtures/mall'
import { FULL_PHONE } from '../../fixtures/people'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * 爱心证书 (docs/mall.md, "Donor recognition"): issued by a cadre whose scope covers the donor, with
 * the figures as they stand and a serial from the issuer's request key — one certificate and one
 * audit entry per key (docs/domain.md invariant 7; docs/bad-inputs.md §15) — and checked in public by
 * its serial, which answers exactly what was printed.
 */

let cloud: TestCloud
const DAY = 24 * 3600_000


const issue = (who: string | null, donorId: string, requestId: string = randomUUID()) => cloud.as(who).points.issueDonorCertificate({ donorId, requestId })
const verify = (serial: unknown) => cloud.as(null).points.verifyDonorCertificate({ serial })
const audits = () => cloud.docs(COLLECTIONS.auditLogs, { action: 'points.issueDonorCertificate' })
const state = () => snapshot(cloud, [COLLECTIONS.donorCertificates, COLLECTIONS.auditLogs])
const redeem = async (openid: string, quantity: number) => ok(await cloud.as(openid).points.redeem({ requestId: randomUUID(), goodsId: 'c-rice', quantity }))

beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  putDonor(cloud, 'c-rice')
  putDonor(cloud, 'c-draft', { name: '只有草稿的企业' })
  putDonor(cloud, 'c-yuci', { orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'], name: '榆次爱心超市' })
  putGoods(cloud, 'c-rice', 40, { donorId: 'c-rice', unitValue: 4500 })
  putGoods(cloud, 'c-draft', 40, { donorId: 'c-draft', status: 'draft' })
  putGoods(cloud, 'c-yuci', 10, { donorId: 'c-yuci', orgId: 'yuci-jl', underOrgs: ['yuci', 'yuci-jl'], unitValue: 100 })
  for (const y of ['a', 'b']) putYouth(cloud, `cert-${y}`, { balance: 500 })
  await redeem('cert-a', 2)
  await redeem('cert-b', 1)
  putClerk(cloud, 'cert-clerk', { _id: 'v-rc', orgId: 'yc-rc' }, true)
  // A cadre of a sibling township (凤城镇) and one of the donor's own township who is also a county cadre.
  for (const [openid, orgId] of [['fc-cadre', 'yc-fc'], ['both-cadre', 'yc-rc'], ['both-cadre', 'yc']]) {
    cloud.emulator.store.upsert(COLLECTIONS.roles, { _id: roleIdFor(openid, 'cadre', orgId), openid, userId: null, role: 'cadre', orgId, venueId: null, via: 'grant', grantedBy: 'dev-admin', grantedAt: TEST_NOW - DAY })
  }
})
afterAll(() => cloud.close())

describe('issueDonorCertificate', () => {
  it('records the figures as they stand and the issuing org, with a U-serial and one audit entry', async () => {
    const before = audits().length
    const { certificate } = ok(await issue('dev-cadre', 'c-rice'))
    expect(certificate.serial).toMatch(DONOR_SERIAL_PATTERN)
    expect(certificate).toMatchObject({
      donorName: '阳城县爱心粮油有限公司',
      orgName: '润城镇团委',
      figures: { goods: 1, givenUnits: 40, givenValue: 40 * 4500, redeemedUnits: 3, redeemedValue: 3 * 4500, volunteers: 2 },
      issuedAt: TEST_NOW,
    })
    // The same figures the public board shows.
    const card = ok(await cloud.as(null).points.donorBoard({ orgId: 'yc' })).items.find((d) => d.id === 'c-rice')
    expect(certificate.figures).toEqual(card?.figures)
    const mine = audits().slice(before)
    expect(mine).toEqual([
      expect.objectContaining({ actor: 'dev-cadre', action: 'points.issueDonorCertificate', target: { type: 'donor_certificate', id: certificate.serial }, orgId: 'yc-rc', orgPath: ['yc'] }),
    ])
    expect(cloud.emulator.store.get(COLLECTIONS.donorCertificates, certificate.serial)).toMatchObject({ donorId: 'c-rice', orgId: 'yc-rc', figures: certificate.figures })
  })

  it('is issued in the name of the highest of the caller’s orgs that cover the donor', async () => {
    expect(ok(await issue('dev-admin', 'c-rice')).certificate.orgName).toBe('共青团阳城县委')
    expect(ok(await issue('both-cadre', 'c-rice')).certificate.orgName).toBe('共青团阳城县委')
  })

  it('answers a retry — or 20 copies at once — with the one certificate and one audit entry (§15, §27)', async () => {
    const requestId = randomUUID()
    const before = audits().length
    const answers = await Promise.all(Array.from({ length: 20 }, () => issue('dev-cadre', 'c-rice', requestId)))
    const serials = new Set(answers.map((a) => ok(a).certificate.serial))
    expect(serials.size).toBe(1)
    expect(audits().length - before).toBe(1)
    // Later, after more redemptions, a retry of the same key still answers what was issued.
    cloud.clock.set(TEST_NOW + DAY)
    await redeem('cert-a', 1)
    const again = ok(await issue('dev-cadre', 'c-rice', requestId)).certificate
    expect(again).toEqual(ok(answers[0]).certificate)
    expect(audits().length - before).toBe(1)
    // A new key prints the new figures on a new certificate.
    const fresh = ok(await issue('dev-cadre', 'c-rice')).certificate
    expect(fresh.serial).not.toBe(again.serial)
    expect(fresh).toMatchObject({ issuedAt: TEST_NOW + DAY, figures: { redeemedUnits: again.figures.redeemedUnits + 1 } })
    cloud.clock.set(TEST_NOW)
  })

  it('answers the retry of an issue whose reply was lost after the commit with that certificate, once (§27)', async () => {
    const lost = createHandler(pointsContract, actions, () => ({ ...cloud.deps(), db: failing(cloud.deps().db, (_c, op) => (op === 'commit' ? 'lost' : null)) }))
    const payload = { donorId: 'c-rice', requestId: randomUUID() }
    const before = audits().length
    const first = await lost.handle({ action: 'issueDonorCertificate', payload }, localCaller('dev-cadre'))
    expect(first.ok).toBe(false)
    expect(audits().length - before).toBe(1) // it did commit
    await redeem('cert-b', 1) // the figures move on before the retry
    const retry = ok(await issue('dev-cadre', 'c-rice', payload.requestId)).certificate
    expect(retry.serial).toBe(audits()[audits().length - 1].target.id)
    expect(retry.figures.redeemedUnits).toBe(ok(await cloud.as(null).points.donorBoard({ orgId: 'yc' })).items.find((d) => d.id === 'c-rice')!.figures.redeemedUnits - 1)
    expect(audits().length - before).toBe(1)
  })

  it('refuses the same key naming another donor, leaving no trace', async () => {
    const requestId = randomUUID()
    ok(await issue('dev-admin', 'c-rice', requestId))
    const before = state()
    putDonor(cloud, 'c-rice-2', { name: '另一家' })
    putGoods(cloud, 'c-rice-2', 5, { donorId: 'c-rice-2' })
    expect(errCode(await issue('dev-admin', 'c-rice-2', requestId))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(state()).toBe(before)
  })

  it('refuses anyone whose scope does not cover the donor, leaving no trace (§10, §11)', async () => {
    const before = state()
    expect(errCode(await issue('cert-a', 'c-rice'))).toBe('AUTH.FORBIDDEN') // a youth
    expect(errCode(await issue('cert-clerk', 'c-rice'))).toBe('AUTH.FORBIDDEN') // a clerk over the org
    expect(errCode(await issue('fc-cadre', 'c-rice'))).toBe('AUTH.FORBIDDEN') // a sibling township
    expect(errCode(await issue('dev-cadre', 'c-yuci'))).toBe('AUTH.FORBIDDEN') // another county
    expect(errCode(await issue('dev-yuci-admin', 'c-rice'))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await issue(null, 'c-rice'))).toBe('AUTH.UNAUTHENTICATED')
    expect(state()).toBe(before)
  })

  it('refuses a donor with nothing ever on sale, an unknown donor and bad input, leaving no trace (§1–§3, §9)', async () => {
    const before = state()
    expect(errCode(await issue('dev-cadre', 'c-draft'))).toBe('DONOR.NOTHING_GIVEN')
    expect(errCode(await issue('dev-cadre', 'nobody'))).toBe('DONOR.NOT_FOUND')
    const p = cloud.as('dev-cadre').points
    expect(errCode(await p.issueDonorCertificate({ donorId: 'c-rice', requestId: 'again' }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await p.issueDonorCertificate({ donorId: { $ne: null }, requestId: randomUUID() }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await p.issueDonorCertificate({ donorId: 'c-rice', requestId: randomUUID(), figures: { givenValue: 1e9 } }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await p.issueDonorCertificate({ donorId: 'c-rice', requestId: randomUUID(), orgId: 'yc' }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await p.issueDonorCertificate({ donorId: 'c-rice', requestId: randomUUID(), openid: 'dev-admin' }))).toBe('GENERIC.BAD_INPUT')
    expect(state()).toBe(before)
  })
})

describe('verifyDonorCertificate', () => {
  it('is public and answers what was printed, even after the donor and the figures moved on', async () => {
    const { certificate } = ok(await issue('dev-cadre', 'c-rice'))
    cloud.emulator.store.upsert(COLLECTIONS.donors, { ...(cloud.emulator.store.get(COLLECTIONS.donors, 'c-rice') as object), name: '阳城县爱心粮油集团' })
    await redeem('cert-b', 2)
    const checked = ok(await verify(certificate.serial))
    expect(checked).toEqual({ valid: true, ...certificate })
    expect(JSON.stringify(checked)).not.toMatch(/张三明|139\*\*\*\*5678|sealed/)
    expect(JSON.stringify(checked)).not.toMatch(FULL_PHONE)
    expect(ok(await verify(` ${certificate.serial} `)).serial).toBe(certificate.serial)
  })

  it('refuses a serial nobody issued, and anything not shaped like a donor serial', async () => {
    expect(errCode(await verify('U000-0000-0000'))).toBe('CERT.NOT_FOUND')
    // A volunteer certificate's serial is checked by verifyCertificate, never here.
    expect(errCode(await verify('AB12-CD34-EF56'))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await verify('u000-0000-0000'))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await verify({ $ne: null }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await verify('U'.repeat(100000)))).toBe('GENERIC.BAD_INPUT')
  })
})
