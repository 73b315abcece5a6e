import { userContract } from '../../types/contract/user'
import { registration } from '../fixtures/people'
import { ok, testCloud, type TestCloud } from '../fixtures/test-cloud'

/**
 * DOMAIN.md invariant 7: every admin or cadre mutation writes exactly one audit entry. Each audited
 * action of the contract is run once here; a new audited action without a case fails the first test.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
  process.env.TQ_BOOTSTRAP_OPENID = 'founder'
  ok(await cloud.as('invitee').user.register(registration({ phone: '13600001234' })))
})
afterAll(async () => {
  delete process.env.TQ_BOOTSTRAP_OPENID
  await cloud.close()
})

const cases: Record<string, () => Promise<unknown>> = {
  createOrg: () => cloud.as('dev-admin').user.createOrg({ parentId: 'yc-fc', name: '审计测试团支部', kind: 'branch' }),
  renameOrg: () => cloud.as('dev-admin').user.renameOrg({ orgId: 'yc-mh', name: '蟒河镇团委（改）' }),
  moveOrg: () => cloud.as('dev-admin').user.moveOrg({ orgId: 'yc-mh-b1', newParentId: 'yc-qc' }),
  grantRole: async () => {
    const id = ok(await cloud.as('dev-youth').user.me({})).profile!.userId
    return cloud.as('dev-admin').user.grantRole({ userId: id, role: 'clerk', orgId: 'yc-rc' })
  },
  revokeRole: async () => {
    const [role] = cloud.docs('roles', { openid: 'dev-youth', role: 'clerk' })
    return cloud.as('dev-admin').user.revokeRole({ roleId: role._id })
  },
  createInvite: () => cloud.as('dev-admin').user.createInvite({ role: 'cadre', orgId: 'yc-fc' }),
  revokeInvite: async () => {
    const { invite } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'clerk', orgId: 'yc-fc' }))
    return cloud.as('dev-admin').user.revokeInvite({ code: invite.code })
  },
  redeemInvite: async () => {
    const { invite } = ok(await cloud.as('dev-admin').user.createInvite({ role: 'clerk', orgId: 'yc-fc' }))
    return cloud.as('invitee').user.redeemInvite({ code: invite.code })
  },
  bootstrap: () => cloud.as('founder').user.bootstrap({ countyName: '共青团测试县委' }),
}

const audited = Object.entries(userContract.actions).filter(([, s]) => 'audit' in s && s.audit).map(([name]) => name)

it('has a case for every audited action', () => {
  expect(Object.keys(cases).sort()).toEqual(audited.sort())
})

it.each(audited)('%s writes exactly one audit entry naming actor, action, target and time', async (action) => {
  const mine = () => cloud.docs('audit_logs', { action: `user.${action}` })
  const before = mine().length
  const res = (await cases[action]()) as { ok: boolean }
  expect(res.ok).toBe(true)
  const after = mine()
  expect(after).toHaveLength(before + 1)
  const entry = after[after.length - 1]
  expect(entry.actor).toEqual(expect.any(String))
  expect(entry.target).toEqual({ type: expect.any(String), id: expect.any(String) })
  expect(entry.at).toBe(cloud.clock.now())
})
