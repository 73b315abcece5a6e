import { randomUUID } from 'node:crypto'
import { userIdFor } from '../../../cloudfunctions/_core/profile'
import { membershipIdFor } from '../../../cloudfunctions/_core/community'
import type { CreateGroupInputT } from '../../../types/contract/community'
import { errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 60 })
  // A cadre of 凤城镇, the township beside 润城镇 (dev-cadre's): same county, another subtree.
  await cloud.emulator.store.upsert('roles', { _id: 'r_fc_cadre', openid: 'fc-cadre', userId: null, role: 'cadre', orgId: 'yc-fc', via: 'grant', grantedBy: null, grantedAt: 0 })
})
afterAll(() => cloud.close())

const youth = (i: number) => `seed-youth-${String(i).padStart(4, '0')}`
const uid = (openid: string) => userIdFor(cloud.secrets, openid)

async function group(overrides: Partial<CreateGroupInputT> & Record<string, unknown> = {}) {
  const input = {
    requestId: randomUUID(),
    orgId: 'yc-rc',
    parentGroupId: null,
    name: '润城镇青年摄影社',
    kind: 'interest',
    tags: ['摄影'],
    description: '一起拍家乡。',
    cover: null,
    joinPolicy: 'open',
    capacity: null,
    ...overrides,
  } as CreateGroupInputT
  return ok(await cloud.as('dev-cadre').community.createGroup(input)).group
}

const join = (openid: string, groupId: string, extra: Record<string, unknown> = {}) => cloud.as(openid).community.joinGroup({ groupId, ...extra })
const seats = (groupId: string) => cloud.emulator.store.get('group_seats', groupId) as Record<string, any>
const members = async (groupId: string) => ok(await cloud.as('dev-cadre').community.getGroup({ groupId })).group.members
const reach = async (groupId: string) => ok(await cloud.as('dev-cadre').community.getGroup({ groupId })).group.reach

/** Distinct youth with an active membership in `groupIds`, counted from the membership documents themselves. */
function bruteReach(groupIds: string[]): number {
  return new Set(cloud.docs('memberships', { status: 'active' }).filter((m) => groupIds.includes(m.groupId)).map((m) => m.userId)).size
}

describe('joining', () => {
  it('the maker is the owner and first member; an open group takes a youth at once, once however often they tap', async () => {
    const g = await group()
    expect(await members(g.id)).toBe(1)
    const owner = cloud.emulator.store.get('memberships', membershipIdFor(g.id, uid('dev-cadre'))) as Record<string, any>
    expect(owner).toMatchObject({ role: 'owner', status: 'active' })

    const taps = await Promise.all(Array.from({ length: 5 }, () => join('dev-youth', g.id)))
    const views = taps.map((t) => ok(t).membership)
    expect(new Set(views.map((v) => v.id)).size).toBe(1)
    expect(views[0]).toMatchObject({ status: 'active', role: 'member', groupId: g.id })
    expect(await members(g.id)).toBe(2)
    expect(Object.keys(seats(g.id).holders)).toHaveLength(2)
  })

  it('an approval group takes a request; the admin approves it and the youth is a member', async () => {
    const g = await group({ joinPolicy: 'approval' })
    const asked = ok(await join(youth(1), g.id, { message: '我喜欢摄影' })).membership
    expect(asked.status).toBe('pending')
    expect(await members(g.id)).toBe(1)
    // Asking again answers the same request.
    expect(ok(await join(youth(1), g.id)).membership).toMatchObject({ id: asked.id, status: 'pending' })

    const requests = ok(await cloud.as('dev-cadre').community.listJoinRequests({ groupId: g.id }))
    expect(requests.items.map((r) => [r.id, r.message])).toEqual([[asked.id, '我喜欢摄影']])

    const approved = ok(await cloud.as('dev-cadre').community.reviewJoinRequest({ membershipId: asked.id, approve: true })).member
    expect(approved).toMatchObject({ status: 'active', role: 'member' })
    expect(await members(g.id)).toBe(2)
    expect(errCode(await cloud.as('dev-cadre').community.reviewJoinRequest({ membershipId: asked.id, approve: false, reason: '重复' }))).toBe('GROUP.REQUEST_DONE')
    expect(ok(await cloud.as('dev-cadre').community.listJoinRequests({ groupId: g.id })).items).toEqual([])
  })

  it('a rejection needs a reason the youth then sees, and the youth may ask again', async () => {
    const g = await group({ joinPolicy: 'approval' })
    const asked = ok(await join(youth(2), g.id)).membership
    expect(errCode(await cloud.as('dev-cadre').community.reviewJoinRequest({ membershipId: asked.id, approve: false }))).toBe('GENERIC.BAD_INPUT')
    const rejected = ok(await cloud.as('dev-cadre').community.reviewJoinRequest({ membershipId: asked.id, approve: false, reason: '仅限本村青年' })).member
    expect(rejected).toMatchObject({ status: 'rejected', reason: '仅限本村青年' })
    expect(await members(g.id)).toBe(1)
    expect(ok(await join(youth(2), g.id)).membership).toMatchObject({ id: asked.id, status: 'pending', reason: null })
  })

  it('an invite-only group needs its code: none, a wrong one and the right one', async () => {
    const g = await group({ joinPolicy: 'invite' })
    expect(g.inviteCode).toMatch(/^[A-Z0-9]{6}$/)
    expect(errCode(await join(youth(3), g.id))).toBe('GROUP.INVITE_ONLY')
    const wrong = g.inviteCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'
    expect(errCode(await join(youth(3), g.id, { inviteCode: wrong }))).toBe('GROUP.INVITE_WRONG')
    expect(ok(await join(youth(3), g.id, { inviteCode: g.inviteCode! })).membership.status).toBe('active')
  })

  it('an unregistered caller cannot join, and a join message is content-checked', async () => {
    const g = await group({ joinPolicy: 'approval' })
    expect(errCode(await join('nobody-here', g.id))).toBe('USER.NOT_REGISTERED')
    expect(errCode(await join(youth(4), g.id, { message: '一起来赌博' }))).toBe('GENERIC.CONTENT_RISKY')
    expect(cloud.docs('memberships', { groupId: g.id, status: 'pending' })).toEqual([])
    expect(errCode(await join(youth(4), 'g-none'))).toBe('GROUP.NOT_FOUND')
  })
})

describe('capacity', () => {
  it('a full group refuses cleanly, and approving into a full group keeps the request', async () => {
    const g = await group({ capacity: 2 })
    expect(ok(await join(youth(5), g.id)).membership.status).toBe('active')
    expect(errCode(await join(youth(6), g.id))).toBe('GROUP.FULL')

    const a = await group({ capacity: 2, joinPolicy: 'approval' })
    const r1 = ok(await join(youth(5), a.id)).membership
    const r2 = ok(await join(youth(6), a.id)).membership
    ok(await cloud.as('dev-cadre').community.reviewJoinRequest({ membershipId: r1.id, approve: true }))
    expect(errCode(await cloud.as('dev-cadre').community.reviewJoinRequest({ membershipId: r2.id, approve: true }))).toBe('GROUP.FULL')
    expect(cloud.emulator.store.get('memberships', r2.id)).toMatchObject({ status: 'pending' })
  })

  it('forty youth joining ten places at once: nine get in, thirty-one are told it is full, nobody is told to retry', async () => {
    const g = await group({ capacity: 10 })
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => join(youth(10 + i), g.id)))
    const codes = answers.map((a) => (a.ok ? 'joined' : a.error.code))
    expect(codes.filter((c) => c === 'joined')).toHaveLength(9)
    expect(codes.filter((c) => c === 'GROUP.FULL')).toHaveLength(31)
    expect(await members(g.id)).toBe(10)
    expect(cloud.docs('memberships', { groupId: g.id, status: 'active' })).toHaveLength(10)
    expect(await reach(g.id)).toBe(10)
  })

  it('a place given back by a leave goes to the next youth', async () => {
    const g = await group({ capacity: 2 })
    ok(await join(youth(7), g.id))
    expect(errCode(await join(youth(8), g.id))).toBe('GROUP.FULL')
    ok(await cloud.as(youth(7)).community.leaveGroup({ groupId: g.id }))
    expect(ok(await join(youth(8), g.id)).membership.status).toBe('active')
    expect(await members(g.id)).toBe(2)
  })
})

describe('leaving and removing', () => {
  it('leaving twice is refused the second time; the owner cannot leave; a request can be withdrawn', async () => {
    const g = await group()
    ok(await join(youth(9), g.id))
    expect(ok(await cloud.as(youth(9)).community.leaveGroup({ groupId: g.id })).membership.status).toBe('left')
    expect(errCode(await cloud.as(youth(9)).community.leaveGroup({ groupId: g.id }))).toBe('GROUP.NOT_MEMBER')
    expect(errCode(await cloud.as(youth(50)).community.leaveGroup({ groupId: g.id }))).toBe('GROUP.NOT_MEMBER')
    expect(errCode(await cloud.as('dev-cadre').community.leaveGroup({ groupId: g.id }))).toBe('GROUP.OWNER_CANNOT_LEAVE')
    expect(await members(g.id)).toBe(1)

    const a = await group({ joinPolicy: 'approval' })
    ok(await join(youth(9), a.id))
    expect(ok(await cloud.as(youth(9)).community.leaveGroup({ groupId: a.id })).membership.status).toBe('left')
    expect(ok(await cloud.as('dev-cadre').community.listJoinRequests({ groupId: a.id })).items).toEqual([])
  })

  it('admins remove members; only the owner or a cadre removes an admin; nobody removes the owner', async () => {
    const g = await group()
    const admin = ok(await join(youth(51), g.id)).membership
    const member = ok(await join(youth(52), g.id)).membership
    const other = ok(await join(youth(53), g.id)).membership
    // A member is not an admin: cannot remove anyone.
    expect(errCode(await cloud.as(youth(52)).community.removeMember({ membershipId: other.id, reason: '测试' }))).toBe('AUTH.FORBIDDEN')
    ok(await cloud.as('dev-cadre').community.setMemberRole({ membershipId: admin.id, role: 'admin' }))
    // An admin cannot make admins (only the owner or a cadre).
    expect(errCode(await cloud.as(youth(51)).community.setMemberRole({ membershipId: member.id, role: 'admin' }))).toBe('AUTH.FORBIDDEN')
    expect(ok(await cloud.as(youth(51)).community.removeMember({ membershipId: member.id, reason: '发布广告' })).member).toMatchObject({ status: 'removed', reason: '发布广告' })
    expect(errCode(await cloud.as(youth(51)).community.removeMember({ membershipId: member.id, reason: '发布广告' }))).toBe('GROUP.NOT_MEMBER')

    ok(await cloud.as('dev-cadre').community.setMemberRole({ membershipId: other.id, role: 'admin' }))
    expect(errCode(await cloud.as(youth(51)).community.removeMember({ membershipId: other.id, reason: '测试' }))).toBe('AUTH.FORBIDDEN')
    const ownerId = membershipIdFor(g.id, uid('dev-cadre'))
    expect(errCode(await cloud.as(youth(51)).community.removeMember({ membershipId: ownerId, reason: '测试' }))).toBe('GROUP.OWNER_FIXED')
    expect(errCode(await cloud.as('dev-cadre').community.setMemberRole({ membershipId: ownerId, role: 'member' }))).toBe('GROUP.OWNER_FIXED')
    expect(ok(await cloud.as('dev-cadre').community.removeMember({ membershipId: other.id, reason: '离开本镇' })).member.status).toBe('removed')

    const listed = ok(await cloud.as(youth(51)).community.listMembers({ groupId: g.id })).items
    expect(listed.map((m) => [m.role, m.status])).toEqual([
      ['owner', 'active'],
      ['admin', 'active'],
    ])
    expect(await members(g.id)).toBe(2)
  })
})

describe('scope and IDOR', () => {
  it('requests and members are for the group’s admins and the cadres in scope only', async () => {
    const g = await group({ joinPolicy: 'approval' })
    const asked = ok(await join(youth(54), g.id)).membership
    for (const who of [youth(54), youth(55), 'fc-cadre', 'dev-yuci-admin']) {
      expect(errCode(await cloud.as(who).community.listJoinRequests({ groupId: g.id }))).toBe('AUTH.FORBIDDEN')
      expect(errCode(await cloud.as(who).community.listMembers({ groupId: g.id }))).toBe('AUTH.FORBIDDEN')
      expect(errCode(await cloud.as(who).community.reviewJoinRequest({ membershipId: asked.id, approve: true }))).toBe('AUTH.FORBIDDEN')
    }
    // The county's admin covers 润城镇.
    expect(ok(await cloud.as('dev-admin').community.listJoinRequests({ groupId: g.id })).items).toHaveLength(1)
  })

  it('the admin of one group cannot act on a membership of another by its id', async () => {
    const mine = await group()
    const theirs = await group({ joinPolicy: 'approval', name: '另一个社群' })
    const me = ok(await join(youth(56), mine.id)).membership
    ok(await cloud.as('dev-cadre').community.setMemberRole({ membershipId: me.id, role: 'admin' }))
    const stranger = ok(await join(youth(57), theirs.id)).membership
    expect(errCode(await cloud.as(youth(56)).community.reviewJoinRequest({ membershipId: stranger.id, approve: true }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as(youth(56)).community.removeMember({ membershipId: stranger.id, reason: '测试' }))).toBe('AUTH.FORBIDDEN')
    expect(cloud.emulator.store.get('memberships', stranger.id)).toMatchObject({ status: 'pending' })
  })

  it('a youth sees the chat QR only as a member; myGroups lists their groups and requests', async () => {
    const g = await group({ chatQr: cloud.upload('dev-cadre', 'group-chat-qr') })
    const before = ok(await cloud.as(youth(58)).community.openGroup({ groupId: g.id })).group
    expect(before).toMatchObject({ membership: null, chatQrUrl: null, canManage: false, members: 1 })
    ok(await join(youth(58), g.id))
    const after = ok(await cloud.as(youth(58)).community.openGroup({ groupId: g.id })).group
    expect(after.membership?.status).toBe('active')
    expect(after.chatQrUrl).toContain('group-chat-qr.jpg')
    expect(ok(await cloud.as('dev-cadre').community.openGroup({ groupId: g.id })).group.canManage).toBe(true)

    const mine = ok(await cloud.as(youth(58)).community.myGroups({})).items
    expect(mine.map((i) => i.group.id)).toContain(g.id)
    expect(mine.find((i) => i.group.id === g.id)?.membership.role).toBe('member')
  })
})

describe('coverage', () => {
  it('a youth in two groups of one tower counts once at the top, and until they leave both', async () => {
    const top = await group({ name: '阳城青年总群', capacity: null })
    const a = await group({ name: '摄影分群', parentGroupId: top.id })
    const b = await group({ name: '读书分群', parentGroupId: top.id })
    ok(await join(youth(20), a.id))
    ok(await join(youth(20), b.id))
    ok(await join(youth(21), b.id))
    // dev-cadre owns all three: one youth. youth 20 in a and b: one. youth 21: one.
    expect(await reach(top.id)).toBe(3)
    expect(await reach(top.id)).toBe(bruteReach([top.id, a.id, b.id]))
    expect(await reach(a.id)).toBe(2)
    ok(await cloud.as(youth(20)).community.leaveGroup({ groupId: a.id }))
    expect(await reach(top.id)).toBe(3)
    expect(await reach(a.id)).toBe(1)
    ok(await cloud.as(youth(20)).community.leaveGroup({ groupId: b.id }))
    expect(await reach(top.id)).toBe(2)
  })

  it('an org counts the distinct youth of every group in its subtree', async () => {
    const before = ok(await cloud.as('dev-admin').community.orgCoverage({ orgId: 'yc' }))
    const g = await group({ name: '新社群' })
    ok(await join(youth(40), g.id))
    ok(await join(youth(41), g.id))
    const after = ok(await cloud.as('dev-admin').community.orgCoverage({ orgId: 'yc' }))
    expect(after.groups).toBe(before.groups + 1)
    // Brute force: the distinct youth of every active membership of a group of 阳城 (the seed's and this file's).
    const distinct = new Set(cloud.docs('memberships', { status: 'active' }).filter((m) => m.underOrgs.includes('yc')).map((m) => m.userId)).size
    expect(after.reach).toBe(distinct)
    expect(errCode(await cloud.as('fc-cadre').community.orgCoverage({ orgId: 'yc-rc' }))).toBe('AUTH.FORBIDDEN')
  })

  it('a youth joining and leaving the same group at once ends counted exactly as their membership ends', async () => {
    const g = await group({ name: '并发社群' })
    for (let round = 0; round < 5; round++) {
      await Promise.all([join(youth(30), g.id), cloud.as(youth(30)).community.leaveGroup({ groupId: g.id }), join(youth(30), g.id)])
      ok(await cloud.timer('community', 'sweepMemberships'))
      cloud.clock.advance(6 * 60_000)
      ok(await cloud.timer('community', 'sweepMemberships'))
      const active = cloud.docs('memberships', { groupId: g.id, status: 'active' }).length
      expect(await reach(g.id)).toBe(active)
      expect(await members(g.id)).toBe(active)
    }
  })

  it('moving a group moves its members’ coverage to the new tower', async () => {
    const left = await group({ name: '左塔' })
    const right = await group({ name: '右塔' })
    const child = await group({ name: '分群', parentGroupId: left.id })
    ok(await join(youth(42), child.id))
    expect(await reach(left.id)).toBe(2)
    expect(await reach(right.id)).toBe(1)
    ok(await cloud.as('dev-cadre').community.moveGroup({ groupId: child.id, newParentId: right.id }))
    expect(await reach(left.id)).toBe(1)
    expect(await reach(right.id)).toBe(2)
    expect(await reach(right.id)).toBe(bruteReach([right.id, child.id]))
  })
})
