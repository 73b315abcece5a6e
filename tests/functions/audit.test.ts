import { randomUUID } from 'node:crypto'
import { contracts } from '../../types/contract'
import { personCode, personMac } from '../../cloudfunctions/_core/attendance'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { createActivityInput, enroll, ended, MIN, putActivity, putAttendance } from '../fixtures/activities'
import { registration } from '../fixtures/people'
import { putGoods, putVenue, putYouth } from '../fixtures/mall'
import { ok, testCloud, TEST_NOW, type TestCloud } from '../fixtures/test-cloud'

/**
 * docs/domain.md invariant 7: every admin or cadre mutation writes exactly one audit entry. Each audited
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

const draft = async () => ok(await cloud.as('dev-cadre').activity.createActivity(createActivityInput())).activity.id
const pending = (id: string) => putAttendance(cloud, putActivity(cloud, ended(id)), 'dev-youth')

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
  createActivity: () => cloud.as('dev-cadre').activity.createActivity(createActivityInput()),
  updateActivity: async () => cloud.as('dev-cadre').activity.updateActivity({ activityId: await draft(), capacity: 25 }),
  publishActivity: async () => cloud.as('dev-cadre').activity.publishActivity({ activityId: await draft() }),
  cancelActivity: async () => cloud.as('dev-cadre').activity.cancelActivity({ activityId: await draft(), reason: '天气原因' }),
  syncScans: async () => {
    const a = putActivity(cloud, { startAt: TEST_NOW - 10 * MIN, endAt: TEST_NOW + 110 * MIN })
    enroll(cloud, a, 'seed-youth-0001')
    const code = personCode(userIdFor(cloud.secrets, 'seed-youth-0001'), personMac(cloud.secrets))
    return cloud.as('dev-cadre').activity.syncScans({ activityId: a._id, scans: [{ scanId: randomUUID(), personCode: code, kind: 'in', scannedAt: TEST_NOW - MIN }] })
  },
  approveHours: () => cloud.as('dev-cadre').activity.approveHours({ items: [{ kind: 'attendance', id: pending('au-ap')._id }] }),
  rejectHours: () => cloud.as('dev-cadre').activity.rejectHours({ items: [{ kind: 'attendance', id: pending('au-rj')._id }], reason: '未在现场' }),
  reverseApproval: async () => {
    const p = pending('au-rv')
    ok(await cloud.as('dev-cadre').activity.approveHours({ items: [{ kind: 'attendance', id: p._id }] }))
    return cloud.as('dev-cadre').activity.reverseApproval({ item: { kind: 'attendance', id: p._id }, reason: '重复登记' })
  },
  saveVenue: () =>
    cloud.as('dev-cadre').points.saveVenue({ requestId: randomUUID(), orgId: 'yc-rc', name: '审计测试兑换点', address: '润城镇中街1号', lat: 35.48, lng: 112.4, hours: '每天 9:00–17:00', kind: 'pickup' }),
  setVenueStatus: async () => {
    const { venue } = ok(
      await cloud.as('dev-cadre').points.saveVenue({ requestId: randomUUID(), orgId: 'yc-rc', name: '审计停用兑换点', address: '润城镇中街2号', lat: 35.48, lng: 112.4, hours: '每天 9:00–17:00', kind: 'pickup' }),
    )
    return cloud.as('dev-cadre').points.setVenueStatus({ venueId: venue.id, status: 'closed' })
  },
  saveDonor: () => cloud.as('dev-cadre').points.saveDonor(donorInput()),
  saveGoods: async () => {
    const { donor } = ok(await cloud.as('dev-cadre').points.saveDonor(donorInput()))
    putVenue(cloud, 'aud-venue')
    return cloud.as('dev-cadre').points.saveGoods({
      requestId: randomUUID(), orgId: 'yc-rc', donorId: donor.id, name: '审计测试大米', category: 'grain_oil', images: [cloud.upload('dev-cadre', 'aud-rice')],
      description: '审计', price: 10, unitValue: 4500, limitTotal: null, limitPeriod: null, venueIds: ['aud-venue'], availableFrom: null, availableUntil: null, pickupDays: 7, initialStock: 10,
    })
  },
  adjustPoints: () => cloud.as('dev-cadre').points.adjustPoints({ requestId: randomUUID(), userId: putYouth(cloud, 'aud-adjust', { balance: 5 }), amount: 3, reason: '审计测试奖励' }),
  setPointsPolicy: () => cloud.as('dev-admin').points.setPointsPolicy({ countyId: 'yc', expireAfterYears: 2 }),
  restockGoods: () => cloud.as('dev-cadre').points.restockGoods({ goodsId: putGoods(cloud, 'aud-restock', 5)._id, requestId: randomUUID(), delta: 5, note: '补货' }),
  setGoodsStatus: () => cloud.as('dev-cadre').points.setGoodsStatus({ goodsId: putGoods(cloud, 'aud-status', 5)._id, status: 'off_shelf' }),
  confirmPickup: async () => {
    const order = await readyOrder('aud-pick')
    return cloud.as('dev-cadre').points.confirmPickup({ venueId: 'aud-pick-venue', orderId: order.id, pickupCode: order.pickupCode! })
  },
  syncPickups: async () => {
    const order = await readyOrder('aud-sync')
    return cloud.as('dev-cadre').points.syncPickups({ items: [{ venueId: 'aud-sync-venue', orderId: order.id, pickupCode: order.pickupCode!, at: cloud.clock.now() }] })
  },
  issueDonorCertificate: async () => {
    const { donor } = ok(await cloud.as('dev-cadre').points.saveDonor(donorInput()))
    putGoods(cloud, 'aud-cert-goods', 5, { donorId: donor.id })
    return cloud.as('dev-cadre').points.issueDonorCertificate({ donorId: donor.id, requestId: randomUUID() })
  },
  createGroup: () => cloud.as('dev-cadre').community.createGroup(groupInput('审计测试社群')),
  updateGroup: async () => {
    const { group } = ok(await cloud.as('dev-cadre').community.createGroup(groupInput('审计修改社群')))
    const { requestId: _r, orgId: _o, parentGroupId: _p, ...fields } = groupInput('审计修改社群（改）')
    return cloud.as('dev-cadre').community.updateGroup({ groupId: group.id, ...fields })
  },
  moveGroup: async () => {
    const { group: parent } = ok(await cloud.as('dev-cadre').community.createGroup(groupInput('审计上级社群')))
    const { group } = ok(await cloud.as('dev-cadre').community.createGroup(groupInput('审计移动社群')))
    return cloud.as('dev-cadre').community.moveGroup({ groupId: group.id, newParentId: parent.id })
  },
  postAnnouncement: async () => {
    const { group } = ok(await cloud.as('dev-cadre').community.createGroup(groupInput('审计公告社群')))
    return cloud.as('dev-cadre').community.postAnnouncement({ requestId: randomUUID(), groupId: group.id, title: '审计测试公告', body: '审计。' })
  },
  reviewJoinRequest: async () => {
    const { group } = ok(await cloud.as('dev-cadre').community.createGroup({ ...groupInput('审计审核社群'), joinPolicy: 'approval' }))
    const { membership } = ok(await cloud.as('dev-youth').community.joinGroup({ groupId: group.id }))
    return cloud.as('dev-cadre').community.reviewJoinRequest({ membershipId: membership.id, approve: true })
  },
  removeMember: async () => cloud.as('dev-cadre').community.removeMember({ membershipId: await member('审计移出社群'), reason: '审计测试' }),
  setMemberRole: async () => cloud.as('dev-cadre').community.setMemberRole({ membershipId: await member('审计管理员社群'), role: 'admin' }),
  pinAnnouncement: async () => cloud.as('dev-cadre').community.pinAnnouncement({ announcementId: await announcement('审计置顶公告'), pinned: true }),
  replyToAnnouncement: async () => cloud.as('dev-cadre').community.replyToAnnouncement({ requestId: randomUUID(), announcementId: await announcement('审计回复公告'), text: '审计测试回复' }),
  hideReply: async () => {
    const announcementId = await announcement('审计隐藏回复公告')
    const { reply } = ok(await cloud.as('dev-cadre').community.replyToAnnouncement({ requestId: randomUUID(), announcementId, text: '审计测试回复' }))
    return cloud.as('dev-cadre').community.hideReply({ replyId: reply.id, hidden: true })
  },
  saveStation: () => cloud.as('dev-cadre').station.saveStation(stationInput('审计测试联络站')),
  saveYouthHome: () =>
    cloud.as('dev-cadre').station.saveYouthHome({ ...placeInput('审计测试青年之家'), tier: 'standard', funding: [{ year: 2026, yuan: 10000, note: '' }], stationId: null }),
  assignPerson: async () => cloud.as('dev-cadre').station.assignPerson(postInput(await station('审计派驻联络站'), 'seed-youth-0001')),
  endPost: async () => {
    const { person } = ok(await cloud.as('dev-cadre').station.assignPerson(postInput(await station('审计离任联络站'), 'seed-youth-0001')))
    return cloud.as('dev-cadre').station.endPost({ postId: person.id })
  },
  linkPeople: async () => {
    const { person } = ok(await cloud.as('dev-cadre').station.assignPerson(postInput(await station('审计两联联络站'), 'seed-youth-0002')))
    return cloud.as('dev-cadre').station.linkPeople({ kind: 'rep_youth', fromUserId: person.userId, toUserId: uid('dev-youth') })
  },
  unlinkPeople: async () => {
    const { person } = ok(await cloud.as('dev-cadre').station.assignPerson(postInput(await station('审计解除联络站'), 'seed-youth-0002')))
    const { linkId } = ok(await cloud.as('dev-cadre').station.linkPeople({ kind: 'rep_youth', fromUserId: person.userId, toUserId: uid('dev-youth') }))
    return cloud.as('dev-cadre').station.unlinkPeople({ linkId })
  },
  assignOpinion: async () => {
    const { venueId, opinionId } = await opinion('审计分派联络站')
    return cloud.as('dev-cadre').station.assignOpinion({ opinionId, userId: await representative(venueId) })
  },
  replyOpinion: async () => {
    const { venueId, opinionId } = await opinion('审计答复联络站')
    ok(await cloud.as('dev-cadre').station.assignOpinion({ opinionId, userId: await representative(venueId) }))
    return cloud.as(REPRESENTATIVE).station.replyOpinion({ opinionId, text: '已经收到，下周给您答复。' })
  },
  rateOpinion: async () => {
    const { venueId, opinionId } = await opinion('审计评价联络站')
    ok(await cloud.as('dev-cadre').station.assignOpinion({ opinionId, userId: await representative(venueId) }))
    ok(await cloud.as(REPRESENTATIVE).station.replyOpinion({ opinionId, text: '已经收到，下周给您答复。' }))
    return cloud.as('dev-youth').station.rateOpinion({ opinionId, rating: 5 })
  },
  saveSurvey: () => cloud.as('dev-cadre').station.saveSurvey(surveyInput('审计测试问卷')),
  closeSurvey: async () => {
    const { survey } = ok(await cloud.as('dev-cadre').station.saveSurvey({ ...surveyInput('审计结束问卷'), publish: true }))
    return cloud.as('dev-cadre').station.closeSurvey({ surveyId: survey.id })
  },
}

const uid = (openid: string) => userIdFor(cloud.secrets, openid)
/** The representative the opinion cases assign to (the author is dev-youth). */
const REPRESENTATIVE = 'seed-youth-0003'

function placeInput(name: string) {
  return { requestId: randomUUID(), orgId: 'yc-rc', name, address: '润城镇政府东侧', lat: 35.457, lng: 112.527, hours: '周一至周五 9:00–17:00' }
}

function stationInput(name: string) {
  return { ...placeInput(name), level: 'main' as const, parentId: null }
}

/** A new station of dev-cadre's. */
async function station(name: string) {
  return ok(await cloud.as('dev-cadre').station.saveStation(stationInput(name))).venue.id
}

function postInput(venueId: string, openid: string) {
  return { venueId, userId: uid(openid), post: 'representative' as const, termStart: '2026-01-01', termEnd: '2028-12-31' }
}

/** REPRESENTATIVE posted at the station; their user id. */
async function representative(venueId: string) {
  return ok(await cloud.as('dev-cadre').station.assignPerson(postInput(venueId, REPRESENTATIVE))).person.userId
}

/** dev-youth's opinion at a new station. */
async function opinion(name: string) {
  const venueId = await station(name)
  const { opinion } = ok(await cloud.as('dev-youth').station.submitOpinion({ requestId: randomUUID(), venueId, category: 'community', text: '希望联络站晚上多开一会儿。' }))
  return { venueId, opinionId: opinion.id }
}

function surveyInput(title: string) {
  return {
    requestId: randomUUID(),
    orgId: 'yc-rc',
    title,
    audience: { type: 'org' as const, orgId: 'yc-rc' },
    opensAt: TEST_NOW,
    closesAt: TEST_NOW + 30 * 86400_000,
    questions: [{ id: 'q1', kind: 'rating' as const, title: '对团组织活动的满意度' }],
  }
}

function groupInput(name: string) {
  return { requestId: randomUUID(), orgId: 'yc-rc', parentGroupId: null, name, kind: 'interest' as const, tags: [], description: '审计测试。', cover: null, joinPolicy: 'open' as const, capacity: null }
}

/** dev-youth's membership of a new open group of dev-cadre's. */
async function member(name: string) {
  const { group } = ok(await cloud.as('dev-cadre').community.createGroup(groupInput(name)))
  return ok(await cloud.as('dev-youth').community.joinGroup({ groupId: group.id })).membership.id
}

/** An announcement of a group of its own, posted by dev-cadre (the group's owner). */
async function announcement(title: string) {
  const { group } = ok(await cloud.as('dev-cadre').community.createGroup(groupInput(`${title}社群`)))
  return ok(await cloud.as('dev-cadre').community.postAnnouncement({ requestId: randomUUID(), groupId: group.id, title, body: '审计测试。' })).announcement.id
}

function donorInput() {
  return { requestId: randomUUID(), orgId: 'yc-rc', name: '阳城县审计粮油', story: '感谢志愿者。', contactName: '赵经理', contactPhone: '13900001111' }
}

/** A goods item at its own venue and a youth's ready order for it. */
async function readyOrder(key: string) {
  putVenue(cloud, `${key}-venue`)
  putGoods(cloud, `${key}-goods`, 5, { venueIds: [`${key}-venue`] })
  putYouth(cloud, `${key}-youth`, { balance: 50 })
  return ok(await cloud.as(`${key}-youth`).points.redeem({ requestId: randomUUID(), goodsId: `${key}-goods`, quantity: 1 })).order
}

/** Who each case calls as: the entry must name exactly them (docs/domain.md invariant 7: who). */
const actorOf = (action: string) =>
  ({ 'user.redeemInvite': 'invitee', 'user.bootstrap': 'founder', 'points.setPointsPolicy': 'dev-admin', 'station.replyOpinion': REPRESENTATIVE, 'station.rateOpinion': 'dev-youth' } as Record<string, string>)[action] ?? (action.startsWith('user.') ? 'dev-admin' : 'dev-cadre')

const audited = Object.entries(contracts).flatMap(([fn, c]) =>
  Object.entries(c.actions as Record<string, { audit?: boolean }>)
    .filter(([, spec]) => spec.audit)
    .map(([name]) => `${fn}.${name}`),
)

it('has a case for every audited action of every function', () => {
  expect(Object.keys(cases).sort()).toEqual(audited.map((a) => a.split('.')[1]).sort())
})

it.each(audited)('%s writes exactly one audit entry naming actor, action, target and time', async (action) => {
  const mine = () => cloud.docs('audit_logs', { action })
  const before = mine().length
  const res = (await cases[action.split('.')[1]]()) as { ok: boolean }
  expect(res.ok).toBe(true)
  const after = mine()
  expect(after).toHaveLength(before + 1)
  const entry = after[after.length - 1]
  expect(entry.actor).toEqual(expect.any(String))
  expect(entry.actor).toBe(actorOf(action))
  expect(entry.target).toEqual({ type: expect.any(String), id: expect.any(String) })
  expect(entry.at).toBe(cloud.clock.now())
})
