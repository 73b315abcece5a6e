import { FULL_PHONE, idNumber, registration } from '../../fixtures/people'
import { errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const profiles = (openid: string) => cloud.docs('profiles', { openid })

describe('register', () => {
  it('stores a profile whose phone is only ever shown masked and never stored in the clear', async () => {
    const res = ok(await cloud.as('new-1').user.register(registration()))
    expect(res.profile).toMatchObject({ realName: '陈青青', phoneMasked: '138****5678', orgName: '下庄村团支部', townshipId: 'yc-rc', townshipName: '润城镇团委', age: 26 })
    const [doc] = profiles('new-1')
    expect(JSON.stringify(doc)).not.toMatch(FULL_PHONE)
    expect(cloud.secrets.decrypt(doc.phoneEnc)).toBe('13812345678')
    expect(doc.privacyVersion).toBe(registration().privacyVersion)
    expect(doc.privacyAcceptedAt).toBe(cloud.clock.now())
  })

  it('answers me with the profile and the accepted privacy version', async () => {
    const me = ok(await cloud.as('new-1').user.me({}))
    expect(me.profile?.userId).toMatch(/^u_/)
    expect(me.privacy.accepted).toBe(me.privacy.current)
    const stranger = ok(await cloud.as('never-seen').user.me({}))
    expect(stranger).toEqual({ profile: null, roles: [], privacy: { current: me.privacy.current, accepted: null } })
  })

  it('registers once: a second call and a burst of concurrent calls make no second profile', async () => {
    expect(errCode(await cloud.as('new-1').user.register(registration()))).toBe('USER.ALREADY_REGISTERED')
    const results = await Promise.all(Array.from({ length: 10 }, () => cloud.as('burst').user.register(registration())))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => errCode(r) === 'USER.ALREADY_REGISTERED')).toHaveLength(9)
    expect(profiles('burst')).toHaveLength(1)
  })

  it('refuses an outdated privacy-guide version and stores nothing', async () => {
    expect(errCode(await cloud.as('old-privacy').user.register(registration({ privacyVersion: '2020-01-01' })))).toBe('USER.PRIVACY_NOT_ACCEPTED')
    expect(profiles('old-privacy')).toHaveLength(0)
  })

  it('keeps nothing about a child under 14 without a guardian’s consent', async () => {
    const res = await cloud.as('child').user.register(registration({ birthDate: '2014-01-01' }))
    expect(errCode(res)).toBe('USER.GUARDIAN_CONSENT_REQUIRED')
    expect(profiles('child')).toHaveLength(0)
    expect(cloud.docs('audit_logs', { actor: 'child' })).toHaveLength(0)
  })

  it('registers a child with a guardian’s consent, keeping the guardian’s phone masked', async () => {
    const guardian = { name: '陈大山', relation: 'father', phone: '13912340000', agreed: true } as const
    const res = ok(await cloud.as('child').user.register(registration({ birthDate: '2014-01-01', guardian })))
    expect(res.profile.guardianName).toBe('陈大山')
    expect(JSON.stringify(profiles('child')[0])).not.toMatch(FULL_PHONE)
    expect(profiles('child')[0].guardian.phoneMasked).toBe('139****0000')
  })

  it('refuses a guardian section that is not agreed to', async () => {
    const guardian = { name: '陈大山', relation: 'father', phone: '13912340000', agreed: false }
    expect(errCode(await cloud.as('child-2').user.register(registration({ birthDate: '2014-01-01', guardian } as never)))).toBe('GENERIC.BAD_INPUT')
  })

  it.each([
    ['a 3-year-old', '2023-06-01'],
    ['a 126-year-old', '1900-01-01'],
  ])('refuses a birth date that makes the person %s', async (_label, birthDate) => {
    expect(errCode(await cloud.as('odd-age').user.register(registration({ birthDate })))).toBe('USER.AGE_OUT_OF_RANGE')
    expect(profiles('odd-age')).toHaveLength(0)
  })

  it('checks an ID number’s checksum and that it agrees with birth date and sex, then shows it masked', async () => {
    const good = idNumber('2000-06-15', 'female')
    const badChecksum = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
    expect(errCode(await cloud.as('id-1').user.register(registration({ idNumber: badChecksum })))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('id-1').user.register(registration({ idNumber: idNumber('1999-06-15', 'female') })))).toBe('USER.ID_MISMATCH')
    expect(errCode(await cloud.as('id-1').user.register(registration({ idNumber: idNumber('2000-06-15', 'male') })))).toBe('USER.ID_MISMATCH')
    const res = ok(await cloud.as('id-1').user.register(registration({ idNumber: good })))
    expect(res.profile.idMasked).toBe(`${good.slice(0, 4)}**********${good.slice(-4)}`)
    expect(JSON.stringify(profiles('id-1')[0])).not.toContain(good)
  })

  it.each([
    ['a phone with ten digits', { phone: '1381234567' }],
    ['a landline', { phone: '03565551234' }],
    ['a name that is blank after trimming', { realName: '   ' }],
    ['a name with control characters', { realName: '陈\u0000青' }],
    ['a name with a line break', { realName: '陈\n青' }],
    ['a skill over 20 characters', { skills: ['很'.repeat(21)] }],
    ['eleven skills', { skills: Array.from({ length: 11 }, (_, i) => `特长${i}`) }],
    ['an unknown sector', { sector: 'astronaut' }],
    ['an impossible date', { birthDate: '2001-02-30' }],
    ['an org id with a slash', { orgId: '../orgs' }],
    ['an operator object for the org', { orgId: { $ne: null } }],
    ['a mass-assigned role', { role: 'admin' }],
    ['an openid naming someone else', { openid: 'dev-admin' }],
  ])('refuses %s and stores nothing', async (_label, patch) => {
    const res = await cloud.as('bad-form').user.register(registration(patch as never))
    expect(errCode(res)).toBe('GENERIC.BAD_INPUT')
    expect(res.ok ? null : res.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(profiles('bad-form')).toHaveLength(0)
  })

  it('refuses an org that does not exist', async () => {
    expect(errCode(await cloud.as('no-org').user.register(registration({ orgId: 'nowhere' })))).toBe('ORG.NOT_FOUND')
  })

  it('does not publish risky text (content check says risky)', async () => {
    expect(errCode(await cloud.as('risky').user.register(registration({ interests: ['网络赌博'] })))).toBe('GENERIC.CONTENT_RISKY')
    expect(profiles('risky')).toHaveLength(0)
  })

  it('needs a WeChat identity', async () => {
    expect(errCode(await cloud.as(null).user.register(registration()))).toBe('AUTH.UNAUTHENTICATED')
    expect(errCode(await cloud.as(null).user.me({}))).toBe('AUTH.UNAUTHENTICATED')
  })
})

describe('updateProfile', () => {
  beforeAll(async () => {
    ok(await cloud.as('editor').user.register(registration({ phone: '13700001111' })))
  })

  it('changes only the fields sent, and elder mode persists', async () => {
    const before = profiles('editor')[0]
    cloud.clock.advance(60_000)
    const res = ok(await cloud.as('editor').user.updateProfile({ elderMode: true, skills: ['电工'] }))
    expect(res.profile).toMatchObject({ elderMode: true, skills: ['电工'], realName: before.realName, phoneMasked: '137****1111' })
    const after = profiles('editor')[0]
    expect(after.interests).toEqual(before.interests)
    expect(after.updatedAt).toBe(before.updatedAt + 60_000)
    expect(ok(await cloud.as('editor').user.me({})).profile?.elderMode).toBe(true)
  })

  it('re-seals a new phone number', async () => {
    ok(await cloud.as('editor').user.updateProfile({ phone: '15011112222' }))
    const doc = profiles('editor')[0]
    expect(doc.phoneMasked).toBe('150****2222')
    expect(JSON.stringify(doc)).not.toMatch(FULL_PHONE)
  })

  it.each(['role', 'orgPath', 'balance', 'verified', '_openid', 'stars', 'openid', 'phoneHash', '_id'])(
    'refuses the mass-assigned field %s and changes nothing',
    async (field) => {
      const before = profiles('editor')[0]
      const res = await cloud.as('editor').user.updateProfile({ realName: '改名', [field]: 'x' } as never)
      expect(errCode(res)).toBe('GENERIC.BAD_INPUT')
      expect(profiles('editor')[0]).toEqual(before)
    },
  )

  it('refuses an empty update and an update before registering', async () => {
    expect(errCode(await cloud.as('editor').user.updateProfile({}))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('nobody').user.updateProfile({ elderMode: true }))).toBe('USER.NOT_REGISTERED')
  })

  it('refuses a birth date that would make an adult a child without a guardian', async () => {
    expect(errCode(await cloud.as('editor').user.updateProfile({ birthDate: '2015-03-03' }))).toBe('USER.GUARDIAN_CONSENT_REQUIRED')
    expect(profiles('editor')[0].birthDate).toBe('2000-06-15')
  })
})

describe('acceptPrivacy', () => {
  it('records a newer acceptance for a registered youth, and only the current version', async () => {
    ok(await cloud.as('privacy-1').user.register(registration()))
    cloud.emulator.store.upsert('profiles', { ...profiles('privacy-1')[0], privacyVersion: '2025-01-01' })
    expect(ok(await cloud.as('privacy-1').user.me({})).privacy.accepted).toBe('2025-01-01')
    expect(errCode(await cloud.as('privacy-1').user.acceptPrivacy({ privacyVersion: '2025-06-01' }))).toBe('USER.PRIVACY_NOT_ACCEPTED')
    cloud.clock.advance(1000)
    const res = ok(await cloud.as('privacy-1').user.acceptPrivacy({ privacyVersion: registration().privacyVersion }))
    expect(res.privacy.accepted).toBe(res.privacy.current)
    expect(profiles('privacy-1')[0].privacyAcceptedAt).toBe(cloud.clock.now())
    expect(errCode(await cloud.as('stranger').user.acceptPrivacy({ privacyVersion: registration().privacyVersion }))).toBe('USER.NOT_REGISTERED')
  })
})
