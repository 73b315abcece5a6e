import { assertCanGrant, assertRedeemable, inviteCodeFrom, inviteStatus, type InviteDoc, type RoleDoc } from '../../cloudfunctions/_core/access/access.rules'

const role = (r: RoleDoc['role'], orgId: string): RoleDoc => ({ _id: `${r}-${orgId}`, openid: 'x', userId: null, role: r, orgId, via: 'grant', grantedBy: null, grantedAt: 0 })
const town = { _id: 't', path: ['c'] }

describe('granting', () => {
  it.each([
    ['admin', 'admin', 'c', null],
    ['admin', 'cadre', 't', null],
    ['cadre', 'clerk', 't', null],
    ['cadre', 'committee', 'c', null],
    ['cadre', 'cadre', 't', 'ROLE.ABOVE_OWN'],
    ['cadre', 'admin', 'c', 'ROLE.ABOVE_OWN'],
    ['clerk', 'clerk', 't', 'AUTH.FORBIDDEN'],
    ['representative', 'representative', 'c', 'AUTH.FORBIDDEN'],
    ['admin', 'clerk', 't2', 'AUTH.FORBIDDEN'],
  ])('a %s may grant %s at the township when holding it at %s → %s', (held, granted, at, code) => {
    const fn = () => assertCanGrant([role(held as RoleDoc['role'], at)], town, granted as RoleDoc['role'])
    if (code) expect(fn).toThrow(expect.objectContaining({ code }))
    else expect(fn).not.toThrow()
  })
})

describe('invites', () => {
  const inv = (over: Partial<InviteDoc> = {}): InviteDoc => ({ _id: 'ABCD2345', role: 'cadre', orgId: 't', note: null, expiresAt: 1000, maxUses: 2, uses: 0, revokedAt: null, createdBy: 'a', createdAt: 0, ...over })

  it('knows its status, revoked before used up before expired', () => {
    expect(inviteStatus(inv(), 999)).toBe('active')
    expect(inviteStatus(inv(), 1000)).toBe('expired')
    expect(inviteStatus(inv({ uses: 2 }), 0)).toBe('used_up')
    expect(inviteStatus(inv({ uses: 2, revokedAt: 5 }), 2000)).toBe('revoked')
  })

  it('refuses what cannot be redeemed', () => {
    expect(() => assertRedeemable(null, 0)).toThrow(expect.objectContaining({ code: 'INVITE.INVALID' }))
    expect(() => assertRedeemable(inv(), 1000)).toThrow(expect.objectContaining({ code: 'INVITE.EXPIRED' }))
    expect(assertRedeemable(inv(), 10)._id).toBe('ABCD2345')
  })

  it('makes 8-character codes without look-alike letters', () => {
    const code = inviteCodeFrom(Uint8Array.from([0, 8, 18, 21, 27, 31, 32, 255]))
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(code).not.toMatch(/[ILOU]/)
  })
})
