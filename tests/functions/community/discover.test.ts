import { randomUUID } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import { type CreateGroupInputT } from '../../../types/contract/community'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { decodeMatrix } from '../../native/qr-decode'

/**
 * Discover (function community): search within the caller's county, 为你推荐 from the seeded
 * profile of 王晓青 (dev-youth: 润城镇上庄村; interests 读书 and 志愿服务, skills 直播带货 and
 * 短视频剪辑, needs 技能培训 and 创业, sector 电子商务), the group's mini-program code and the scan
 * read back.
 */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
  // A cadre of 凤城镇 with no profile of their own: they search the county of their role.
  await cloud.emulator.store.upsert('roles', { _id: 'r_fc_cadre', openid: 'fc-cadre', userId: null, role: 'cadre', orgId: 'yc-fc', via: 'grant', grantedBy: null, grantedAt: 0 })
})
afterAll(() => cloud.close())

async function made(who: string, overrides: Partial<CreateGroupInputT> & Record<string, unknown>) {
  const input = {
    requestId: randomUUID(),
    orgId: 'yc',
    parentGroupId: null,
    name: '某社群',
    kind: 'interest',
    tags: [],
    description: '阳城县的青年社群。',
    cover: null,
    joinPolicy: 'open',
    capacity: null,
    ...overrides,
  } as CreateGroupInputT
  return ok(await cloud.as(who).community.createGroup(input)).group
}

const recommended = async (who = 'dev-youth') => ok(await cloud.as(who).community.recommendGroups({})).items

describe('recommendGroups', () => {
  it('suggests the county’s groups by the seeded profile, each saying why, strongest first', async () => {
    const reading = await made('dev-admin', { name: '阳城县青年读书会', tags: ['读书'] })
    const video = await made('fc-cadre', { orgId: 'yc-fc', name: '凤城镇青年创作营', tags: ['短视频剪辑'] })
    const training = await made('fc-cadre', { orgId: 'yc-fc', name: '凤城镇青年充电站', tags: ['职业技能'] })
    const trade = await made('dev-admin', { name: '阳城县电子商务青年联合会', kind: 'industry', tags: ['电子商务'] })
    const township = await made('dev-cadre', { orgId: 'yc-rc', name: '润城镇青年篮球队', tags: ['篮球'] })
    const unrelated = await made('fc-cadre', { orgId: 'yc-fc', name: '凤城镇青年象棋社', tags: ['象棋'] })
    const items = await recommended()
    const byId = new Map(items.map((g) => [g.id, g]))
    expect(byId.get(reading.id)).toMatchObject({ reason: '因为你填写了兴趣：读书', name: '阳城县青年读书会', orgName: '共青团阳城县委', members: 1, joinPolicy: 'open' })
    expect(byId.get(video.id)?.reason).toBe('因为你填写了特长：短视频剪辑')
    expect(byId.get(training.id)?.reason).toBe('因为你需要：技能培训')
    expect(byId.get(trade.id)?.reason).toBe('因为你从事：电子商务')
    expect(byId.get(township.id)?.reason).toBe('你所在的乡镇：润城镇')
    expect(byId.has(unrelated.id)).toBe(false)
    const order = items.map((g) => g.id).filter((id) => [reading.id, video.id, training.id, trade.id, township.id].includes(id))
    expect(order).toEqual([reading.id, video.id, training.id, trade.id, township.id])
    expect(items.map((g) => g.score)).toEqual([...items.map((g) => g.score)].sort((a, b) => b - a))
    expect(items.length).toBeLessThanOrEqual(10)
  })

  it('leaves out another county’s groups, those the youth is in or asked to join, invite-only and full ones', async () => {
    const yuci = await made('dev-yuci-admin', { orgId: 'yuci', name: '榆次区青年读书会', tags: ['读书'] })
    const invite = await made('dev-admin', { name: '阳城县读书骨干群', tags: ['读书'], joinPolicy: 'invite' })
    const joined = await made('dev-admin', { name: '阳城县读书分享群', tags: ['读书'] })
    const asked = await made('dev-admin', { name: '阳城县读书沙龙', tags: ['读书'], joinPolicy: 'approval' })
    const full = await made('dev-admin', { name: '阳城县读书小组', tags: ['读书'], capacity: 2 })
    const left = await made('dev-admin', { name: '阳城县读书俱乐部', tags: ['读书'] })
    ok(await cloud.as('dev-youth').community.joinGroup({ groupId: joined.id }))
    expect(ok(await cloud.as('dev-youth').community.joinGroup({ groupId: asked.id, message: '想参加' })).membership.status).toBe('pending')
    ok(await cloud.as('seed-youth-0001').community.joinGroup({ groupId: full.id })) // the owner and this youth: 2 of 2
    ok(await cloud.as('dev-youth').community.joinGroup({ groupId: left.id }))
    ok(await cloud.as('dev-youth').community.leaveGroup({ groupId: left.id }))
    const ids = (await recommended()).map((g) => g.id)
    for (const g of [yuci, invite, joined, asked, full]) expect(ids).not.toContain(g.id)
    // A group the youth left may be suggested again.
    expect(ids).toContain(left.id)
    // And 榆次's youth are offered 榆次's group, never 阳城's.
    const rep = (await recommended('dev-rep')).map((g) => g.id)
    expect(rep).not.toContain(left.id)
  })

  it('shows a cover only once its check passed', async () => {
    const cover = cloud.upload('dev-admin', 'reading-cover-01')
    const g = await made('dev-admin', { name: '阳城县青年读书角', tags: ['读书'], cover })
    const card = async () => (await recommended()).find((x) => x.id === g.id)!
    expect((await card()).coverUrl).toMatch(/^\/files\/uploads\//)
    await cloud.emulator.store.upsert('groups', { ...cloud.emulator.store.get('groups', g.id), coverCheck: 'pending', coverTrace: 't-1' })
    expect((await card()).coverUrl).toBeNull()
  })

  it('asks a caller without a profile to register, and writes nothing', async () => {
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('fc-cadre').community.recommendGroups({}))).toBe('USER.NOT_REGISTERED')
    expect(errCode(await cloud.as(null).community.recommendGroups({}))).toBe('AUTH.UNAUTHENTICATED')
    expect(errCode(await cloud.as('dev-youth').community.recommendGroups({ limit: 5 }))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('searchGroups', () => {
  const search = async (who: string, input: Record<string, unknown>) => ok(await cloud.as(who).community.searchGroups(input))
  const names = async (who: string, input: Record<string, unknown>) => (await search(who, { limit: 50, ...input })).items.map((g) => g.name)

  it('finds the county’s groups by a word of the name in any case, or by a whole tag', async () => {
    await made('dev-admin', { name: '阳城县Cosplay同好会', tags: ['动漫'] })
    await made('fc-cadre', { orgId: 'yc-fc', name: '凤城镇青年皮影戏传习社', tags: ['非遗'] })
    await made('dev-yuci-admin', { orgId: 'yuci', name: '榆次区青年皮影戏社', tags: ['非遗'] })
    expect(await names('dev-youth', { q: 'cosplay' })).toEqual(['阳城县Cosplay同好会'])
    expect(await names('dev-youth', { q: '皮影' })).toEqual(['凤城镇青年皮影戏传习社'])
    expect(await names('dev-youth', { q: '非遗' })).toEqual(['凤城镇青年皮影戏传习社'])
    // A tag is matched whole: part of one finds nothing.
    expect(await names('dev-youth', { q: '动' })).toEqual([])
    expect(await names('dev-youth', { tag: '动漫' })).toEqual(['阳城县Cosplay同好会'])
    expect(await names('dev-youth', { q: '皮影', kind: 'association' })).toEqual([])
    expect(await names('dev-youth', { q: '皮影', kind: 'interest' })).toEqual(['凤城镇青年皮影戏传习社'])
    // The other county searches its own.
    expect(await names('dev-yuci-admin', { q: '皮影' })).toEqual(['榆次区青年皮影戏社'])
    // A cadre without a profile searches the county of their role; nobody at all is asked to register.
    expect(await names('fc-cadre', { q: '皮影' })).toEqual(['凤城镇青年皮影戏传习社'])
    expect(errCode(await cloud.as('nobody').community.searchGroups({ q: '皮影' }))).toBe('USER.NOT_REGISTERED')
  })

  it('never shows another county’s group, whatever is asked', async () => {
    const yuci = await made('dev-yuci-admin', { orgId: 'yuci', name: '榆次区青年登山队', tags: ['登山'] })
    for (const input of [{}, { q: '登山' }, { tag: '登山' }, { q: '榆次' }, { kind: 'interest' }, { q: '.*' }]) {
      let cursor: string | undefined
      do {
        const page = await search('dev-youth', { ...input, limit: 50, ...(cursor ? { cursor } : {}) })
        expect(page.items.map((g) => g.id)).not.toContain(yuci.id)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
    }
  })

  it.each(['.*', '.', '(', ')', '[', '*', '+?', '\\', '^', '$', '|', '{1}', '(?=a)', '[^]'])('reads %j as plain text: no error, no match-all', async (q) => {
    const res = await cloud.as('dev-youth').community.searchGroups({ q, limit: 50 })
    expect(ok(res).items.filter((g) => !g.name.includes(q) && !g.tags.includes(q))).toEqual([])
  })

  it('finds a name with those very characters in it', async () => {
    await made('dev-admin', { name: '阳城县C++编程社(青年)', tags: ['编程'] })
    expect(await names('dev-youth', { q: 'c++' })).toEqual(['阳城县C++编程社(青年)'])
    expect(await names('dev-youth', { q: '(青年)' })).toEqual(['阳城县C++编程社(青年)'])
  })

  it.each<[string, Record<string, unknown>]>([
    ['an operator object for q', { q: { $regex: '.*' } }],
    ['an operator object for the tag', { tag: { $ne: null } }],
    ['q too long', { q: '长'.repeat(21) }],
    ['an unknown kind', { kind: 'chat_room' }],
    ['an unknown field', { underOrgs: 'yuci' }],
    ['a forged cursor', { cursor: '{"$gt":""}' }],
  ])('refuses %s', async (_l, input) => {
    expect(errCode(await cloud.as('dev-youth').community.searchGroups(input))).toBe('GENERIC.BAD_INPUT')
  })

  it('pages newest first without skipping or repeating', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      cloud.clock.advance(1000)
      ids.push((await made('dev-admin', { name: `阳城县青年围棋社${i}`, tags: ['围棋'] })).id)
    }
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await search('dev-youth', { tag: '围棋', limit: 2, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((g) => g.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toEqual([...ids].reverse())
  })
})

/** The QR in a PNG data URL, read back as a scanner would: module centres sampled, then decoded. */
function scanPng(dataUrl: string): string {
  expect(dataUrl).toMatch(/^data:image\/png;base64,/)
  const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')
  const width = png.readUInt32BE(16)
  const idat: Buffer[] = []
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at)
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len))
    at += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const px = (x: number, y: number) => raw[y * (width + 1) + 1 + x]
  // Find the symbol: the first dark pixel is the top-left finder's corner; the finder is 7 modules wide.
  let x0 = 0
  while (px(x0, x0) !== 0) x0++
  let w = 0
  while (px(x0 + w, x0) === 0) w++
  const cell = w / 7
  const n = Math.round((width - 2 * x0) / cell)
  return decodeMatrix(Array.from({ length: n }, (_r, r) => Array.from({ length: n }, (_c, c) => px(Math.floor(x0 + (c + 0.5) * cell), Math.floor(x0 + (r + 0.5) * cell)) === 0))).text
}

describe('groupCode and resolveGroupScene', () => {
  it('gives the group’s managers a code whose scene opens the group, readable from the picture', async () => {
    const g = await made('dev-cadre', { orgId: 'yc-rc', name: '润城镇青年志愿者', joinPolicy: 'approval' })
    const code = ok(await cloud.as('dev-cadre').community.groupCode({ groupId: g.id }))
    expect(g.id).toMatch(/^g[a-z0-9]{16}$/)
    expect(code.scene).toBe(`g=${g.id}`)
    expect(scanPng(code.imageUrl)).toBe(code.scene)
    // The county's admin manages it too.
    expect(ok(await cloud.as('dev-admin').community.groupCode({ groupId: g.id })).scene).toBe(code.scene)
    expect(ok(await cloud.as('dev-youth').community.resolveGroupScene({ scene: code.scene }))).toEqual({ groupId: g.id, inviteCode: null })
  })

  it('carries an invite-only group’s code within 32 characters, and the scan lets the youth in', async () => {
    const g = await made('dev-cadre', { orgId: 'yc-rc', name: '润城镇青年突击队', kind: 'volunteer_team', joinPolicy: 'invite' })
    expect(g.inviteCode).toMatch(/^[A-Z2-9]{6}$/)
    const code = ok(await cloud.as('dev-cadre').community.groupCode({ groupId: g.id }))
    expect(code.scene).toBe(`g=${g.id}&i=${g.inviteCode}`)
    expect(code.scene.length).toBe(28)
    expect(scanPng(code.imageUrl)).toBe(code.scene)
    expect(errCode(await cloud.as('dev-youth').community.joinGroup({ groupId: g.id }))).toBe('GROUP.INVITE_ONLY')
    const scanned = ok(await cloud.as('dev-youth').community.resolveGroupScene({ scene: code.scene }))
    expect(scanned).toEqual({ groupId: g.id, inviteCode: g.inviteCode })
    expect(ok(await cloud.as('dev-youth').community.joinGroup({ groupId: scanned.groupId, inviteCode: scanned.inviteCode! })).membership.status).toBe('active')
  })

  it('refuses a member who does not manage the group, other youth, another county and an unknown group', async () => {
    const g = await made('dev-cadre', { orgId: 'yc-rc', name: '润城镇青年合唱团', joinPolicy: 'invite' })
    const { scene } = ok(await cloud.as('dev-cadre').community.groupCode({ groupId: g.id }))
    ok(await cloud.as('dev-youth').community.joinGroup({ groupId: g.id, inviteCode: scene.split('&i=')[1] }))
    expect(errCode(await cloud.as('dev-youth').community.groupCode({ groupId: g.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('seed-youth-0002').community.groupCode({ groupId: g.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('fc-cadre').community.groupCode({ groupId: g.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-yuci-admin').community.groupCode({ groupId: g.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as(null).community.groupCode({ groupId: g.id }))).toBe('AUTH.UNAUTHENTICATED')
    expect(errCode(await cloud.as('dev-cadre').community.groupCode({ groupId: 'gnope000000000000' }))).toBe('GROUP.NOT_FOUND')
  })

  it.each(['', 'g=', 'gnope', 'g=gnope000000000000', 'g=ga.b', 'x=gabc', 'g=gabc&i=abc234', 'g=gabc&i=ABC23', 'g=gabc&u=ABC234', 'g=gabc&i=ABC234&x=1', '{"$ne":null}'])(
    'answers GROUP.SCENE_INVALID for the scene %j',
    async (scene) => {
      expect(errCode(await cloud.as('dev-youth').community.resolveGroupScene({ scene }))).toBe('GROUP.SCENE_INVALID')
    },
  )

  it('refuses a scene longer than WeChat allows, or not a string', async () => {
    expect(errCode(await cloud.as('dev-youth').community.resolveGroupScene({ scene: `g=${'a'.repeat(31)}` }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-youth').community.resolveGroupScene({ scene: { $regex: 'g' } }))).toBe('GENERIC.BAD_INPUT')
  })
})
