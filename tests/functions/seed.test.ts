import { FULL_PHONE } from '../fixtures/people'
import { testCloud, type TestCloud } from '../fixtures/test-cloud'
import { seed } from '../../local/seed'
import { PERSONAS } from '../../local/seed/personas'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 120 })
})
afterAll(() => cloud.close())

describe('seed', () => {
  it('is shaped like the newsletter: two counties, townships, working committees and branches', () => {
    const orgs = cloud.docs('orgs')
    const kinds = (k: string) => orgs.filter((o) => o.kind === k).length
    expect(orgs.filter((o) => o.kind === 'county').map((o) => o.name).sort()).toEqual(['共青团晋中市榆次区委', '共青团阳城县委'].sort())
    expect(kinds('township')).toBeGreaterThanOrEqual(10)
    expect(orgs.find((o) => o.name === '阳城县电商团工委')).toBeTruthy()
    expect(orgs.filter((o) => o.parentId === 'yc-ec')).toHaveLength(4)
    expect(kinds('branch')).toBeGreaterThan(30)
  })

  it('has a profile for every persona and varied youth, with no phone stored in the clear', () => {
    const profiles = cloud.docs('profiles')
    for (const p of PERSONAS) expect(profiles.some((x) => x.openid === p.openid)).toBe(true)
    expect(profiles.length).toBe(PERSONAS.length + 120)
    expect(new Set(profiles.map((p) => p.sector)).size).toBeGreaterThan(5)
    expect(JSON.stringify(profiles)).not.toMatch(FULL_PHONE)
  })

  it('changes nothing when run again', () => {
    const snapshot = ['orgs', 'profiles', 'roles'].map((c) => cloud.docs(c).length)
    seed(cloud.emulator.store, cloud.secrets, 120)
    expect(['orgs', 'profiles', 'roles'].map((c) => cloud.docs(c).length)).toEqual(snapshot)
  })
})
