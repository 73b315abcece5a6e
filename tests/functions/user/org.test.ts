import { errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const org = (id: string) => cloud.emulator.store.get('orgs', id) as Record<string, any>

describe('getOrgTree', () => {
  it('starts from every county when no root is given', async () => {
    const { orgs } = ok(await cloud.as('dev-youth').user.getOrgTree({ depth: 1 }))
    expect(orgs.filter((o) => o.kind === 'county').map((o) => o.name).sort()).toEqual(['共青团晋中市榆次区委', '共青团阳城县委'].sort())
    expect(orgs.every((o) => o.depth <= 1)).toBe(true)
    expect(orgs.find((o) => o.id === 'yc-ec')).toMatchObject({ name: '阳城县电商团工委', kind: 'working_committee', parentId: 'yc' })
  })

  it('reads a subtree to a given depth', async () => {
    const { orgs } = ok(await cloud.as('dev-youth').user.getOrgTree({ rootId: 'yc-ec', depth: 1 }))
    expect(orgs.map((o) => o.id).sort()).toEqual(['yc-ec', 'yc-ec-farm', 'yc-ec-live', 'yc-ec-logi', 'yc-ec-start'])
  })

  it('answers not found for an unknown root', async () => {
    expect(errCode(await cloud.as('dev-youth').user.getOrgTree({ rootId: 'nope' }))).toBe('ORG.NOT_FOUND')
  })
})

describe('createOrg / renameOrg', () => {
  it('lets an admin add a branch inside their county, with one audit entry', async () => {
    const before = cloud.docs('audit_logs').length
    const { org: created } = ok(await cloud.as('dev-admin').user.createOrg({ parentId: 'yc-fc', name: '北关村团支部', kind: 'branch' }))
    expect(created).toMatchObject({ parentId: 'yc-fc', depth: 2, kind: 'branch' })
    expect(org(created.id).path).toEqual(['yc', 'yc-fc'])
    const audit = cloud.docs('audit_logs')
    expect(audit).toHaveLength(before + 1)
    expect(audit.find((a) => a.target.id === created.id)).toMatchObject({ actor: 'dev-admin', action: 'user.createOrg', at: cloud.clock.now() })
  })

  it.each([
    ['a youth', 'dev-youth', 'yc-fc'],
    ['a cadre (not an admin)', 'dev-cadre', 'yc-rc'],
    ['the admin of a sibling county', 'dev-yuci-admin', 'yc-fc'],
  ])('refuses %s', async (_l, who, parentId) => {
    const before = cloud.docs('orgs').length
    expect(errCode(await cloud.as(who).user.createOrg({ parentId, name: '新团支部', kind: 'branch' }))).toBe('AUTH.FORBIDDEN')
    expect(cloud.docs('orgs')).toHaveLength(before)
  })

  it('refuses a township admin acting on the parent county', async () => {
    await cloud.emulator.store.upsert('roles', { _id: 'r_fc_admin', openid: 'fc-admin', userId: null, role: 'admin', orgId: 'yc-fc', via: 'grant', grantedBy: null, grantedAt: 0 })
    expect(errCode(await cloud.as('fc-admin').user.createOrg({ parentId: 'yc', name: '新镇团委', kind: 'township' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('fc-admin').user.renameOrg({ orgId: 'yc', name: '改名' }))).toBe('AUTH.FORBIDDEN')
    ok(await cloud.as('fc-admin').user.createOrg({ parentId: 'yc-fc', name: '凤城镇新村团支部', kind: 'branch' }))
  })

  it.each([
    ['anything under a branch', 'yc-fc-b1', 'branch', 'ORG.HAS_CHILDREN'],
    ['a township under a township', 'yc-fc', 'township', 'ORG.INVALID_PARENT'],
    ['a county under a county', 'yc', 'county', 'ORG.INVALID_PARENT'],
  ])('refuses %s', async (_l, parentId, kind, code) => {
    expect(errCode(await cloud.as('dev-admin').user.createOrg({ parentId, name: '新组织', kind: kind as 'branch' }))).toBe(code)
  })

  it('renames with an audit entry naming the old and new names', async () => {
    ok(await cloud.as('dev-admin').user.renameOrg({ orgId: 'yc-dd', name: '町店镇团委（新）' }))
    expect(org('yc-dd').name).toBe('町店镇团委（新）')
    const [entry] = cloud.docs('audit_logs', { action: 'user.renameOrg' })
    expect(entry.detail).toEqual({ from: '町店镇团委', to: '町店镇团委（新）' })
  })

  it('does not publish a risky org name', async () => {
    expect(errCode(await cloud.as('dev-admin').user.renameOrg({ orgId: 'yc-dd', name: '诈骗团支部' }))).toBe('GENERIC.CONTENT_RISKY')
  })
})

describe('moveOrg', () => {
  it('moves a subtree and rewrites every descendant’s path', async () => {
    // 电商团工委 (with four branches) moves from the county to 凤城镇.
    const res = ok(await cloud.as('dev-admin').user.moveOrg({ orgId: 'yc-ec', newParentId: 'yc-fc' }))
    expect(res.moved).toBe(5)
    expect(org('yc-ec')).toMatchObject({ parentId: 'yc-fc', path: ['yc', 'yc-fc'], depth: 2 })
    expect(org('yc-ec-live')).toMatchObject({ parentId: 'yc-ec', path: ['yc', 'yc-fc', 'yc-ec'], depth: 3 })
    expect(cloud.docs('audit_logs', { action: 'user.moveOrg' })).toHaveLength(1)
    const { orgs } = ok(await cloud.as('dev-admin').user.getOrgTree({ rootId: 'yc-fc', depth: 2 }))
    expect(orgs.map((o) => o.id)).toEqual(expect.arrayContaining(['yc-ec', 'yc-ec-live']))
  })

  it('refuses to make a cycle: under itself or under its own descendant', async () => {
    expect(errCode(await cloud.as('dev-admin').user.moveOrg({ orgId: 'yc-fc', newParentId: 'yc-fc' }))).toBe('ORG.CYCLE')
    expect(errCode(await cloud.as('dev-admin').user.moveOrg({ orgId: 'yc-ec', newParentId: 'yc-ec-live' }))).toBe('ORG.CYCLE')
    expect(org('yc-ec').parentId).toBe('yc-fc')
  })

  it('refuses a move into a county the caller does not administer', async () => {
    expect(errCode(await cloud.as('dev-admin').user.moveOrg({ orgId: 'yc-ec', newParentId: 'yuci' }))).toBe('AUTH.FORBIDDEN')
    expect(org('yc-ec').parentId).toBe('yc-fc')
  })
})
