import { randomUUID } from 'node:crypto'
import { roleIdFor } from '../../../cloudfunctions/_core/access/access.repo'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { createActivityInput, putActivity } from '../../fixtures/activities'
import { registration } from '../../fixtures/people'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Roles and invites scoped to a venue (docs/domain.md "Words": 核销员 verify pickups at a venue):
 * granted, invited, redeemed, listed and revoked like org roles, with the authority of the venue's
 * org; a venue role covers that venue and never its org (docs/bad-inputs.md §10, §11, §13, §14).
 */

let cloud: TestCloud
let youthId: string
let shangzhuang: string // a pickup venue of 上庄村团支部 (yc-rc-b1), under 润城镇
let runcheng: string // a pickup venue of 润城镇团委 itself
let fengcheng: string // a pickup venue of 凤城镇, a sibling township
let yuci: string // a pickup venue of 榆次区, another county

const venue = async (who: string, orgId: string, name: string) =>
  ok(
    await cloud.as(who).points.saveVenue({
      requestId: randomUUID(),
      orgId,
      name,
      address: `${name}门口`,
      lat: 35.48,
      lng: 112.4,
      hours: '每天 9:00–17:00',
      kind: 'pickup',
    }),
  ).venue.id

const register = (openid: string) => cloud.as(openid).user.register(registration({ realName: '受邀人' }))
const rolesOf = (openid: string) => cloud.docs('roles', { openid })

beforeAll(async () => {
  cloud = await testCloud({ youth: 10 })
  youthId = ok(await cloud.as('dev-youth').user.me({})).profile!.userId
  shangzhuang = await venue('dev-cadre', 'yc-rc-b1', '上庄村兑换点')
  runcheng = await venue('dev-cadre', 'yc-rc', '润城镇兑换点')
  fengcheng = await venue('dev-admin', 'yc-fc', '凤城镇兑换点')
  yuci = await venue('dev-yuci-admin', 'yuci', '榆次区兑换点')
})
afterAll(() => cloud.close())

describe('grantRole at a venue', () => {
  it('grants a clerk at one venue, held under the venue’s org; the views name the venue; one audit entry', async () => {
    const audits = cloud.docs('audit_logs').length
    const { role } = ok(await cloud.as('dev-cadre').user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc-rc', venueId: shangzhuang }))
    expect(role).toMatchObject({ role: 'clerk', orgId: 'yc-rc-b1', orgName: '上庄村团支部', venueId: shangzhuang, venueName: '上庄村兑换点', via: 'grant' })
    expect(role.id).toBe(roleIdFor('dev-youth', 'clerk', 'yc-rc-b1', shangzhuang))
    expect(cloud.emulator.store.get('roles', role.id)).toMatchObject({ venueId: shangzhuang, orgId: 'yc-rc-b1' })
    expect(cloud.docs('audit_logs')).toHaveLength(audits + 1)
    expect(cloud.docs('audit_logs', { 'target.id': role.id })[0].detail).toMatchObject({ role: 'clerk', venueId: shangzhuang })
    const mine = ok(await cloud.as('dev-youth').user.me({})).roles
    expect(mine).toEqual([expect.objectContaining({ role: 'clerk', venueId: shangzhuang, venueName: '上庄村兑换点' })])
  })

  it('keeps a venue role apart from the org role and from the same role at another venue', async () => {
    expect(errCode(await cloud.as('dev-cadre').user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc-rc-b1', venueId: shangzhuang }))).toBe('ROLE.ALREADY_HELD')
    const other = ok(await cloud.as('dev-cadre').user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc-rc', venueId: runcheng })).role
    const orgWide = ok(await cloud.as('dev-cadre').user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc-rc-b1' })).role
    expect(orgWide).toMatchObject({ orgId: 'yc-rc-b1', venueId: null, venueName: null })
    // An org role's id is what it was before venues existed, so roles granted then are still found.
    expect(orgWide.id).toBe(roleIdFor('dev-youth', 'clerk', 'yc-rc-b1'))
    expect(new Set([other.id, orgWide.id, roleIdFor('dev-youth', 'clerk', 'yc-rc-b1', shangzhuang)]).size).toBe(3)
    ok(await cloud.as('dev-admin').user.revokeRole({ roleId: orgWide.id }))
    ok(await cloud.as('dev-admin').user.revokeRole({ roleId: other.id }))
  })

  it('grants a representative at a venue, but no managing role (ROLE.NOT_FOR_VENUE)', async () => {
    ok(await cloud.as('dev-admin').user.grantRole({ userId: youthId, role: 'representative', orgId: 'yc', venueId: runcheng }))
    const before = snapshot(cloud)
    for (const role of ['admin', 'cadre', 'committee'] as const) {
      expect(errCode(await cloud.as('dev-admin').user.grantRole({ userId: youthId, role, orgId: 'yc', venueId: runcheng }))).toBe('ROLE.NOT_FOR_VENUE')
    }
    expect(snapshot(cloud)).toBe(before)
  })

  it.each([
    ['a youth', 'dev-youth', 'yc-fc', () => fengcheng, 'AUTH.FORBIDDEN'],
    ['a cadre at a sibling township’s venue', 'dev-cadre', 'yc-fc', () => fengcheng, 'AUTH.FORBIDDEN'],
    ['a cadre naming their own org for a sibling’s venue', 'dev-cadre', 'yc-rc', () => fengcheng, 'AUTH.FORBIDDEN'],
    ['an admin at another county’s venue (IDOR)', 'dev-admin', 'yc', () => yuci, 'AUTH.FORBIDDEN'],
    ['another county’s admin at this county’s venue', 'dev-yuci-admin', 'yuci', () => runcheng, 'AUTH.FORBIDDEN'],
    ['a venue outside the org chosen', 'dev-admin', 'yc-fc', () => runcheng, 'VENUE.NOT_IN_ORG'],
    ['a venue below a sibling branch', 'dev-cadre', 'yc-rc-b2', () => shangzhuang, 'VENUE.NOT_IN_ORG'],
    ['a venue that does not exist', 'dev-admin', 'yc', () => 'v_nothing', 'VENUE.NOT_FOUND'],
  ])('refuses %s and leaves no trace', async (_l, who, orgId, venueOf, code) => {
    const before = snapshot(cloud)
    expect(errCode(await cloud.as(who).user.grantRole({ userId: youthId, role: 'clerk', orgId, venueId: venueOf() }))).toBe(code)
    expect(errCode(await cloud.as(who).user.createInvite({ role: 'clerk', orgId, venueId: venueOf() }))).toBe(code)
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses operator objects and bad ids for the venue (§1, §2)', async () => {
    const before = snapshot(cloud)
    for (const venueId of [{ $ne: null }, { $gt: '' }, '../x', '', 'a'.repeat(65)]) {
      expect(errCode(await cloud.as('dev-admin').user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc', venueId }))).toBe('GENERIC.BAD_INPUT')
      expect(errCode(await cloud.as('dev-admin').user.createInvite({ role: 'clerk', orgId: 'yc', venueId }))).toBe('GENERIC.BAD_INPUT')
    }
    expect(snapshot(cloud)).toBe(before)
  })

  it('revokes a venue role with the authority of the venue’s org', async () => {
    const [role] = rolesOf('dev-youth').filter((r) => r.venueId === shangzhuang)
    expect(errCode(await cloud.as('dev-yuci-admin').user.revokeRole({ roleId: role._id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-youth').user.revokeRole({ roleId: role._id }))).toBe('AUTH.FORBIDDEN')
    const audits = cloud.docs('audit_logs').length
    ok(await cloud.as('dev-cadre').user.revokeRole({ roleId: role._id }))
    expect(cloud.emulator.store.get('roles', role._id)).toBeNull()
    expect(cloud.docs('audit_logs')).toHaveLength(audits + 1)
    ok(await cloud.as('dev-cadre').user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc-rc', venueId: shangzhuang }))
  })
})

describe('a venue role covers its venue only, never its org', () => {
  it('gives a venue clerk no say over the org: profiles, roles, invites, venues, activities are refused', async () => {
    // Even a venue-scoped role of a managing rank (a record no grant can make) must not reach the org.
    const openid = 'venue-only'
    ok(await register(openid))
    const forged = {
      _id: roleIdFor(openid, 'cadre', 'yc-rc-b1', shangzhuang),
      openid,
      userId: userIdFor(cloud.secrets, openid),
      role: 'cadre',
      orgId: 'yc-rc-b1',
      venueId: shangzhuang,
      via: 'grant',
      grantedBy: 'dev-admin',
      grantedAt: cloud.clock.now(),
    }
    cloud.emulator.store.insertMany('roles', [forged])
    const as = cloud.as(openid)
    const before = snapshot(cloud)
    expect(errCode(await as.user.listProfiles({ orgId: 'yc-rc-b1' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await as.user.listRoles({ orgId: 'yc-rc-b1' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await as.user.listInvites({ orgId: 'yc-rc-b1' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await as.user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc-rc-b1' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await as.user.grantRole({ userId: youthId, role: 'representative', orgId: 'yc-rc-b1', venueId: shangzhuang }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await as.user.createInvite({ role: 'clerk', orgId: 'yc-rc-b1' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await as.points.listVenues({ orgId: 'yc-rc-b1' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await as.points.setVenueStatus({ venueId: shangzhuang, status: 'closed' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await as.activity.createActivity(createActivityInput({ orgId: 'yc-rc-b1' })))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await as.activity.manageActivities({ orgId: 'yc-rc-b1' }))).toBe('AUTH.FORBIDDEN')
    expect(snapshot(cloud)).toBe(before)
    // Nor does the activity page offer it management of the org's activities.
    const a = putActivity(cloud, { orgId: 'yc-rc-b1' })
    expect(ok(await as.activity.getActivity({ activityId: a._id })).activity.canManage).toBe(false)
    cloud.emulator.store.remove('roles', { _id: forged._id })
  })

  it('and the youth with a venue clerk role still cannot list the org’s roles', async () => {
    expect(rolesOf('dev-youth').some((r) => r.role === 'clerk' && r.venueId === shangzhuang)).toBe(true)
    expect(errCode(await cloud.as('dev-youth').user.listRoles({ orgId: 'yc-rc-b1' }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('invites to a venue', () => {
  let code: string
  it('issues a clerk invite at a venue; the view names the venue; redeeming grants the role at that venue only', async () => {
    const { invite } = ok(await cloud.as('dev-cadre').user.createInvite({ role: 'clerk', orgId: 'yc-rc', venueId: runcheng, maxUses: 3 }))
    code = invite.code
    expect(invite).toMatchObject({ role: 'clerk', orgId: 'yc-rc', orgName: '润城镇团委', venueId: runcheng, venueName: '润城镇兑换点', status: 'active' })
    expect(cloud.emulator.store.get('invites', code)).toMatchObject({ venueId: runcheng })
    ok(await register('clerk-1'))
    const { role } = ok(await cloud.as('clerk-1').user.redeemInvite({ code }))
    expect(role).toMatchObject({ role: 'clerk', orgId: 'yc-rc', venueId: runcheng, venueName: '润城镇兑换点', via: 'invite' })
    expect(role.id).toBe(roleIdFor('clerk-1', 'clerk', 'yc-rc', runcheng))
    expect(rolesOf('clerk-1')).toEqual([expect.objectContaining({ venueId: runcheng, orgId: 'yc-rc' })])
    expect(cloud.docs('audit_logs', { 'target.id': role.id })[0].detail).toMatchObject({ via: 'invite', venueId: runcheng })
  })

  it('lists a venue’s invites and roles with its name, and only those when asked for that venue', async () => {
    const invites = ok(await cloud.as('dev-cadre').user.listInvites({ orgId: 'yc-rc', venueId: runcheng })).items
    expect(invites.map((i) => i.code)).toEqual([code])
    expect(invites[0]).toMatchObject({ venueName: '润城镇兑换点', uses: 1 })
    const roles = ok(await cloud.as('dev-cadre').user.listRoles({ orgId: 'yc-rc', venueId: runcheng })).items
    expect(roles.every((r) => r.venueId === runcheng && r.venueName === '润城镇兑换点')).toBe(true)
    expect(roles.map((r) => r.role).sort()).toEqual(['clerk', 'representative'])
    const all = ok(await cloud.as('dev-admin').user.listRoles({ orgId: 'yc', limit: 50 })).items
    const cadre = all.find((r) => r.role === 'cadre' && r.orgId === 'yc-rc')
    expect(cadre).toMatchObject({ venueId: null, venueName: null })
    // A venue of another county lists nothing under this org.
    expect(ok(await cloud.as('dev-admin').user.listRoles({ orgId: 'yc', venueId: yuci })).items).toEqual([])
  })

  it('a closed venue takes no grants, invites or redemptions (VENUE.CLOSED) until it is open again', async () => {
    ok(await register('clerk-2'))
    ok(await cloud.as('dev-cadre').points.setVenueStatus({ venueId: runcheng, status: 'closed' }))
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').user.grantRole({ userId: userIdFor(cloud.secrets, 'clerk-2'), role: 'clerk', orgId: 'yc-rc', venueId: runcheng }))).toBe('VENUE.CLOSED')
    expect(errCode(await cloud.as('dev-cadre').user.createInvite({ role: 'clerk', orgId: 'yc-rc', venueId: runcheng }))).toBe('VENUE.CLOSED')
    expect(errCode(await cloud.as('clerk-2').user.redeemInvite({ code }))).toBe('VENUE.CLOSED')
    expect(snapshot(cloud)).toBe(before)
    // What was granted there stays on record.
    expect(rolesOf('clerk-1')).toHaveLength(1)
    ok(await cloud.as('dev-cadre').points.setVenueStatus({ venueId: runcheng, status: 'open' }))
    expect(ok(await cloud.as('clerk-2').user.redeemInvite({ code })).role).toMatchObject({ venueId: runcheng })
  })

  it('revoking the issuer’s role closes the open venue invites it stood behind', async () => {
    ok(await register('issuer'))
    const issuerId = userIdFor(cloud.secrets, 'issuer')
    const cadreRole = ok(await cloud.as('dev-admin').user.grantRole({ userId: issuerId, role: 'cadre', orgId: 'yc-rc' })).role
    const { invite } = ok(await cloud.as('issuer').user.createInvite({ role: 'clerk', orgId: 'yc-rc', venueId: shangzhuang }))
    const { invite: orgInvite } = ok(await cloud.as('issuer').user.createInvite({ role: 'clerk', orgId: 'yc-rc-b1' }))
    expect(ok(await cloud.as('dev-admin').user.revokeRole({ roleId: cadreRole.id })).closedInvites).toBe(2)
    expect(cloud.emulator.store.get('invites', invite.code)).toMatchObject({ revokedAt: cloud.clock.now() })
    expect(cloud.emulator.store.get('invites', orgInvite.code)).toMatchObject({ revokedAt: cloud.clock.now() })
    ok(await register('late'))
    expect(errCode(await cloud.as('late').user.redeemInvite({ code: invite.code }))).toBe('INVITE.REVOKED')
    expect(rolesOf('late')).toHaveLength(0)
  })

  it('honours a venue invite only while its issuer could still grant at the venue’s org', async () => {
    ok(await register('issuer-2'))
    const cadreRole = ok(await cloud.as('dev-admin').user.grantRole({ userId: userIdFor(cloud.secrets, 'issuer-2'), role: 'cadre', orgId: 'yc-rc' })).role
    const { invite } = ok(await cloud.as('issuer-2').user.createInvite({ role: 'clerk', orgId: 'yc-rc', venueId: shangzhuang }))
    // The role disappears without the revoke (as if removed by hand): the redemption still checks.
    cloud.emulator.store.remove('roles', { _id: cadreRole.id })
    ok(await register('late-2'))
    expect(errCode(await cloud.as('late-2').user.redeemInvite({ code: invite.code }))).toBe('INVITE.ISSUER_REVOKED')
    expect(rolesOf('late-2')).toHaveLength(0)
  })
})
