import type { CreateGroupInputT } from '../../../types/contract/community'
import { groupInput } from '../../fixtures/groups'
import { createActivityInput, PLACE, START, participation, putActivity } from '../../fixtures/activities'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Activities for a group (社群): an activity whose audience is a group is for the active members of
 * that group and of every group below it in the tower — for sign-up, walk-ins, the youth's feed and
 * the group's own page — and a cadre may name only a group of their activity org's subtree.
 *
 * The tower (all open groups, made by dev-cadre of 润城镇):
 *   润城镇青年 (P, yc-rc)
 *   ├── 润城镇志愿者 (T, yc-rc) ← the audience
 *   │   └── 上庄村志愿者 (C, yc-rc-b1)
 *   └── 润城镇读书会 (S, yc-rc)
 * and 凤城镇青年 (F, yc-fc), made by a cadre of the neighbouring township.
 */
let cloud: TestCloud
const g = { P: '', T: '', C: '', S: '', F: '' }
/** Seeded, real-named youth, each an active member of the one group named (none: of no group; left: joined T and left). */
const YOUTH = { member: 'seed-youth-0001', child: 'seed-youth-0002', parent: 'seed-youth-0003', sibling: 'seed-youth-0004', none: 'seed-youth-0005', left: 'seed-youth-0006' }

const makeGroup = async (who: string, over: Partial<CreateGroupInputT>) => ok(await cloud.as(who).community.createGroup(groupInput(over))).group.id
const join = async (openid: string, groupId: string) => ok(await cloud.as(openid).community.joinGroup({ groupId }))

beforeAll(async () => {
  cloud = await testCloud()
  await cloud.emulator.store.upsert('roles', { _id: 'r_fc_cadre', openid: 'fc-cadre', userId: null, role: 'cadre', orgId: 'yc-fc', via: 'grant', grantedBy: null, grantedAt: 0 })
  g.P = await makeGroup('dev-cadre', { name: '润城镇青年' })
  g.T = await makeGroup('dev-cadre', { name: '润城镇志愿者', parentGroupId: g.P, kind: 'volunteer_team' })
  g.C = await makeGroup('dev-cadre', { name: '上庄村志愿者', parentGroupId: g.T, orgId: 'yc-rc-b1', kind: 'volunteer_team' })
  g.S = await makeGroup('dev-cadre', { name: '润城镇读书会', parentGroupId: g.P })
  g.F = await makeGroup('fc-cadre', { name: '凤城镇青年', orgId: 'yc-fc' })
  await join(YOUTH.member, g.T)
  await join(YOUTH.child, g.C)
  await join(YOUTH.parent, g.P)
  await join(YOUTH.sibling, g.S)
  await join(YOUTH.left, g.T)
  ok(await cloud.as(YOUTH.left).community.leaveGroup({ groupId: g.T }))
}, 30_000)
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

const H = 3600_000
/** A town activity (yc-rc) two days out, for group T unless told. */
const input = (over: Record<string, unknown> = {}) =>
  createActivityInput({ orgId: 'yc-rc', title: '河道清理', description: '清理沁河沿岸垃圾。', audience: { type: 'group', groupId: g.T }, ...over })
async function published(over: Record<string, unknown> = {}) {
  const a = ok(await cloud.as('dev-cadre').activity.createActivity(input(over))).activity
  return ok(await cloud.as('dev-cadre').activity.publishActivity({ activityId: a.id })).activity
}
const signUp = (openid: string, activityId: string) => cloud.as(openid).activity.signUp({ activityId })
const feedIds = async (openid: string) => ok(await cloud.as(openid).activity.listActivities({ limit: 50 })).items.map((c) => c.id)
const groupPage = (openid: string, groupId: string, more: Record<string, unknown> = {}) => cloud.as(openid).community.listGroupActivities({ groupId, ...more })

describe('creating an activity for a group', () => {
  it('takes a group of the activity org’s subtree and shows the audience', async () => {
    const a = ok(await cloud.as('dev-cadre').activity.createActivity(input())).activity
    expect(a.audience).toEqual({ type: 'group', groupId: g.T })
    // A group of a branch under the town is inside the town's subtree too.
    expect(ok(await cloud.as('dev-cadre').activity.createActivity(input({ audience: { type: 'group', groupId: g.C } }))).activity.audience).toEqual({ type: 'group', groupId: g.C })
  })

  it.each<[string, () => Record<string, unknown>, string]>([
    ['a group of another township', () => ({ audience: { type: 'group', groupId: g.F } }), 'AUTH.FORBIDDEN'],
    ['a group of the town for a branch’s activity', () => ({ orgId: 'yc-rc-b1', audience: { type: 'group', groupId: g.T } }), 'AUTH.FORBIDDEN'],
    ['a group that does not exist', () => ({ audience: { type: 'group', groupId: 'g-none-such' } }), 'GROUP.NOT_FOUND'],
  ])('refuses %s, leaving no trace', async (_label, over, code) => {
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-cadre').activity.createActivity(input(over())))).toBe(code)
    expect(snapshot(cloud)).toBe(before)
  })

  it('checks a group named by an edit the same way', async () => {
    const a = ok(await cloud.as('dev-cadre').activity.createActivity(input({ audience: { type: 'everyone' } }))).activity
    expect(errCode(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, audience: { type: 'group', groupId: g.F } }))).toBe('AUTH.FORBIDDEN')
    expect(ok(await cloud.as('dev-cadre').activity.updateActivity({ activityId: a.id, audience: { type: 'group', groupId: g.S } })).activity.audience).toEqual({ type: 'group', groupId: g.S })
  })
})

describe('signing up for a group’s activity', () => {
  it('lets a member of the group sign up, and a member of a group below it', async () => {
    const a = await published()
    expect(ok(await signUp(YOUTH.member, a.id)).participation.status).toBe('signed')
    expect(ok(await signUp(YOUTH.child, a.id)).participation.status).toBe('signed')
  })

  it.each([
    ['a youth in no group', YOUTH.none],
    ['a member of the group above', YOUTH.parent],
    ['a member of a sibling group', YOUTH.sibling],
    ['a member who left', YOUTH.left],
    // The town's own youth (dev-youth is of 润城镇), not in the group.
    ['a youth of the group’s org', 'dev-youth'],
  ])('refuses %s with ACTIVITY.NOT_IN_AUDIENCE, leaving no trace', async (_label, openid) => {
    const a = await published()
    const before = snapshot(cloud)
    expect(errCode(await signUp(openid, a.id))).toBe('ACTIVITY.NOT_IN_AUDIENCE')
    expect(snapshot(cloud)).toBe(before)
  })

  it('admits a walk-in from the group’s tower only', async () => {
    const a = putActivity(cloud, { orgId: 'yc-rc', walkIn: true, audience: { type: 'group', groupId: g.T } })
    cloud.clock.set(START)
    const near = { lat: PLACE.lat + 0.0005, lng: PLACE.lng, accuracy: 20 }
    expect(ok(await cloud.as(YOUTH.child).activity.checkIn({ activityId: a._id, location: near })).participation).toMatchObject({ status: 'signed', flags: ['walk_in'] })
    expect(errCode(await cloud.as(YOUTH.parent).activity.checkIn({ activityId: a._id, location: near }))).toBe('ACTIVITY.NOT_IN_AUDIENCE')
    expect(participation(cloud, a, YOUTH.parent)).toBeNull()
  })
})

describe('the youth’s feed', () => {
  it('offers a group’s activity to its members and those below, and to nobody else', async () => {
    const a = await published({ title: '只给社群的活动' })
    const forAll = await published({ title: '所有青年的活动', audience: { type: 'everyone' } })
    for (const openid of [YOUTH.member, YOUTH.child]) expect(await feedIds(openid)).toEqual(expect.arrayContaining([a.id, forAll.id]))
    for (const openid of [YOUTH.none, YOUTH.parent, YOUTH.sibling, YOUTH.left, 'dev-youth']) {
      const ids = await feedIds(openid)
      expect(ids).toContain(forAll.id)
      expect(ids).not.toContain(a.id)
    }
  })
})

describe('listGroupActivities', () => {
  it('lists the published activities for the group and the groups above it, newest start first, a page at a time', async () => {
    const early = await published({ title: '早的活动' })
    const late = await published({ title: '晚的活动', startAt: TEST_NOW + 72 * H, endAt: TEST_NOW + 75 * H })
    const forChild = await published({ title: '村里的活动', audience: { type: 'group', groupId: g.C } })
    const draft = ok(await cloud.as('dev-cadre').activity.createActivity(input({ title: '草稿活动' }))).activity

    const ofT = ok(await groupPage(YOUTH.member, g.T, { limit: 50 })).items.map((c) => c.id)
    expect(ofT).toEqual(expect.arrayContaining([early.id, late.id]))
    expect(ofT.indexOf(late.id)).toBeLessThan(ofT.indexOf(early.id))
    // An activity for the group below is not for this group's members; a draft is nobody's yet.
    expect(ofT).not.toContain(forChild.id)
    expect(ofT).not.toContain(draft.id)

    // The child group's page has the activities for it and for the group above.
    expect(ok(await groupPage(YOUTH.child, g.C, { limit: 50 })).items.map((c) => c.id)).toEqual(expect.arrayContaining([early.id, late.id, forChild.id]))
    // The sibling and the parent have none of them.
    const ofS = ok(await groupPage(YOUTH.sibling, g.S, { limit: 50 })).items.map((c) => c.id)
    const ofP = ok(await groupPage(YOUTH.parent, g.P, { limit: 50 })).items.map((c) => c.id)
    for (const id of [early.id, late.id, forChild.id]) {
      expect(ofS).not.toContain(id)
      expect(ofP).not.toContain(id)
    }

    // Cards as on the activity list, paged by cursor without repeats.
    const first = ok(await groupPage(YOUTH.member, g.T, { limit: 1 }))
    expect(first.items[0]).toMatchObject({ id: late.id, title: '晚的活动', orgName: '润城镇团委', status: 'published', coverUrl: null })
    const second = ok(await groupPage(YOUTH.member, g.T, { limit: 1, cursor: first.nextCursor }))
    expect(second.items[0].id).not.toBe(late.id)
  })

  it('is for members and the group’s managers only', async () => {
    expect(errCode(await groupPage(YOUTH.none, g.T))).toBe('GROUP.NOT_MEMBER')
    expect(errCode(await groupPage(YOUTH.parent, g.T))).toBe('GROUP.NOT_MEMBER')
    expect(errCode(await groupPage(YOUTH.left, g.T))).toBe('GROUP.NOT_MEMBER')
    expect(errCode(await groupPage(YOUTH.member, 'g-none-such'))).toBe('GROUP.NOT_FOUND')
    // The county's admin manages every group of the county without being a member of any.
    expect(ok(await groupPage('dev-admin', g.C, { limit: 50 })).items.length).toBeGreaterThan(0)
  })
})
