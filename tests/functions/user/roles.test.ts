import { FULL_PHONE, registration } from '../../fixtures/people'
import { errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { DAY_MS } from '../../../cloudfunctions/_core/access/access.rules'

let cloud: TestCloud
let youthId: string
beforeAll(async () => {
  cloud = await testCloud({ youth: 60 })
  youthId = ok(await cloud.as('dev-youth').user.me({})).profile!.userId
})
afterAll(() => cloud.close())

const rolesOf = (openid: string) => cloud.docs('roles', { openid })

describe('grantRole / revokeRole', () => {
  it('lets an admin grant a role in scope; the grantee sees it in me; one audit entry', async () => {
    const audits = cloud.docs('audit_logs').length
    const { role } = ok(await cloud.as('dev-admin').user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc-rc' }))
    expect(role).toMatchObject({ role: 'clerk', orgId: 'yc-rc', orgName: '润城镇团委', userName: '王晓青', via: 'grant' })
    expect(ok(await cloud.as('dev-youth').user.me({})).roles.map((r) => r.role)).toEqual(['clerk'])
    expect(cloud.docs('audit_logs')).toHaveLength(audits + 1)
    expect(errCode(await cloud.as('dev-admin').user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc-rc' }))).toBe('ROLE.ALREADY_HELD')
  })

  it('lets a cadre grant roles below their own but not their own rank or above', async () => {
    ok(await cloud.as('dev-cadre').user.grantRole({ userId: youthId, role: 'representative', orgId: 'yc-rc-b1' }))
    expect(errCode(await cloud.as('dev-cadre').user.grantRole({ userId: youthId, role: 'admin', orgId: 'yc-rc' }))).toBe('ROLE.ABOVE_OWN')
    expect(errCode(await cloud.as('dev-cadre').user.grantRole({ userId: youthId, role: 'cadre', orgId: 'yc-rc-b1' }))).toBe('ROLE.ABOVE_OWN')
    expect(rolesOf('dev-youth').map((r) => r.role).sort()).toEqual(['clerk', 'representative'])
  })

  it.each([
    ['a youth', 'dev-youth', 'yc-rc'],
    ['a cadre on a sibling township', 'dev-cadre', 'yc-fc'],
    ['a cadre on the parent county', 'dev-cadre', 'yc'],
    ['an admin of another county', 'dev-yuci-admin', 'yc-rc'],
  ])('refuses %s', async (_l, who, orgId) => {
    const before = cloud.docs('roles').length
    expect(errCode(await cloud.as(who).user.grantRole({ userId: youthId, role: 'clerk', orgId }))).toBe('AUTH.FORBIDDEN')
    expect(cloud.docs('roles')).toHaveLength(before)
  })

  it('refuses granting to oneself or to someone unregistered', async () => {
    const adminId = ok(await cloud.as('dev-admin').user.me({})).profile!.userId
    expect(errCode(await cloud.as('dev-admin').user.grantRole({ userId: adminId, role: 'cadre', orgId: 'yc-rc' }))).toBe('ROLE.SELF')
    expect(errCode(await cloud.as('dev-admin').user.grantRole({ userId: 'u_nobody', role: 'cadre', orgId: 'yc-rc' }))).toBe('USER.NOT_REGISTERED')
  })

  it('revokes in scope only, never one’s own role', async () => {
    const [clerk] = rolesOf('dev-youth').filter((r) => r.role === 'clerk')
    expect(errCode(await cloud.as('dev-yuci-admin').user.revokeRole({ roleId: clerk._id }))).toBe('AUTH.FORBIDDEN')
    const [ownCadre] = rolesOf('dev-cadre')
    expect(errCode(await cloud.as('dev-cadre').user.revokeRole({ roleId: ownCadre._id }))).toBe('ROLE.SELF')
    const [ownAdmin] = rolesOf('dev-admin')
    expect(errCode(await cloud.as('dev-admin').user.revokeRole({ roleId: ownAdmin._id }))).toBe('ROLE.SELF')
    ok(await cloud.as('dev-admin').user.revokeRole({ roleId: clerk._id }))
    expect(rolesOf('dev-youth').map((r) => r.role)).toEqual(['representative'])
    expect(errCode(await cloud.as('dev-admin').user.revokeRole({ roleId: clerk._id }))).toBe('ROLE.NOT_FOUND')
  })

  it('lists roles of a subtree to its managers only', async () => {
    const page = ok(await cloud.as('dev-admin').user.listRoles({ orgId: 'yc' }))
    expect(page.items.map((r) => r.role)).toEqual(expect.arrayContaining(['admin', 'cadre', 'representative']))
    expect(page.items.every((r) => r.orgId.startsWith('yc'))).toBe(true)
    expect(errCode(await cloud.as('dev-youth').user.listRoles({ orgId: 'yc' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').user.listRoles({ orgId: 'yc' }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('invites', () => {
  // Each person with a phone of their own: one phone per account.
  const register = (openid: string) => cloud.as(openid).user.register(registration({ realName: '受邀人' }))

  it('admin issues a cadre invite; a registered user redeems it once and becomes a cadre', async () => {
    const { invite } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'cadre', orgId: 'yc-bl', expiresInDays: 7, maxUses: 2 }))
    expect(invite).toMatchObject({ role: 'cadre', orgName: '北留镇团委', uses: 0, maxUses: 2, status: 'active', expiresAt: cloud.clock.now() + 7 * DAY_MS })
    expect(invite.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)

    expect(errCode(await cloud.as('inv-1').user.redeemInvite({ code: invite.code }))).toBe('USER.NOT_REGISTERED')
    ok(await register('inv-1'))
    const spaced = `${invite.code.slice(0, 4)}-${invite.code.slice(4).toLowerCase()}`
    const { role } = ok(await cloud.as('inv-1').user.redeemInvite({ code: spaced }))
    expect(role).toMatchObject({ role: 'cadre', orgId: 'yc-bl', via: 'invite', userName: '受邀人' })
    expect(errCode(await cloud.as('inv-1').user.redeemInvite({ code: invite.code }))).toBe('INVITE.ALREADY_REDEEMED')
    expect(cloud.emulator.store.get('invites', invite.code)).toMatchObject({ uses: 1 })
    // The new cadre now manages 北留镇's youth.
    ok(await cloud.as('inv-1').user.listProfiles({ orgId: 'yc-bl' }))
  })

  it('refuses forged, expired, used-up and revoked codes', async () => {
    ok(await register('inv-2'))
    expect(errCode(await cloud.as('inv-2').user.redeemInvite({ code: 'ZZZZ9999' }))).toBe('INVITE.INVALID')
    expect(errCode(await cloud.as('inv-2').user.redeemInvite({ code: 'short' }))).toBe('GENERIC.BAD_INPUT')

    const { invite: once } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'clerk', orgId: 'yc-fc', maxUses: 1 }))
    ok(await register('inv-3'))
    ok(await cloud.as('inv-3').user.redeemInvite({ code: once.code }))
    expect(errCode(await cloud.as('inv-2').user.redeemInvite({ code: once.code }))).toBe('INVITE.USED_UP')

    const { invite: revoked } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'clerk', orgId: 'yc-fc' }))
    expect(ok(await cloud.as('dev-admin').user.revokeInvite({ code: revoked.code })).invite.status).toBe('revoked')
    expect(errCode(await cloud.as('inv-2').user.redeemInvite({ code: revoked.code }))).toBe('INVITE.REVOKED')

    const { invite: short } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'clerk', orgId: 'yc-fc', expiresInDays: 1 }))
    cloud.clock.advance(DAY_MS + 1)
    expect(errCode(await cloud.as('inv-2').user.redeemInvite({ code: short.code }))).toBe('INVITE.EXPIRED')
    expect(rolesOf('inv-2')).toHaveLength(0)
  })

  it('hands out exactly maxUses roles when many redeem at once', async () => {
    const { invite } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'representative', orgId: 'yc-qc', maxUses: 3 }))
    const people = Array.from({ length: 8 }, (_, i) => `race-${i}`)
    for (const p of people) ok(await register(p))
    const results = await Promise.all(people.map((p) => cloud.as(p).user.redeemInvite({ code: invite.code })))
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    expect(results.filter((r) => !r.ok).every((r) => ['INVITE.USED_UP', 'GENERIC.CONFLICT'].includes(errCode(r)!))).toBe(true)
    expect(cloud.emulator.store.get('invites', invite.code)).toMatchObject({ uses: 3 })
    expect(cloud.docs('roles', { orgId: 'yc-qc', role: 'representative' })).toHaveLength(3)
    expect(cloud.docs('invite_redemptions', { code: invite.code })).toHaveLength(3)
  })

  it('caps invites at the issuer’s own rank and scope', async () => {
    expect(errCode(await cloud.as('dev-cadre').user.createInvite({ role: 'admin', orgId: 'yc-rc' }))).toBe('ROLE.ABOVE_OWN')
    expect(errCode(await cloud.as('dev-cadre').user.createInvite({ role: 'clerk', orgId: 'yc-fc' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-youth').user.createInvite({ role: 'clerk', orgId: 'yc-rc' }))).toBe('AUTH.FORBIDDEN')
    ok(await cloud.as('dev-cadre').user.createInvite({ role: 'clerk', orgId: 'yc-rc' }))
    const list = ok(await cloud.as('dev-cadre').user.listInvites({ orgId: 'yc-rc' }))
    expect(list.items.map((i) => i.role)).toEqual(['clerk'])
  })
})

describe('listProfiles', () => {
  it('shows a cadre the youth of their township only, phones masked, page by page', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = ok(await cloud.as('dev-cadre').user.listProfiles({ orgId: 'yc-rc', limit: 5, ...(cursor ? { cursor } : {}) }))
      expect(page.items.length).toBeLessThanOrEqual(5)
      expect(JSON.stringify(page)).not.toMatch(FULL_PHONE)
      seen.push(...page.items.map((p) => p.userId))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    const expected = cloud.docs('profiles').filter((p) => p.orgId === 'yc-rc' || String(p.orgId).startsWith('yc-rc-'))
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(expected.map((p) => p._id).sort())
  })

  it('searches by name', async () => {
    const page = ok(await cloud.as('dev-admin').user.listProfiles({ orgId: 'yc', q: '王晓' }))
    expect(page.items.map((p) => p.realName)).toContain('王晓青')
    expect(page.items.every((p) => p.realName.includes('王晓'))).toBe(true)
  })

  it('clamps a huge limit and refuses skip', async () => {
    const page = ok(await cloud.as('dev-admin').user.listProfiles({ orgId: 'yc', limit: 1e6 }))
    expect(page.items.length).toBeLessThanOrEqual(50)
    expect(errCode(await cloud.as('dev-admin').user.listProfiles({ orgId: 'yc', skip: 1e7 } as never))).toBe('GENERIC.BAD_INPUT')
  })

  it('refuses youth and cadres outside the subtree (no reading other people’s profiles)', async () => {
    expect(errCode(await cloud.as('dev-youth').user.listProfiles({ orgId: 'yc-rc-b1' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').user.listProfiles({ orgId: 'yuci' }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('bootstrap', () => {
  afterEach(() => {
    delete process.env.TQ_BOOTSTRAP_OPENID
  })

  it('lets only the configured WeChat user create the first county and become its admin, once', async () => {
    expect(errCode(await cloud.as('founder').user.bootstrap({ countyName: '共青团沁水县委' }))).toBe('AUTH.FORBIDDEN')
    process.env.TQ_BOOTSTRAP_OPENID = 'founder'
    expect(errCode(await cloud.as('someone').user.bootstrap({ countyName: '共青团沁水县委' }))).toBe('AUTH.FORBIDDEN')
    const res = ok(await cloud.as('founder').user.bootstrap({ countyName: '共青团沁水县委' }))
    expect(res.org).toMatchObject({ kind: 'county', parentId: null, name: '共青团沁水县委' })
    expect(res.role).toMatchObject({ role: 'admin', via: 'bootstrap', orgId: res.org.id })
    expect(errCode(await cloud.as('founder').user.bootstrap({ countyName: '又一个县委' }))).toBe('ROLE.BOOTSTRAP_CLOSED')
    expect(cloud.docs('orgs', { kind: 'county' })).toHaveLength(3)
    // The founder registers afterwards: the role now names them.
    ok(await cloud.as('founder').user.register(registration({ phone: '13511112222', realName: '沁水书记', orgId: res.org.id })))
    expect(ok(await cloud.as('founder').user.me({})).roles[0]).toMatchObject({ role: 'admin', userName: '沁水书记' })
  })
})
