import { randomUUID } from 'node:crypto'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { actions } from '../../../cloudfunctions/community/actions'
import { communityContract, type CreateGroupInputT } from '../../../types/contract/community'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
  // A cadre of 凤城镇, the township beside 润城镇 (dev-cadre's): same county, another subtree.
  await cloud.emulator.store.upsert('roles', { _id: 'r_fc_cadre', openid: 'fc-cadre', userId: null, role: 'cadre', orgId: 'yc-fc', via: 'grant', grantedBy: null, grantedAt: 0 })
})
afterAll(() => cloud.close())

const stored = (id: string) => cloud.emulator.store.get('groups', id) as Record<string, any>

function groupInput(overrides: Partial<CreateGroupInputT> & Record<string, unknown> = {}): CreateGroupInputT {
  return {
    requestId: randomUUID(),
    orgId: 'yc-rc',
    parentGroupId: null,
    name: '润城镇青年之家',
    kind: 'org_group',
    tags: ['志愿服务', '读书'],
    description: '润城镇团委的团组织网群，发布活动和通知。',
    cover: null,
    joinPolicy: 'approval',
    capacity: 500,
    ...overrides,
  } as CreateGroupInputT
}

async function made(who: string, overrides: Partial<CreateGroupInputT> & Record<string, unknown> = {}) {
  return ok(await cloud.as(who).community.createGroup(groupInput(overrides))).group
}

describe('createGroup', () => {
  it('places a top group and a child under it, each with the org chain and one audit entry', async () => {
    const auditBefore = cloud.docs('audit_logs', { action: 'community.createGroup' }).length
    const top = await made('dev-cadre')
    expect(top).toMatchObject({ orgId: 'yc-rc', orgName: '润城镇团委', parentId: null, depth: 0, kind: 'org_group', joinPolicy: 'approval', capacity: 500, cover: null })
    const child = await made('dev-cadre', { orgId: 'yc-rc-b1', parentGroupId: top.id, name: '上庄村团支部网群', kind: 'org_group' })
    expect(child).toMatchObject({ parentId: top.id, depth: 1, orgId: 'yc-rc-b1' })
    expect(stored(child.id)).toMatchObject({ path: [top.id], underOrgs: ['yc', 'yc-rc', 'yc-rc-b1'], createdBy: 'dev-cadre' })
    const audit = cloud.docs('audit_logs', { action: 'community.createGroup' })
    expect(audit).toHaveLength(auditBefore + 2)
    expect(audit.find((a) => a.target.id === child.id)).toMatchObject({ actor: 'dev-cadre', orgId: 'yc-rc-b1', detail: { parentId: top.id } })
  })

  it('answers a retry with the same group and writes nothing more; the same key with another payload is refused', async () => {
    const input = groupInput({ name: '润城镇青年摄影社', kind: 'interest' })
    const first = ok(await cloud.as('dev-cadre').community.createGroup(input)).group
    const before = snapshot(cloud)
    const again = ok(await cloud.as('dev-cadre').community.createGroup(input)).group
    expect(again).toEqual(first)
    expect(snapshot(cloud)).toBe(before)
    expect(errCode(await cloud.as('dev-cadre').community.createGroup({ ...input, name: '另一个社群' }))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(snapshot(cloud)).toBe(before)
  })

  it('makes one group when the same key is sent many times at once', async () => {
    const input = groupInput({ name: '润城镇青年突击队', kind: 'volunteer_team' })
    const results = await Promise.all(Array.from({ length: 5 }, () => cloud.as('dev-cadre').community.createGroup(input)))
    const ids = new Set(results.filter((r) => r.ok).map((r) => (r.ok ? r.data.group.id : '')))
    expect(ids.size).toBe(1)
    expect(cloud.docs('groups', { name: '润城镇青年突击队' })).toHaveLength(1)
    expect(cloud.docs('audit_logs', { action: 'community.createGroup' }).filter((a) => ids.has(a.target.id))).toHaveLength(1)
  })

  it('takes the cadre’s own upload as the cover, checked like activity covers', async () => {
    const cover = cloud.upload('dev-cadre', 'group-cover-01')
    const g = await made('dev-cadre', { cover, name: '润城镇电商青年', kind: 'industry' })
    expect(g).toMatchObject({ cover, coverCheck: 'pass' })
  })

  it('keeps a cover whose check is pending until WeChat pushes its verdict, for that very check only', async () => {
    // Production's check: a trace id now, the verdict later as a wxa_media_check message.
    let trace = 0
    const platform = { ...cloud.deps().platform, contentCheck: { ...cloud.deps().platform.contentCheck, image: async () => ({ pending: `g-trace-${++trace}` }) } }
    const prod = createHandler(communityContract, actions, () => ({ ...cloud.deps(), platform }))
    const push = (trace_id: string, suggest: string) =>
      prod.handle({ action: 'groupCoverChecked', payload: { ToUserName: 'gh_x', MsgType: 'event', Event: 'wxa_media_check', trace_id, version: 2, result: { suggest, label: '100' } } }, { openid: null, appid: null, source: 'push' })
    const create = async (name: string, cover: string) =>
      (ok(await prod.handle({ action: 'createGroup', payload: groupInput({ name, cover }) }, localCaller('dev-cadre'))) as { group: { id: string; coverCheck: string } }).group
    const good = await create('润城镇摄影社', cloud.upload('dev-cadre', 'group-cover-11'))
    const bad = await create('润城镇读书会', cloud.upload('dev-cadre', 'group-cover-12'))
    expect(good.coverCheck).toBe('pending')
    // A user cannot deliver a verdict.
    expect(errCode(await cloud.as('dev-cadre').community.groupCoverChecked({ trace_id: 'g-trace-1', result: { suggest: 'pass' } }))).toBe('AUTH.FORBIDDEN')
    expect(ok(await push('g-trace-1', 'pass'))).toEqual({ applied: true })
    expect(ok(await push('g-trace-2', 'risky'))).toEqual({ applied: true })
    expect(ok(await push('g-trace-1', 'risky'))).toEqual({ applied: false }) // already applied: the trace is spent
    expect(ok(await push('trace-of-an-activity', 'pass'))).toEqual({ applied: false })
    expect(stored(good.id)).toMatchObject({ coverCheck: 'pass', coverTrace: null })
    expect(stored(bad.id)).toMatchObject({ coverCheck: 'risky', coverTrace: null })
  })

  it('hangs a group under its own org’s or an upper org’s group, or one the caller manages — not a neighbouring township’s', async () => {
    const county = await made('dev-admin', { orgId: 'yc', name: '阳城县青年之家联盟', kind: 'alliance' })
    const runcheng = await made('dev-cadre', { name: '润城镇青年总群' })
    // 润城镇's cadre under the county's alliance (an org above): yes.
    expect((await made('dev-cadre', { parentGroupId: county.id, name: '润城镇青年之家' })).parentId).toBe(county.id)
    // 凤城镇's cadre under 润城镇's group (a neighbour neither answers to): no, and nothing is written.
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('fc-cadre').community.createGroup(groupInput({ orgId: 'yc-fc', parentGroupId: runcheng.id })))).toBe('GROUP.PARENT_OUT_OF_SCOPE')
    expect(snapshot(cloud)).toBe(before)
    const fengcheng = await made('fc-cadre', { orgId: 'yc-fc', name: '凤城镇青年总群' })
    expect(errCode(await cloud.as('fc-cadre').community.moveGroup({ groupId: fengcheng.id, newParentId: runcheng.id }))).toBe('GROUP.PARENT_OUT_OF_SCOPE')
    expect(stored(fengcheng.id).parentId).toBeNull()
    // The county's admin manages both townships: may do either.
    expect((await made('dev-admin', { orgId: 'yc-fc', parentGroupId: runcheng.id, name: '两镇青年联谊群' })).parentId).toBe(runcheng.id)
  })

  it('refuses a parent group in another county', async () => {
    const yuci = await made('dev-yuci-admin', { orgId: 'yuci', name: '榆次区青年志愿服务联盟', kind: 'alliance' })
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').community.createGroup(groupInput({ parentGroupId: yuci.id })))).toBe('GROUP.OTHER_COUNTY')
    expect(errCode(await cloud.as('dev-cadre').community.createGroup(groupInput({ parentGroupId: 'g_nope' })))).toBe('GROUP.NOT_FOUND')
    expect(snapshot(cloud)).toBe(before)
  })

  it('lets a township group sit under the county’s group (the tower crosses orgs of one county)', async () => {
    const county = await made('dev-admin', { orgId: 'yc', name: '阳城县青年之家联盟', kind: 'alliance' })
    const g = await made('dev-cadre', { parentGroupId: county.id, name: '润城镇青年社团', kind: 'association' })
    expect(stored(g.id)).toMatchObject({ path: [county.id], depth: 1, orgId: 'yc-rc' })
  })
})

describe('scope', () => {
  it.each<[string, string | null, string]>([
    ['a youth', 'dev-youth', 'AUTH.FORBIDDEN'],
    ['the cadre of the sibling township', 'fc-cadre', 'AUTH.FORBIDDEN'],
    ['the admin of another county', 'dev-yuci-admin', 'AUTH.FORBIDDEN'],
    ['a caller without a WeChat identity', null, 'AUTH.UNAUTHENTICATED'],
  ])('refuses %s on every action, leaving no trace', async (_l, who, code) => {
    const g = await made('dev-cadre', { name: `润城镇读书会${String(who).length}`, kind: 'interest' })
    const before = snapshot(cloud)
    const as = cloud.as(who).community
    const codes = [
      errCode(await as.createGroup(groupInput())),
      errCode(await as.updateGroup({ groupId: g.id, name: '改名', kind: 'interest', tags: [], description: '改', cover: null, joinPolicy: 'open', capacity: null })),
      errCode(await as.moveGroup({ groupId: g.id, newParentId: null })),
      errCode(await as.getGroup({ groupId: g.id })),
      errCode(await as.listGroups({ orgId: 'yc-rc' })),
      errCode(await as.listGroups({ parentGroupId: g.id })),
    ]
    expect(codes).toEqual(codes.map(() => code))
    expect(snapshot(cloud)).toBe(before)
  })

  it('lets the county admin manage a township’s group', async () => {
    const g = await made('dev-cadre', { name: '润城镇快递外卖青年', kind: 'industry' })
    expect(ok(await cloud.as('dev-admin').community.getGroup({ groupId: g.id })).group.id).toBe(g.id)
  })
})

describe('updateGroup', () => {
  it('edits the fields, keeps org and tower place, and audits', async () => {
    const top = await made('dev-cadre', { name: '润城镇青年志愿者' })
    const child = await made('dev-cadre', { parentGroupId: top.id, name: '屯城村青年志愿者' })
    const edited = ok(
      await cloud.as('dev-cadre').community.updateGroup({ groupId: child.id, name: '屯城村青年突击队', kind: 'volunteer_team', tags: ['防汛'], description: '防汛抢险突击队。', cover: null, joinPolicy: 'invite', capacity: null }),
    ).group
    expect(edited).toMatchObject({ name: '屯城村青年突击队', kind: 'volunteer_team', tags: ['防汛'], joinPolicy: 'invite', capacity: null, parentId: top.id, depth: 1, orgId: 'yc-rc' })
    expect(stored(child.id).path).toEqual([top.id])
    expect(cloud.docs('audit_logs', { action: 'community.updateGroup' }).find((a) => a.target.id === child.id)).toMatchObject({ actor: 'dev-cadre' })
  })

  it('refuses a risky name and an unknown group, leaving no trace', async () => {
    const g = await made('dev-cadre', { name: '润城镇篮球社', kind: 'interest' })
    const before = snapshot(cloud)
    const edit = { name: '诈骗交流群', kind: 'interest' as const, tags: [], description: '简介', cover: null, joinPolicy: 'open' as const, capacity: null }
    expect(errCode(await cloud.as('dev-cadre').community.updateGroup({ groupId: g.id, ...edit }))).toBe('GENERIC.CONTENT_RISKY')
    expect(errCode(await cloud.as('dev-cadre').community.updateGroup({ groupId: 'g_nope', ...edit, name: '篮球社' }))).toBe('GROUP.NOT_FOUND')
    expect(snapshot(cloud)).toBe(before)
  })

  it('checks a new cover on edit, keeps an unchanged one, and removes it on null', async () => {
    const cover = cloud.upload('dev-cadre', 'group-cover-02')
    const g = await made('dev-cadre', { cover, name: '润城镇书法社', kind: 'interest' })
    const edit = { groupId: g.id, name: '润城镇书法社', kind: 'interest' as const, tags: [], description: '练字。', joinPolicy: 'open' as const, capacity: null }
    const risky = cloud.upload('dev-cadre', 'risky-cover-03')
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').community.updateGroup({ ...edit, cover: risky }))).toBe('GENERIC.CONTENT_RISKY')
    expect(errCode(await cloud.as('dev-cadre').community.updateGroup({ ...edit, cover: cloud.upload('dev-youth', 'not-mine-0002') }))).toBe('FILE.NOT_OWN')
    expect(snapshot(cloud)).toBe(before)
    expect(ok(await cloud.as('dev-cadre').community.updateGroup({ ...edit, cover })).group).toMatchObject({ cover, coverCheck: 'pass' })
    expect(ok(await cloud.as('dev-cadre').community.updateGroup({ ...edit, cover: null })).group).toMatchObject({ cover: null, coverCheck: null })
  })
})

describe('moveGroup', () => {
  async function tower() {
    const a = await made('dev-admin', { orgId: 'yc', name: '阳城县塔群A' })
    const b = await made('dev-cadre', { parentGroupId: a.id, name: '润城镇塔群B' })
    const c = await made('dev-cadre', { orgId: 'yc-rc-b2', parentGroupId: b.id, name: '下庄村塔群C' })
    const other = await made('dev-admin', { orgId: 'yc', name: '阳城县塔群D' })
    return { a, b, c, other }
  }

  it('moves a group with its subtree and rewrites every path', async () => {
    const { a, b, c, other } = await tower()
    const res = ok(await cloud.as('dev-cadre').community.moveGroup({ groupId: b.id, newParentId: other.id }))
    expect(res).toMatchObject({ moved: 2, group: { parentId: other.id, depth: 1 } })
    expect(stored(b.id)).toMatchObject({ parentId: other.id, path: [other.id], depth: 1 })
    expect(stored(c.id)).toMatchObject({ parentId: b.id, path: [other.id, b.id], depth: 2 })
    expect(stored(a.id).path).toEqual([])
    expect(cloud.docs('audit_logs', { action: 'community.moveGroup' }).find((e) => e.target.id === b.id)).toMatchObject({ detail: { fromParentId: a.id, toParentId: other.id } })
  })

  it('moves a group to the top of a tower of its own', async () => {
    const { b, c } = await tower()
    const res = ok(await cloud.as('dev-cadre').community.moveGroup({ groupId: b.id, newParentId: null }))
    expect(res).toMatchObject({ moved: 2, group: { parentId: null, depth: 0 } })
    expect(stored(b.id)).toMatchObject({ parentId: null, path: [], depth: 0 })
    expect(stored(c.id)).toMatchObject({ path: [b.id], depth: 1 })
    expect(ok(await cloud.as('dev-cadre').community.listGroups({ orgId: 'yc-rc', limit: 50 })).items.map((g) => g.id)).toContain(b.id)
  })

  it.each([
    ['under itself', (t: Awaited<ReturnType<typeof tower>>) => t.b.id],
    ['under its own child', (t: Awaited<ReturnType<typeof tower>>) => t.c.id],
  ])('refuses a move %s (GROUP.CYCLE), leaving no trace', async (_l, target) => {
    const t = await tower()
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').community.moveGroup({ groupId: t.b.id, newParentId: target(t) }))).toBe('GROUP.CYCLE')
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses a parent in another county, leaving no trace', async () => {
    const { b } = await tower()
    const yuci = await made('dev-yuci-admin', { orgId: 'yuci-jl', name: '锦纶街道青年群' })
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').community.moveGroup({ groupId: b.id, newParentId: yuci.id }))).toBe('GROUP.OTHER_COUNTY')
    expect(errCode(await cloud.as('dev-admin').community.moveGroup({ groupId: b.id, newParentId: yuci.id }))).toBe('GROUP.OTHER_COUNTY')
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses to move another township’s group, even under the caller’s own group', async () => {
    const fc = await made('fc-cadre', { orgId: 'yc-fc', name: '凤城镇青年群' })
    const { b } = await tower()
    expect(errCode(await cloud.as('dev-cadre').community.moveGroup({ groupId: fc.id, newParentId: b.id }))).toBe('AUTH.FORBIDDEN')
    expect(stored(fc.id).parentId).toBeNull()
  })
})

describe('listGroups', () => {
  it('pages an org’s top groups and a group’s children, never skipping or repeating', async () => {
    const parent = await made('dev-cadre', { orgId: 'yc-rc-b3', name: '屯城村总群' })
    const kids = []
    for (let i = 0; i < 5; i++) kids.push((await made('dev-cadre', { orgId: 'yc-rc-b3', parentGroupId: parent.id, name: `屯城村${i}组` })).id)
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = ok(await cloud.as('dev-cadre').community.listGroups({ parentGroupId: parent.id, limit: 2, ...(cursor ? { cursor } : {}) }))
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((g) => g.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen.sort()).toEqual(kids.sort())
    // The org's top level holds the parent only: children are not top groups.
    const top = ok(await cloud.as('dev-cadre').community.listGroups({ orgId: 'yc-rc-b3' })).items.map((g) => g.id)
    expect(top).toEqual([parent.id])
  })

  it('lists a township’s group hung under the county’s group among the township’s top groups, not the county’s', async () => {
    const county = await made('dev-admin', { orgId: 'yc', name: '阳城县青年志愿服务联盟', kind: 'alliance' })
    const town = await made('dev-cadre', { orgId: 'yc-rc-b4', parentGroupId: county.id, name: '中庄村青年志愿者', kind: 'volunteer_team' })
    const inner = await made('dev-cadre', { orgId: 'yc-rc-b4', parentGroupId: town.id, name: '中庄村青年志愿者一队', kind: 'volunteer_team' })
    const top = async (orgId: string) => ok(await cloud.as('dev-admin').community.listGroups({ orgId, limit: 50 }))
    expect((await top('yc-rc-b4')).items.map((g) => g.id)).toEqual([town.id])
    const countyTop = (await top('yc')).items.map((g) => g.id)
    expect(countyTop).toContain(county.id)
    expect(countyTop).not.toContain(town.id)
    // Moved to the top of a tower of its own, the inner group now heads its org's part too.
    ok(await cloud.as('dev-cadre').community.moveGroup({ groupId: inner.id, newParentId: null }))
    expect((await top('yc-rc-b4')).items.map((g) => g.id).sort()).toEqual([town.id, inner.id].sort())
    // And back under a group of its own org, it no longer does.
    ok(await cloud.as('dev-cadre').community.moveGroup({ groupId: inner.id, newParentId: town.id }))
    expect((await top('yc-rc-b4')).items.map((g) => g.id)).toEqual([town.id])
  })

  it('needs exactly one of orgId and parentGroupId', async () => {
    expect(errCode(await cloud.as('dev-cadre').community.listGroups({}))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-cadre').community.listGroups({ orgId: 'yc-rc', parentGroupId: 'g_x' }))).toBe('GENERIC.BAD_INPUT')
  })
})

describe('bad inputs leave no trace', () => {
  const other = () => cloud.upload('dev-youth', 'not-mine-0001')
  it.each<[string, () => Record<string, unknown>, string]>([
    ['a number for the name', () => ({ name: 12345 }), 'GENERIC.BAD_INPUT'],
    ['a name too long', () => ({ name: '长'.repeat(31) }), 'GENERIC.BAD_INPUT'],
    ['a name of one character', () => ({ name: '群' }), 'GENERIC.BAD_INPUT'],
    ['control characters in the name', () => ({ name: '润城\u0000青年' }), 'GENERIC.BAD_INPUT'],
    ['a zero-width character in a tag', () => ({ tags: ['读\u200B书'] }), 'GENERIC.BAD_INPUT'],
    ['a description too long', () => ({ description: '字'.repeat(501) }), 'GENERIC.BAD_INPUT'],
    ['too many tags', () => ({ tags: ['一一', '二二', '三三', '四四', '五五', '六六', '七七', '八八', '九九'] }), 'GENERIC.BAD_INPUT'],
    ['an unknown kind', () => ({ kind: 'chat_room' }), 'GENERIC.BAD_INPUT'],
    ['an unknown join policy', () => ({ joinPolicy: 'anyone' }), 'GENERIC.BAD_INPUT'],
    ['a fractional capacity', () => ({ capacity: 10.5 }), 'GENERIC.BAD_INPUT'],
    ['a negative capacity', () => ({ capacity: -1 }), 'GENERIC.BAD_INPUT'],
    ['a foreign cover URL', () => ({ cover: 'https://example.com/cover.jpg' }), 'GENERIC.BAD_INPUT'],
    ['someone else’s upload as cover', () => ({ cover: other() }), 'FILE.NOT_OWN'],
    ['a risky cover', () => ({ cover: cloud.upload('dev-cadre', 'risky-cover-02') }), 'GENERIC.CONTENT_RISKY'],
    ['a risky name', () => ({ name: '诈骗交流群' }), 'GENERIC.CONTENT_RISKY'],
    ['a foreign chat QR URL', () => ({ chatQr: 'https://example.com/qr.png' }), 'GENERIC.BAD_INPUT'],
    ['someone else’s upload as chat QR', () => ({ chatQr: cloud.upload('dev-youth', 'not-mine-qr-0001') }), 'FILE.NOT_OWN'],
    ['a risky chat QR', () => ({ chatQr: cloud.upload('dev-cadre', 'risky-chat-qr-01') }), 'GENERIC.CONTENT_RISKY'],
    ['an unknown field', () => ({ createdBy: 'someone' }), 'GENERIC.BAD_INPUT'],
    ['a bad request key', () => ({ requestId: 'not-a-uuid' }), 'GENERIC.BAD_INPUT'],
    ['an org id with operators', () => ({ orgId: { $ne: null } }), 'GENERIC.BAD_INPUT'],
  ])('refuses %s', async (_l, bad, code) => {
    const payload = groupInput(bad())
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').community.createGroup(payload))).toBe(code)
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('the chat QR', () => {
  const edit = (groupId: string, chatQr: string | null, over: Record<string, unknown> = {}) =>
    cloud.as('dev-cadre').community.updateGroup({ groupId, name: '润城镇青年羽毛球社', kind: 'interest', tags: [], description: '打球。', cover: null, joinPolicy: 'open', capacity: null, chatQr, ...over })

  it('takes the cadre’s own upload, checked like the cover, and shows it with its check to the group’s cadres', async () => {
    const qr = cloud.upload('dev-cadre', 'chat-qr-0001')
    const g = await made('dev-cadre', { name: '润城镇青年羽毛球社', kind: 'interest', chatQr: qr })
    expect(g).toMatchObject({ chatQr: qr, chatQrCheck: 'pass' })
    expect(stored(g.id)).toMatchObject({ chatQr: qr, chatQrCheck: 'pass', chatQrTrace: null })
    expect(ok(await cloud.as('dev-admin').community.getGroup({ groupId: g.id })).group).toMatchObject({ chatQr: qr, chatQrCheck: 'pass' })
    expect((await made('dev-cadre', { name: '润城镇青年乒乓球社', kind: 'interest' })).chatQr).toBeNull()
  })

  it('says which picture was refused when the chat QR is risky, and writes nothing', async () => {
    const before = snapshot(cloud)
    const res = await cloud.as('dev-cadre').community.createGroup(groupInput({ name: '润城镇青年棋社', chatQr: cloud.upload('dev-cadre', 'risky-chat-qr-02') }))
    expect(res.ok ? null : res.error).toMatchObject({ code: 'GENERIC.CONTENT_RISKY', message: expect.stringContaining('微信群二维码') })
    expect(snapshot(cloud)).toBe(before)
  })

  it('keeps an unchanged chat QR’s check on edit, checks a new one, and removes it on null', async () => {
    const qr = cloud.upload('dev-cadre', 'chat-qr-0003')
    const g = await made('dev-cadre', { name: '润城镇青年羽毛球社', kind: 'interest', chatQr: qr })
    // A check still pending stays pending when the QR is not changed: it is not asked again.
    await cloud.emulator.store.upsert('groups', { ...stored(g.id), chatQrCheck: 'pending', chatQrTrace: 'qr-trace-kept' })
    expect(ok(await edit(g.id, qr)).group).toMatchObject({ chatQr: qr, chatQrCheck: 'pending' })
    expect(stored(g.id).chatQrTrace).toBe('qr-trace-kept')
    const risky = cloud.upload('dev-cadre', 'risky-chat-qr-04')
    expect(errCode(await edit(g.id, risky))).toBe('GENERIC.CONTENT_RISKY')
    expect(stored(g.id)).toMatchObject({ chatQr: qr, chatQrTrace: 'qr-trace-kept' })
    const fresh = cloud.upload('dev-cadre', 'chat-qr-0005')
    expect(ok(await edit(g.id, fresh)).group).toMatchObject({ chatQr: fresh, chatQrCheck: 'pass' })
    expect(stored(g.id).chatQrTrace).toBeNull()
    expect(ok(await edit(g.id, null)).group).toMatchObject({ chatQr: null, chatQrCheck: null })
  })

  it('takes WeChat’s pushed verdict on a pending chat QR, apart from the cover’s', async () => {
    let trace = 0
    const platform = { ...cloud.deps().platform, contentCheck: { ...cloud.deps().platform.contentCheck, image: async () => ({ pending: `qr-trace-${++trace}` }) } }
    const prod = createHandler(communityContract, actions, () => ({ ...cloud.deps(), platform }))
    const push = (trace_id: string, suggest: string) =>
      prod.handle({ action: 'groupCoverChecked', payload: { ToUserName: 'gh_x', MsgType: 'event', Event: 'wxa_media_check', trace_id, version: 2, result: { suggest, label: '100' } } }, { openid: null, appid: null, source: 'push' })
    const payload = groupInput({ name: '润城镇青年骑行队', cover: cloud.upload('dev-cadre', 'group-cover-21'), chatQr: cloud.upload('dev-cadre', 'chat-qr-0022') })
    const g = (ok(await prod.handle({ action: 'createGroup', payload }, localCaller('dev-cadre'))) as { group: { id: string } }).group
    // The cover was checked first (qr-trace-1), then the chat QR (qr-trace-2).
    expect(stored(g.id)).toMatchObject({ coverCheck: 'pending', coverTrace: 'qr-trace-1', chatQrCheck: 'pending', chatQrTrace: 'qr-trace-2' })
    expect(ok(await push('qr-trace-2', 'risky'))).toEqual({ applied: true })
    expect(stored(g.id)).toMatchObject({ coverCheck: 'pending', coverTrace: 'qr-trace-1', chatQrCheck: 'risky', chatQrTrace: null })
    expect(ok(await push('qr-trace-2', 'pass'))).toEqual({ applied: false }) // spent
    expect(ok(await push('qr-trace-1', 'pass'))).toEqual({ applied: true })
    expect(stored(g.id)).toMatchObject({ coverCheck: 'pass', coverTrace: null, chatQrCheck: 'risky' })
    expect(cloud.logs.some((l) => l.event === 'chat_qr_refused' && l.fields?.groupId === g.id)).toBe(true)
  })
})

describe('the invite code', () => {
  const CODE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/
  const edit = (groupId: string, joinPolicy: 'open' | 'approval' | 'invite', name = '润城镇青年读书会') =>
    cloud.as('dev-cadre').community.updateGroup({ groupId, name, kind: 'interest', tags: [], description: '读书。', cover: null, joinPolicy, capacity: null, chatQr: null })

  it('is made for an invite-only group, kept across edits, and dropped with the policy', async () => {
    const g = await made('dev-cadre', { name: '润城镇青年读书会', kind: 'interest', joinPolicy: 'invite' })
    expect(g.inviteCode).toMatch(CODE)
    expect(stored(g.id).inviteCode).toBe(g.inviteCode)
    const renamed = ok(await edit(g.id, 'invite', '润城镇青年读书社')).group
    expect(renamed).toMatchObject({ name: '润城镇青年读书社', inviteCode: g.inviteCode })
    expect(ok(await edit(g.id, 'approval')).group.inviteCode).toBeNull()
    expect(stored(g.id).inviteCode).toBeNull()
    const again = ok(await edit(g.id, 'invite')).group
    expect(again.inviteCode).toMatch(CODE)
    // The code is the group's: joining with it lets a youth in.
    expect(errCode(await cloud.as('dev-youth').community.joinGroup({ groupId: g.id, inviteCode: again.inviteCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA' }))).toBe('GROUP.INVITE_WRONG')
    expect(ok(await cloud.as('dev-youth').community.joinGroup({ groupId: g.id, inviteCode: again.inviteCode! })).membership.status).toBe('active')
  })

  it('is none for open and approval groups', async () => {
    expect((await made('dev-cadre', { name: '润城镇青年跑团', kind: 'interest', joinPolicy: 'open' })).inviteCode).toBeNull()
    const g = await made('dev-cadre', { name: '润城镇青年书画社', kind: 'interest', joinPolicy: 'approval' })
    expect(g.inviteCode).toBeNull()
    expect(stored(g.id).inviteCode).toBeNull()
  })

  it('differs between groups', async () => {
    const codes = new Set<string>()
    for (let i = 0; i < 5; i++) codes.add((await made('dev-cadre', { name: `润城镇邀请群${i}`, kind: 'interest', joinPolicy: 'invite' })).inviteCode!)
    expect(codes.size).toBe(5)
  })
})
