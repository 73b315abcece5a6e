import { randomUUID } from 'node:crypto'
import { activityMac, shortCode, stepAt } from '../../../cloudfunctions/_core/attendance'
import { enroll, ended, putActivity, putAttendance, MIN, START } from '../../fixtures/activities'
import type { CreateGroupInputT } from '../../../types/contract/community'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * A group's figures and its tower's: members (distinct youth up the tower), new this month, active in
 * the last 30 days (read an announcement, or checked in to one of the group's activities), activities
 * held and hours served. The tower: 总群 (top) over 分群A and 分群B, all dev-cadre's (the owner of each).
 */
let cloud: TestCloud
const g = { top: '', a: '', b: '' }
const youth = (i: number) => `seed-youth-${String(i).padStart(4, '0')}`
const DAY = 86_400_000
const digitsAt = (a: { _id: string; secret: string }, at: number) => shortCode(a._id, stepAt(at), activityMac(a.secret))
/** An attendance whose review approved `minutes`. */
function approved(a: Parameters<typeof putAttendance>[1], who: string, minutes: number) {
  const p = putAttendance(cloud, a, who, { minutes, review: 'approved' })
  cloud.emulator.store.upsert('participations', { ...p, approvedMinutes: minutes })
}

function input(over: Partial<CreateGroupInputT>): CreateGroupInputT {
  return { requestId: randomUUID(), orgId: 'yc-rc', parentGroupId: null, name: '润城镇青年总群', kind: 'org_group', tags: [], description: '润城镇团委的社群。', cover: null, joinPolicy: 'open', capacity: null, chatQr: null, ...over }
}
const make = async (over: Partial<CreateGroupInputT>) => ok(await cloud.as('dev-cadre').community.createGroup(input(over))).group.id
const join = async (who: string, groupId: string) => ok(await cloud.as(who).community.joinGroup({ groupId }))
const figures = async (groupId: string, who = 'dev-cadre') => ok(await cloud.as(who).community.groupFigures({ groupId }))

beforeAll(async () => {
  cloud = await testCloud({ youth: 10 })
  // Last month (2026-10-20): the groups, and youth 1 in A.
  cloud.clock.set(TEST_NOW - 39 * DAY)
  g.top = await make({})
  g.a = await make({ name: '分群A', parentGroupId: g.top })
  g.b = await make({ name: '分群B', parentGroupId: g.top })
  await join(youth(1), g.a)
  // This month: youth 2 in A and in B (one youth, two groups of the tower), youth 3 in B.
  cloud.clock.set(TEST_NOW)
  await join(youth(2), g.a)
  await join(youth(2), g.b)
  await join(youth(3), g.b)
}, 30_000)
afterAll(() => cloud.close())

describe('groupFigures', () => {
  it('counts members, and members new this month, once per youth up the tower', async () => {
    const f = await figures(g.a)
    // A: dev-cadre (owner, last month), youth 1 (last month), youth 2 (this month).
    expect(f.group).toMatchObject({ members: 3, newThisMonth: 1, groups: 1 })
    const t = await figures(g.top)
    // The tower: dev-cadre, youth 1, 2, 3 — youth 2 once though in A and B.
    expect(t.tower).toMatchObject({ members: 4, newThisMonth: 2, groups: 3 })
    expect(t.group).toMatchObject({ members: 1, newThisMonth: 0 })
  })

  it('counts as active whoever read an announcement or checked in to one of the group’s activities in 30 days', async () => {
    expect((await figures(g.top)).tower.active30d).toBe(0)
    const { announcement } = ok(await cloud.as('dev-cadre').community.postAnnouncement({ requestId: randomUUID(), groupId: g.a, title: '本周活动', body: '周六沁河边捡垃圾。', images: [], pinned: false }))
    ok(await cloud.as(youth(1)).community.readAnnouncement({ announcementId: announcement.id }))

    // Youth 3 (in B) checks in to an activity for B.
    const activity = putActivity(cloud, { audience: { type: 'group', groupId: g.b }, checkInModes: ['code'] })
    enroll(cloud, activity, youth(3))
    cloud.clock.set(START - 10 * MIN)
    ok(await cloud.as(youth(3)).activity.checkIn({ activityId: activity._id, code: digitsAt(activity, START - 10 * MIN) }))
    cloud.clock.set(TEST_NOW)

    expect((await figures(g.a)).group.active30d).toBe(1)
    expect((await figures(g.b)).group.active30d).toBe(1)
    expect((await figures(g.top)).tower.active30d).toBe(2)
    // Thirty-one days on, nobody is active any more.
    cloud.clock.set(START + 31 * DAY)
    expect((await figures(g.top)).tower.active30d).toBe(0)
    cloud.clock.set(TEST_NOW)
  })

  it('counts the activities held for the tower’s groups and the hours approved in them', async () => {
    const held = putActivity(cloud, { ...ended('fig-held'), audience: { type: 'group', groupId: g.a } })
    approved(held, youth(1), 90)
    approved(held, youth(2), 60)
    putAttendance(cloud, held, youth(3), { minutes: 600, review: 'pending' })
    // Not held yet, or for another audience: not counted.
    putActivity(cloud, { audience: { type: 'group', groupId: g.a } })
    putActivity(cloud, { ...ended('fig-other') })
    const a = await figures(g.a)
    expect(a.group).toMatchObject({ activities: 1, hours: 2.5 })
    // The tower: A's one held activity (B's is still to come); nothing for the top group itself.
    const top = await figures(g.top)
    expect(top.tower).toMatchObject({ activities: 1, hours: 2.5 })
    expect(top.group).toMatchObject({ activities: 0, hours: 0 })
  })

  it('is for the group’s admins and the cadres in scope only', async () => {
    expect(errCode(await cloud.as(youth(1)).community.groupFigures({ groupId: g.a }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-yuci-admin').community.groupFigures({ groupId: g.a }))).toBe('AUTH.FORBIDDEN')
    expect((await figures(g.a, 'dev-admin')).group.members).toBe(3)
  })
})
