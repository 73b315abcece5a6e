import { registration } from '../../fixtures/people'
import { errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * An invite is honoured only while its issuer could still grant its role (docs/bad-inputs.md,
 * invites): revoking a role closes the open invites it stood behind, and nobody redeems their own.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const register = (openid: string) => cloud.as(openid).user.register(registration({ realName: '受邀人' }))
const roleOf = (openid: string, role: string, orgId: string) => cloud.docs('roles', { openid, role, orgId })[0]

/** dev-admin (阳城县 admin) makes `openid` a cadre of 润城镇 by invite, then `openid` issues invites of their own. */
async function cadreWithInvites(openid: string, count: number) {
  ok(await register(openid))
  const { invite } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'cadre', orgId: 'yc-rc' }))
  ok(await cloud.as(openid).user.redeemInvite({ code: invite.code }))
  const codes: string[] = []
  for (let i = 0; i < count; i++) codes.push(ok(await cloud.as(openid).user.createInvite({ role: 'clerk', orgId: 'yc-rc' })).invite.code)
  return codes
}

describe('invites and their issuer', () => {
  it('refuses an issuer redeeming their own invite, even an admin after being revoked', async () => {
    ok(await register('self-issuer'))
    const { invite } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'admin', orgId: 'yc-rc' }))
    ok(await cloud.as('self-issuer').user.redeemInvite({ code: invite.code }))
    const { invite: own } = ok(await cloud.as('self-issuer').user.createInvite({ role: 'admin', orgId: 'yc-rc', maxUses: 5 }))
    const res = await cloud.as('self-issuer').user.redeemInvite({ code: own.code })
    expect(errCode(res)).toBe('INVITE.OWN')
    expect(res.ok ? null : res.error.message).toBe('不能使用自己发放的邀请码。')
    // Revoked, then trying the same code: refused, and not admin again.
    ok(await cloud.as('dev-admin').user.revokeRole({ roleId: roleOf('self-issuer', 'admin', 'yc-rc')._id }))
    // The revoke closed the invite its role stood behind.
    expect(errCode(await cloud.as('self-issuer').user.redeemInvite({ code: own.code }))).toBe('INVITE.REVOKED')
    expect(cloud.docs('roles', { openid: 'self-issuer' })).toHaveLength(0)
  })

  it('revoking a role closes the open invites it stood behind and says how many', async () => {
    const codes = await cadreWithInvites('cadre-a', 3)
    // One already used up and one revoked by hand: only the open ones are closed and counted.
    ok(await register('early-bird'))
    ok(await cloud.as('early-bird').user.redeemInvite({ code: codes[0] }))
    ok(await cloud.as('dev-admin').user.revokeInvite({ code: codes[1] }))
    const res = ok(await cloud.as('dev-admin').user.revokeRole({ roleId: roleOf('cadre-a', 'cadre', 'yc-rc')._id }))
    expect(res).toEqual({ revoked: true, closedInvites: 1 })
    expect(cloud.emulator.store.get('invites', codes[2])).toMatchObject({ revokedAt: cloud.clock.now() })
    ok(await register('late-comer'))
    const late = await cloud.as('late-comer').user.redeemInvite({ code: codes[2] })
    expect(errCode(late)).toBe('INVITE.REVOKED')
    expect(cloud.docs('roles', { openid: 'late-comer' })).toHaveLength(0)
    const [entry] = cloud.docs('audit_logs', { action: 'user.revokeRole' }).slice(-1)
    expect(entry.detail).toMatchObject({ closedInvites: [codes[2]] })
  })

  it('keeps invites the holder could still grant under another role', async () => {
    const codes = await cadreWithInvites('cadre-b', 1)
    // cadre-b is also a cadre of the whole county: losing 润城镇's role leaves the authority for a 润城镇 clerk.
    const { invite } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'cadre', orgId: 'yc' }))
    ok(await cloud.as('cadre-b').user.redeemInvite({ code: invite.code }))
    expect(ok(await cloud.as('dev-admin').user.revokeRole({ roleId: roleOf('cadre-b', 'cadre', 'yc-rc')._id }))).toEqual({ revoked: true, closedInvites: 0 })
    ok(await register('still-fine'))
    expect(ok(await cloud.as('still-fine').user.redeemInvite({ code: codes[0] })).role).toMatchObject({ role: 'clerk', orgId: 'yc-rc' })
  })

  it('checks the issuer at redemption: an invite whose issuer lost their role another way is refused', async () => {
    const codes = await cadreWithInvites('cadre-c', 1)
    // The role disappears without revokeRole (removed by hand), so nothing closed the invite.
    cloud.emulator.store.remove('roles', { _id: roleOf('cadre-c', 'cadre', 'yc-rc')._id })
    expect(cloud.emulator.store.get('invites', codes[0])).toMatchObject({ revokedAt: null })
    ok(await register('too-late'))
    const res = await cloud.as('too-late').user.redeemInvite({ code: codes[0] })
    expect(errCode(res)).toBe('INVITE.ISSUER_REVOKED')
    expect(res.ok ? null : res.error.message).toMatch(/联系所在团组织/)
    expect(cloud.docs('roles', { openid: 'too-late' })).toHaveLength(0)
    expect(cloud.emulator.store.get('invites', codes[0])).toMatchObject({ uses: 0 })
  })
})
