import { randomUUID } from 'node:crypto'
import { rolesOf } from '../../../cloudfunctions/_core/access/access.repo'
import type { RoleDoc } from '../../../cloudfunctions/_core/access/access.rules'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { ReadCapExceeded } from '../../../cloudfunctions/_core/runtime/db'
import { PICKUP_VENUES_CAP, canVerifyPickupAt, getVenue, getVenues, pickupVenuesOf, type VenueDoc } from '../../../cloudfunctions/_core/venue'
import { registration } from '../../fixtures/people'
import { ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Who may verify a pickup where (cloudfunctions/_core/venue): a clerk at their own venue, or a clerk,
 * cadre or admin whose org subtree holds the venue — never a clerk of another venue, another org or
 * another county (docs/bad-inputs.md §10, §11, §22). Roles are made by the real grants and read back
 * through the SDK.
 */

let cloud: TestCloud
const v: Record<string, VenueDoc> = {}

const save = async (who: string, orgId: string, name: string, kind = 'pickup') => {
  const { venue } = ok(
    await cloud.as(who).points.saveVenue({ requestId: randomUUID(), orgId, name, address: `${name}旁`, lat: 35.48, lng: 112.4, hours: '每天 9:00–17:00', kind }),
  )
  return (await getVenue(cloud.deps().db, venue.id))!
}

const grant = async (openid: string, role: 'clerk' | 'representative' | 'cadre', orgId: string, venueId?: string) =>
  ok(await cloud.as('dev-admin').user.grantRole({ userId: userIdFor(cloud.secrets, openid), role, orgId, venueId }))

const roles = (openid: string): Promise<RoleDoc[]> => rolesOf(cloud.deps().db, openid)
const names = (venues: VenueDoc[]) => venues.map((x) => x.name).sort()

beforeAll(async () => {
  cloud = await testCloud({ youth: 0 })
  v.b1 = await save('dev-cadre', 'yc-rc-b1', '上庄村兑换点')
  v.b1b = await save('dev-cadre', 'yc-rc-b1', '上庄村第二兑换点')
  v.rc = await save('dev-cadre', 'yc-rc', '润城镇兑换点')
  v.rcStation = await save('dev-cadre', 'yc-rc', '润城镇联络站', 'station')
  v.rcClosed = await save('dev-cadre', 'yc-rc', '润城镇旧兑换点')
  ok(await cloud.as('dev-cadre').points.setVenueStatus({ venueId: v.rcClosed._id, status: 'closed' }))
  v.fc = await save('dev-admin', 'yc-fc', '凤城镇兑换点')
  v.yuci = await save('dev-yuci-admin', 'yuci', '榆次区兑换点')
  for (const p of ['venue-clerk', 'org-clerk', 'rep', 'two-venues']) ok(await cloud.as(p).user.register(registration({ realName: '核销员' })))
  await grant('venue-clerk', 'clerk', 'yc-rc', v.b1._id)
  await grant('org-clerk', 'clerk', 'yc-rc')
  await grant('rep', 'representative', 'yc-rc', v.rc._id)
  await grant('two-venues', 'clerk', 'yc-rc', v.b1._id)
  await grant('two-venues', 'clerk', 'yc-fc', v.fc._id)
})
afterAll(() => cloud.close())

describe('canVerifyPickupAt', () => {
  it('lets a venue clerk verify at that venue only — not at another venue of the same org, nor the org above', async () => {
    const r = await roles('venue-clerk')
    expect(r).toEqual([expect.objectContaining({ role: 'clerk', orgId: 'yc-rc-b1', venueId: v.b1._id })])
    expect(canVerifyPickupAt(r, v.b1)).toBe(true)
    expect(canVerifyPickupAt(r, v.b1b)).toBe(false)
    expect(canVerifyPickupAt(r, v.rc)).toBe(false)
    expect(canVerifyPickupAt(r, v.fc)).toBe(false)
  })

  it('lets an org clerk, cadre or admin verify anywhere in their subtree, and nowhere else', async () => {
    for (const who of ['org-clerk', 'dev-cadre']) {
      const r = await roles(who)
      expect([v.b1, v.b1b, v.rc].map((x) => canVerifyPickupAt(r, x))).toEqual([true, true, true])
      expect(canVerifyPickupAt(r, v.fc)).toBe(false)
      expect(canVerifyPickupAt(r, v.yuci)).toBe(false)
    }
    const admin = await roles('dev-admin')
    expect([v.b1, v.rc, v.fc].every((x) => canVerifyPickupAt(admin, x))).toBe(true)
    expect(canVerifyPickupAt(admin, v.yuci)).toBe(false)
    expect(canVerifyPickupAt(await roles('dev-yuci-admin'), v.b1)).toBe(false)
  })

  it('gives nothing to a representative at the venue, a youth, or nobody', async () => {
    expect(canVerifyPickupAt(await roles('rep'), v.rc)).toBe(false)
    expect(canVerifyPickupAt(await roles('dev-youth'), v.b1)).toBe(false)
    expect(canVerifyPickupAt([], v.b1)).toBe(false)
  })

  it('treats a role without venueId (made before venues) as an org role', async () => {
    const old = { ...(await roles('org-clerk'))[0] }
    delete old.venueId
    expect(canVerifyPickupAt([old], v.b1)).toBe(true)
    expect(canVerifyPickupAt([{ ...old, venueId: null }], v.rc)).toBe(true)
  })
})

describe('pickupVenuesOf', () => {
  const of = async (openid: string) => names(await pickupVenuesOf(cloud.deps().db, await roles(openid)))

  it('answers a venue clerk’s own venue', async () => {
    expect(await of('venue-clerk')).toEqual(['上庄村兑换点'])
    expect(await of('two-venues')).toEqual(['上庄村兑换点', '凤城镇兑换点'].sort())
  })

  it('answers every open pickup venue under an org role, leaving out closed ones and other kinds', async () => {
    const expected = ['上庄村兑换点', '上庄村第二兑换点', '润城镇兑换点'].sort()
    expect(await of('org-clerk')).toEqual(expected)
    expect(await of('dev-cadre')).toEqual(expected)
    expect(await of('dev-admin')).toEqual([...expected, '凤城镇兑换点'].sort())
    expect(await of('dev-yuci-admin')).toEqual(['榆次区兑换点'])
  })

  it('answers nothing to a representative or a youth', async () => {
    expect(await of('rep')).toEqual([])
    expect(await of('dev-youth')).toEqual([])
  })

  it('leaves out a venue clerk’s venue once it is closed', async () => {
    ok(await cloud.as('dev-cadre').points.setVenueStatus({ venueId: v.b1._id, status: 'closed' }))
    expect(await of('venue-clerk')).toEqual([])
    ok(await cloud.as('dev-cadre').points.setVenueStatus({ venueId: v.b1._id, status: 'open' }))
    expect(await of('venue-clerk')).toEqual(['上庄村兑换点'])
  })

  it(`fails loudly past ${PICKUP_VENUES_CAP} venues instead of leaving some out`, async () => {
    const base = v.b1
    const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ ...base, _id: `${prefix}${String(i).padStart(4, '0')}`, name: `${prefix}${i}`, orgId: 'yc-bl', underOrgs: ['yc', 'yc-bl'] }))
    cloud.emulator.store.insertMany('venues', many(PICKUP_VENUES_CAP - 4, 'vbl'))
    // 凤城镇 (1) + 润城镇's 3 + 北留镇's 496 = exactly the cap: still answered in full.
    expect(await pickupVenuesOf(cloud.deps().db, await roles('dev-admin'))).toHaveLength(PICKUP_VENUES_CAP)
    cloud.emulator.store.insertMany('venues', many(1, 'vbm'))
    await expect(pickupVenuesOf(cloud.deps().db, await roles('dev-admin'))).rejects.toBeInstanceOf(ReadCapExceeded)
    // A clerk of one venue is not affected by how many venues the county has.
    expect(await of('venue-clerk')).toEqual(['上庄村兑换点'])
    expect((await getVenues(cloud.deps().db, [base._id])).get(base._id)?.name).toBe('上庄村兑换点')
  })
})
