import { errCode, ok, snapshot as snapshotOf, testCloud, type TestCloud } from '../fixtures/test-cloud'

/**
 * docs/bad-inputs.md classes 1–5, 9–11, 13 and 14 for the user function, table-driven. Each refusal must
 * carry the expected code and a Chinese message, and leave no trace: every collection unchanged.
 */
let cloud: TestCloud
let youthId: string
let yuciInvite: string
beforeAll(async () => {
  cloud = await testCloud()
  youthId = ok(await cloud.as('dev-youth').user.me({})).profile!.userId
  yuciInvite = ok(await cloud.as('dev-yuci-admin').user.createInvite({ role: 'clerk', orgId: 'yuci-jl' })).invite.code
})
afterAll(() => cloud.close())

const snapshot = () => snapshotOf(cloud)

type Case = [label: string, who: string, action: string, payload: unknown, code: string]

const invite = (over: Record<string, unknown>) => ({ role: 'clerk', orgId: 'yc-rc', ...over })
const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) })

const cases: Case[] = [
  // 1. operator objects where a value belongs
  ['$ne as an org id', 'dev-admin', 'createOrg', { parentId: { $ne: null }, name: '新组织', kind: 'branch' }, 'GENERIC.BAD_INPUT'],
  ['$gt as a root id', 'dev-youth', 'getOrgTree', { rootId: { $gt: '' } }, 'GENERIC.BAD_INPUT'],
  ['$where as a search word', 'dev-admin', 'listProfiles', { orgId: 'yc', q: { $where: 'sleep(1000)' } }, 'GENERIC.BAD_INPUT'],
  ['$regex as an invite code', 'dev-youth', 'redeemInvite', { code: { $regex: '.*' } }, 'GENERIC.BAD_INPUT'],
  ['$in as a role id', 'dev-admin', 'revokeRole', { roleId: { $in: ['a'] } }, 'GENERIC.BAD_INPUT'],
  // 2. ids and keys
  ['an id with a dot', 'dev-admin', 'renameOrg', { orgId: 'yc.fc', name: '新名' }, 'GENERIC.BAD_INPUT'],
  ['an id of 65 characters', 'dev-admin', 'renameOrg', { orgId: 'a'.repeat(65), name: '新名' }, 'GENERIC.BAD_INPUT'],
  ['an empty id', 'dev-admin', 'renameOrg', { orgId: '', name: '新名' }, 'GENERIC.BAD_INPUT'],
  ['a __proto__ key', 'dev-admin', 'renameOrg', JSON.parse('{"orgId":"yc-fc","name":"新名","__proto__":{"x":1}}'), 'GENERIC.BAD_INPUT'],
  ['a constructor key', 'dev-admin', 'renameOrg', { orgId: 'yc-fc', name: '新名', constructor: 'x' }, 'GENERIC.BAD_INPUT'],
  ['a dotted key', 'dev-youth', 'updateProfile', { 'profile.role': 'admin' }, 'GENERIC.BAD_INPUT'],
  ['a $set key', 'dev-youth', 'updateProfile', { $set: { role: 'admin' } }, 'GENERIC.BAD_INPUT'],
  // 3. mass assignment
  ['a role in a grant', 'dev-admin', 'grantRole', { userId: '__YOUTH__', role: 'clerk', orgId: 'yc-rc', via: 'bootstrap' }, 'GENERIC.BAD_INPUT'],
  ['uses in an invite', 'dev-admin', 'createInvite', invite({ uses: -100 }), 'GENERIC.BAD_INPUT'],
  ['a path on a new org', 'dev-admin', 'createOrg', { parentId: 'yc-fc', name: '新组织', kind: 'branch', path: [] }, 'GENERIC.BAD_INPUT'],
  // 4. numbers
  ['−5 uses', 'dev-admin', 'createInvite', invite({ maxUses: -5 }), 'GENERIC.BAD_INPUT'],
  ['0 uses', 'dev-admin', 'createInvite', invite({ maxUses: 0 }), 'GENERIC.BAD_INPUT'],
  ['1.5 days', 'dev-admin', 'createInvite', invite({ expiresInDays: 1.5 }), 'GENERIC.BAD_INPUT'],
  ['NaN days', 'dev-admin', 'createInvite', invite({ expiresInDays: NaN }), 'GENERIC.BAD_INPUT'],
  ['Infinity uses', 'dev-admin', 'createInvite', invite({ maxUses: Infinity }), 'GENERIC.BAD_INPUT'],
  ['2^53 uses', 'dev-admin', 'createInvite', invite({ maxUses: 2 ** 53 }), 'GENERIC.BAD_INPUT'],
  ['"8" as uses', 'dev-admin', 'createInvite', invite({ maxUses: '8' }), 'GENERIC.BAD_INPUT'],
  ['a depth of 100', 'dev-youth', 'getOrgTree', { depth: 100 }, 'GENERIC.BAD_INPUT'],
  // 5. sizes
  ['a 1 MB name', 'dev-admin', 'renameOrg', { orgId: 'yc-fc', name: '团'.repeat(1 << 20) }, 'GENERIC.BAD_INPUT'],
  ['a 10,000-element tag list', 'dev-youth', 'updateProfile', { skills: Array.from({ length: 10000 }, (_, i) => `s${i}`) }, 'GENERIC.BAD_INPUT'],
  ['100-deep nesting', 'dev-youth', 'updateProfile', { skills: deep(100) }, 'GENERIC.BAD_INPUT'],
  ['a name over its limit', 'dev-admin', 'renameOrg', { orgId: 'yc-fc', name: '团'.repeat(41) }, 'GENERIC.BAD_INPUT'],
  ['skip: 1e7', 'dev-admin', 'listRoles', { orgId: 'yc', skip: 1e7 }, 'GENERIC.BAD_INPUT'],
  // 8. text
  ['a name blank after trimming', 'dev-admin', 'renameOrg', { orgId: 'yc-fc', name: '  \u3000 ' }, 'GENERIC.BAD_INPUT'],
  ['a name with control characters', 'dev-admin', 'renameOrg', { orgId: 'yc-fc', name: '凤城\u0007镇' }, 'GENERIC.BAD_INPUT'],
  ['a name with a bidi override', 'dev-admin', 'renameOrg', { orgId: 'yc-fc', name: '凤城\u202E镇' }, 'GENERIC.BAD_INPUT'],
  // 9. identity from the payload
  ['an openid in the payload', 'dev-youth', 'me', { openid: 'dev-admin' }, 'GENERIC.BAD_INPUT'],
  // 10. a youth calling cadre actions
  ['a youth creating an org', 'dev-youth', 'createOrg', { parentId: 'yc-rc', name: '新组织', kind: 'branch' }, 'AUTH.FORBIDDEN'],
  ['a youth granting a role', 'dev-youth', 'grantRole', { userId: '__YOUTH__', role: 'admin', orgId: 'yc' }, 'AUTH.FORBIDDEN'],
  ['a youth issuing an invite', 'dev-youth', 'createInvite', invite({}), 'AUTH.FORBIDDEN'],
  ['a youth listing profiles', 'dev-youth', 'listProfiles', { orgId: 'yc-rc-b1' }, 'AUTH.FORBIDDEN'],
  ['a representative listing roles', 'dev-rep', 'listRoles', { orgId: 'yuci-jl' }, 'AUTH.FORBIDDEN'],
  // 11. sibling and parent orgs
  ['a cadre on a sibling township', 'dev-cadre', 'listProfiles', { orgId: 'yc-fc' }, 'AUTH.FORBIDDEN'],
  ['a cadre on the parent county', 'dev-cadre', 'listInvites', { orgId: 'yc' }, 'AUTH.FORBIDDEN'],
  ['an admin on another county', 'dev-admin', 'renameOrg', { orgId: 'yuci-jl', name: '新名' }, 'AUTH.FORBIDDEN'],
  // 13. someone else's records by id
  ['revoking another county’s invite', 'dev-admin', 'revokeInvite', { code: '__YUCI__' }, 'AUTH.FORBIDDEN'],
  // 14. invites and ceilings
  ['a forged invite code', 'dev-youth', 'redeemInvite', { code: 'ABCD2345' }, 'INVITE.INVALID'],
  ['a cadre granting admin', 'dev-cadre', 'grantRole', { userId: '__YOUTH__', role: 'admin', orgId: 'yc-rc' }, 'ROLE.ABOVE_OWN'],
  ['a cadre inviting a cadre', 'dev-cadre', 'createInvite', invite({ role: 'cadre' }), 'ROLE.ABOVE_OWN'],
]

/** Ids known only once the cloud runs; everything else (NaN, __proto__ keys) passes through as is. */
function fill(payload: unknown): unknown {
  if (payload === '__YOUTH__') return youthId
  if (payload === '__YUCI__') return yuciInvite
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return payload
  for (const k of Object.keys(payload)) (payload as Record<string, unknown>)[k] = fill((payload as Record<string, unknown>)[k])
  return payload
}

it.each(cases)('refuses %s', async (_label, who, action, payload, code) => {
  const before = snapshot()
  const res = await cloud.raw('user', { action, payload: fill(payload) }, who)
  expect(errCode(res)).toBe(code)
  expect(res.ok ? '' : res.error.message).toMatch(/[\u4e00-\u9fa5]/)
  expect(snapshot()).toBe(before)
})

it('clamps limit: 1e6 to a sane page instead of reading a million documents', async () => {
  const page = ok(await cloud.as('dev-admin').user.listProfiles({ orgId: 'yc', limit: 1e6 }))
  expect(page.items.length).toBeLessThanOrEqual(50)
})

it('still lets the same people do the same things with good input (the cases above are not refused for other reasons)', async () => {
  ok(await cloud.as('dev-admin').user.renameOrg({ orgId: 'yc-fc', name: '凤城镇团委' }))
  ok(await cloud.as('dev-cadre').user.listProfiles({ orgId: 'yc-rc' }))
  ok(await cloud.as('dev-cadre').user.createInvite(invite({})))
  ok(await cloud.as('dev-youth').user.updateProfile({ skills: ['摄影'] }))
  ok(await cloud.as('dev-admin').user.grantRole({ userId: youthId, role: 'clerk', orgId: 'yc-rc' }))
  ok(await cloud.as('dev-yuci-admin').user.revokeInvite({ code: yuciInvite }))
})
