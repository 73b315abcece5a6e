import { randomUUID } from 'node:crypto'
import { membershipIdFor } from '../../../cloudfunctions/_core/community/membership.repo'
import { clearLocalOutbox, localOutbox, type ContentCheck } from '../../../cloudfunctions/_core/platform'
import { verdictFromMsgSecCheck } from '../../../cloudfunctions/_core/platform/content-check'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { actions } from '../../../cloudfunctions/community/actions'
import { communityContract, type AnnouncementViewT, type CreateGroupInputT } from '../../../types/contract/community'
import { groupInput } from '../../fixtures/groups'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * 公告: a group's managers post (text and pictures through the content check, once per request key)
 * and pin; members read (each counted once), reply, and are told of new ones if they subscribed; a
 * manager hides a reply. Nobody outside the group sees any of it.
 *
 * Groups (open, made by dev-cadre of 润城镇, who is their owner): A with youth 1–3 (and dev-youth,
 * subscribed), B with youth 4. fc-cadre is the cadre of the neighbouring 凤城镇.
 */
let cloud: TestCloud
const g = { A: '', B: '' }
const Y = ['seed-youth-0001', 'seed-youth-0002', 'seed-youth-0003', 'seed-youth-0004']
const OUTSIDER = 'seed-youth-0005'

const join = async (openid: string, groupId: string) => ok(await cloud.as(openid).community.joinGroup({ groupId }))
const membershipId = (openid: string, groupId: string) => membershipIdFor(groupId, userIdFor(cloud.secrets, openid))
const subscribe = async (openid: string, groupId: string, subscribed = true) => ok(await cloud.as(openid).community.subscribeAnnouncements({ groupId, subscribed }))

const post = (who: string, over: Record<string, unknown> = {}) =>
  cloud.as(who).community.postAnnouncement({ requestId: randomUUID(), groupId: g.A, title: '周六河道清理', body: '周六上午九点在沁河桥头集合。', ...over })
const posted = async (over: Record<string, unknown> = {}, who = 'dev-cadre') => ok(await post(who, over)).announcement
const stored = (id: string) => cloud.emulator.store.get(COLLECTIONS.announcements, id) as Record<string, any>
const list = async (who: string, groupId = g.A, more: Record<string, unknown> = {}) => ok(await cloud.as(who).community.listAnnouncements({ groupId, limit: 50, ...more })).items
const read = (who: string, announcementId: string) => cloud.as(who).community.readAnnouncement({ announcementId })
const reply = (who: string, announcementId: string, text = '收到，准时到。', requestId = randomUUID()) => cloud.as(who).community.replyToAnnouncement({ requestId, announcementId, text })
const replies = async (who: string, announcementId: string) => ok(await cloud.as(who).community.listReplies({ announcementId, limit: 50 })).items

/** The community function with production's content check in place of the local one, for the parts it decides. */
function withCheck(check: Partial<ContentCheck>) {
  const platform = { ...cloud.deps().platform, contentCheck: { ...cloud.deps().platform.contentCheck, ...check } }
  const handler = createHandler(communityContract, actions, () => ({ ...cloud.deps(), platform }))
  return {
    as: (openid: string) => (action: string, payload: Record<string, unknown>) => handler.handle({ action, payload }, localCaller(openid)),
    push: (trace_id: string, suggest: string) =>
      handler.handle(
        { action: 'announcementImageChecked', payload: { ToUserName: 'gh_x', MsgType: 'event', Event: 'wxa_media_check', trace_id, version: 2, result: { suggest, label: '100' } } },
        { openid: null, appid: null, source: 'push' },
      ),
  }
}

beforeAll(async () => {
  cloud = await testCloud({ youth: 40 })
  await cloud.emulator.store.upsert('roles', { _id: 'r_fc_cadre', openid: 'fc-cadre', userId: null, role: 'cadre', orgId: 'yc-fc', via: 'grant', grantedBy: null, grantedAt: 0 })
  g.A = ok(await cloud.as('dev-cadre').community.createGroup(groupInput({ name: '润城镇青年志愿者' }))).group.id
  g.B = ok(await cloud.as('dev-cadre').community.createGroup(groupInput({ name: '润城镇读书会' }))).group.id
  for (const y of [...Y.slice(0, 3), 'dev-youth']) await join(y, g.A)
  await join(Y[3], g.B)
  await subscribe('dev-youth', g.A)
}, 30_000)
afterAll(() => cloud.close())
beforeEach(() => {
  cloud.clock.set(TEST_NOW)
  clearLocalOutbox()
})

describe('postAnnouncement', () => {
  it('publishes to the members with the member count of the day, and audits', async () => {
    const a = await posted()
    expect(a).toMatchObject({ groupId: g.A, status: 'published', pinned: false, authorName: '李建国', readCount: 0, memberCount: 5, replyCount: 0, read: false, imageUrls: [] })
    expect(cloud.docs(COLLECTIONS.auditLogs, { action: 'community.postAnnouncement' }).find((e) => e.target.id === a.id)).toMatchObject({ actor: 'dev-cadre', orgId: 'yc-rc', target: { type: 'announcement' } })
    // A member sees it, without the figures meant for the managers.
    expect((await list(Y[0])).find((x) => x.id === a.id)).toMatchObject({ status: 'published', readCount: null, memberCount: null, read: false })
  })

  it('answers a retry with the same announcement and writes nothing more; the same key with another payload is refused', async () => {
    const input = { requestId: randomUUID(), groupId: g.A, title: '重复提交测试', body: '正文' }
    const first = ok(await cloud.as('dev-cadre').community.postAnnouncement(input)).announcement
    const before = snapshot(cloud)
    expect(ok(await cloud.as('dev-cadre').community.postAnnouncement(input)).announcement).toEqual(first)
    expect(snapshot(cloud)).toBe(before)
    expect(errCode(await cloud.as('dev-cadre').community.postAnnouncement({ ...input, body: '另一段正文' }))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(snapshot(cloud)).toBe(before)
  })

  it('makes one announcement, one audit entry and one message when the same key is sent many times at once', async () => {
    const input = { requestId: randomUUID(), groupId: g.A, title: '同时提交测试', body: '正文' }
    const results = await Promise.all(Array.from({ length: 5 }, () => cloud.as('dev-cadre').community.postAnnouncement(input)))
    const ids = new Set(results.map((r) => ok(r).announcement.id))
    expect(ids.size).toBe(1)
    const [id] = [...ids]
    expect(cloud.docs(COLLECTIONS.announcements, { title: '同时提交测试' })).toHaveLength(1)
    expect(cloud.docs(COLLECTIONS.auditLogs, { action: 'community.postAnnouncement' }).filter((e) => e.target.id === id)).toHaveLength(1)
    expect(localOutbox.filter((m) => m.template === 'announcement_posted' && m.page.endsWith(id))).toHaveLength(1)
  })

  it('refuses risky text, locally and when msgSecCheck answers errcode 0 with suggest risky, leaving no trace', async () => {
    const before = snapshot(cloud)
    expect(errCode(await post('dev-cadre', { body: '周六一起去赌博' }))).toBe('GENERIC.CONTENT_RISKY')
    // Production's answer: the call worked (errcode 0), the verdict is risky — not published.
    const prod = withCheck({ text: async () => verdictFromMsgSecCheck({ errcode: 0, result: { suggest: 'risky' } }) })
    const res = await prod.as('dev-cadre')('postAnnouncement', { requestId: randomUUID(), groupId: g.A, title: '看似正常的标题', body: '看似正常的正文' })
    expect(errCode(res)).toBe('GENERIC.CONTENT_RISKY')
    const review = withCheck({ text: async () => verdictFromMsgSecCheck({ errcode: 0, result: { suggest: 'review' } }) })
    expect(errCode(await review.as('dev-cadre')('postAnnouncement', { requestId: randomUUID(), groupId: g.A, title: '待人工审核', body: '正文' }))).toBe('GENERIC.CONTENT_RISKY')
    expect(snapshot(cloud)).toBe(before)
  })

  it('takes the poster’s own pictures that pass; refuses another’s upload and a risky picture, leaving no trace', async () => {
    const a = await posted({ images: [cloud.upload('dev-cadre', 'river-0001'), cloud.upload('dev-cadre', 'river-0002')] })
    expect(a.status).toBe('published')
    expect(a.imageUrls).toHaveLength(2)
    expect((await list(Y[0])).find((x) => x.id === a.id)!.imageUrls).toHaveLength(2)
    const before = snapshot(cloud)
    expect(errCode(await post('dev-cadre', { images: [cloud.upload('dev-cadre', 'river-0003'), cloud.upload('dev-youth', 'not-mine-0001')] }))).toBe('FILE.NOT_OWN')
    expect(errCode(await post('dev-cadre', { images: [cloud.upload('dev-cadre', 'river-0004'), cloud.upload('dev-cadre', 'risky-0005')] }))).toBe('ANNOUNCEMENT.IMAGE_RISKY')
    expect(errCode(await post('dev-cadre', { images: ['cloud://other-env.1234/uploads/u_AAAAAAAAAAAAAAAAAAAAAA/abcdefgh.jpg'] }))).toBe('FILE.NOT_OWN')
    expect(errCode(await post('dev-cadre', { images: ['https://example.com/river.jpg'] }))).toBe('GENERIC.BAD_INPUT')
    // Each refusal stops before the database.
    expect(snapshot(cloud)).toBe(before)
  })

  it.each<[string, Record<string, unknown>]>([
    ['a title of one character', { title: '通' }],
    ['a title too long', { title: '长'.repeat(41) }],
    ['an empty body', { body: '' }],
    ['a body too long', { body: '字'.repeat(2001) }],
    ['ten pictures', { images: Array.from({ length: 10 }, (_, i) => `cloud://env/uploads/u_AAAAAAAAAAAAAAAAAAAAAA/pic${i}abcdef.jpg`) }],
    ['an unknown field', { readCount: 99 }],
    ['a bad request key', { requestId: 'again' }],
    ['a group id with operators', { groupId: { $ne: null } }],
  ])('refuses %s, leaving no trace', async (_l, bad) => {
    const before = snapshot(cloud)
    expect(errCode(await post('dev-cadre', bad))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('pictures whose check is pending', () => {
  let trace = 0
  const prod = () => withCheck({ image: async () => ({ pending: `an-trace-${++trace}` }) })
  const postPending = async (title: string, pictures: number) => {
    const images = Array.from({ length: pictures }, (_, i) => cloud.upload('dev-cadre', `pending-${title.length}-${trace}-${i}`))
    const res = await prod().as('dev-cadre')('postAnnouncement', { requestId: randomUUID(), groupId: g.A, title, body: '正文', images })
    return (ok(res) as { announcement: AnnouncementViewT }).announcement
  }

  it('keeps the announcement from members until every picture passed, and tells the subscribed only then', async () => {
    const a = await postPending('两张图片的公告', 2)
    const [t1, t2] = stored(a.id).imageTraces
    expect(a).toMatchObject({ status: 'pending' })
    // The managers see it with its pending pictures; members neither list nor open it.
    expect(a.imageUrls).toHaveLength(2)
    expect((await list('dev-cadre')).find((x) => x.id === a.id)).toMatchObject({ status: 'pending' })
    expect((await list(Y[0])).map((x) => x.id)).not.toContain(a.id)
    expect(errCode(await read(Y[0], a.id))).toBe('ANNOUNCEMENT.NOT_FOUND')
    expect(errCode(await reply(Y[0], a.id))).toBe('ANNOUNCEMENT.NOT_FOUND')
    expect(cloud.docs(COLLECTIONS.outbox, { subject: a.id })).toHaveLength(0)
    // A user cannot deliver a verdict.
    expect(errCode(await cloud.as('dev-cadre').community.announcementImageChecked({ trace_id: t1, result: { suggest: 'pass' } }))).toBe('AUTH.FORBIDDEN')
    expect(ok(await prod().push(t1, 'pass'))).toEqual({ applied: true })
    expect(stored(a.id)).toMatchObject({ status: 'pending', imageTraces: [t2] })
    expect((await list(Y[0])).map((x) => x.id)).not.toContain(a.id)
    expect(ok(await prod().push(t1, 'pass'))).toEqual({ applied: false }) // spent
    expect(ok(await prod().push(t2, 'pass'))).toEqual({ applied: true })
    expect(stored(a.id)).toMatchObject({ status: 'published', imageTraces: [] })
    expect((await list(Y[0])).find((x) => x.id === a.id)).toMatchObject({ status: 'published', imageUrls: [expect.any(String), expect.any(String)] })
    expect(localOutbox.filter((m) => m.template === 'announcement_posted' && m.page.endsWith(a.id)).map((m) => m.openid)).toEqual(['dev-youth'])
  })

  it('withdraws it when a picture is risky: the managers see it withdrawn, members never, and nobody is told', async () => {
    const a = await postPending('有风险图片的公告', 2)
    const [t1, t2] = stored(a.id).imageTraces
    expect(ok(await prod().push(t1, 'risky'))).toEqual({ applied: true })
    expect(ok(await prod().push(t2, 'pass'))).toEqual({ applied: true })
    expect(stored(a.id)).toMatchObject({ status: 'withdrawn' })
    const seen = (await list('dev-cadre')).find((x) => x.id === a.id)!
    expect(seen.status).toBe('withdrawn')
    // The risky picture is shown to nobody.
    expect(seen.imageUrls).toHaveLength(1)
    expect((await list(Y[0])).map((x) => x.id)).not.toContain(a.id)
    expect(errCode(await read(Y[0], a.id))).toBe('ANNOUNCEMENT.NOT_FOUND')
    expect(cloud.docs(COLLECTIONS.outbox, { subject: a.id })).toHaveLength(0)
    expect(ok(await prod().push('trace-of-an-activity-cover', 'pass'))).toEqual({ applied: false })
  })

  it('publishes once when the last two verdicts arrive at the same moment', async () => {
    const a = await postPending('两个结果同时到达', 2)
    const [t1, t2] = stored(a.id).imageTraces
    const res = await Promise.all([prod().push(t1, 'pass'), prod().push(t2, 'pass')])
    expect(res.map((r) => ok(r))).toEqual([{ applied: true }, { applied: true }])
    expect(stored(a.id).status).toBe('published')
    expect(cloud.docs(COLLECTIONS.outbox, { subject: a.id, fanoutSize: 0 }).map((m) => m.to.openid)).toEqual(['dev-youth'])
  })
})

describe('readAnnouncement', () => {
  it('counts one youth once under twenty opens at the same moment, and three youth three times', async () => {
    const a = await posted({ title: '已读人数测试' })
    const opens = await Promise.all(Array.from({ length: 20 }, () => read(Y[0], a.id)))
    expect(opens.every((r) => r.ok)).toBe(true)
    expect(stored(a.id).readCount).toBe(1)
    expect(cloud.docs(COLLECTIONS.announcementReads, { announcementId: a.id })).toHaveLength(1)
    await Promise.all([...Y.slice(0, 3), ...Y.slice(0, 3)].map((y) => read(y, a.id)))
    expect(stored(a.id).readCount).toBe(3)
    const managed = (await list('dev-cadre')).find((x) => x.id === a.id)!
    expect(managed).toMatchObject({ readCount: 3, memberCount: 5 })
  })

  it('marks the announcement read for that member only, and the member active', async () => {
    const a = await posted({ title: '已读标记测试' })
    cloud.clock.advance(60_000)
    const opened = ok(await read(Y[1], a.id)).announcement
    expect(opened).toMatchObject({ id: a.id, read: true, readCount: null })
    expect((await list(Y[1])).find((x) => x.id === a.id)!.read).toBe(true)
    expect((await list(Y[2])).find((x) => x.id === a.id)!.read).toBe(false)
    expect(cloud.emulator.store.get(COLLECTIONS.memberships, membershipId(Y[1], g.A))).toMatchObject({ lastActiveAt: TEST_NOW + 60_000 })
  })

  it('does not count a cadre who is not a member, and gives the managers the count', async () => {
    const a = await posted({ title: '团干部查看测试' })
    const seen = ok(await read('dev-admin', a.id)).announcement
    expect(seen).toMatchObject({ readCount: 0, memberCount: 5 })
    expect(stored(a.id).readCount).toBe(0)
    expect(ok(await read(Y[2], a.id)).announcement.readCount).toBeNull()
    expect(ok(await read('dev-cadre', a.id)).announcement.readCount).toBe(2) // the owner is a member too
  })

  it('counts against the members of the day: one who joins later is not in memberCount', async () => {
    const a = await posted({ title: '成员数测试' })
    await join('seed-youth-0010', g.A)
    ok(await read('seed-youth-0010', a.id))
    expect((await list('dev-cadre')).find((x) => x.id === a.id)).toMatchObject({ memberCount: 5, readCount: 1 })
    ok(await cloud.as('seed-youth-0010').community.leaveGroup({ groupId: g.A }))
  })
})

describe('pinAnnouncement and the order of the list', () => {
  it('lists the pinned first, then the newest, a page at a time without skipping or repeating', async () => {
    const group = ok(await cloud.as('dev-cadre').community.createGroup(groupInput({ name: '润城镇置顶测试群' }))).group.id
    await join(Y[0], group)
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      cloud.clock.advance(60_000)
      ids.push((await posted({ groupId: group, title: `第${i + 1}号通知` })).id)
    }
    cloud.clock.advance(60_000)
    const pinnedAtPost = (await posted({ groupId: group, title: '置顶通知', pinned: true })).id
    // The oldest, pinned later: it comes first among the pinned by its own time.
    const old = ok(await cloud.as('dev-cadre').community.pinAnnouncement({ announcementId: ids[0], pinned: true })).announcement
    expect(old.pinned).toBe(true)
    const expected = [pinnedAtPost, ids[0], ids[4], ids[3], ids[2], ids[1]]
    expect((await list(Y[0], group)).map((a) => a.id)).toEqual(expected)
    const walked: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = ok(await cloud.as(Y[0]).community.listAnnouncements({ groupId: group, limit: 2, ...(cursor ? { cursor } : {}) }))
      walked.push(...page.items.map((a) => a.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(walked).toEqual(expected)
    expect(pages).toBe(3)
    // Unpinned, it goes back to its place by time.
    ok(await cloud.as('dev-cadre').community.pinAnnouncement({ announcementId: ids[0], pinned: false }))
    expect((await list(Y[0], group)).map((a) => a.id)).toEqual([pinnedAtPost, ids[4], ids[3], ids[2], ids[1], ids[0]])
  })

  it('audits a change, and pinning what is already pinned writes nothing', async () => {
    const a = await posted({ title: '置顶审计测试' })
    const pin = () => cloud.as('dev-cadre').community.pinAnnouncement({ announcementId: a.id, pinned: true })
    ok(await pin())
    expect(cloud.docs(COLLECTIONS.auditLogs, { action: 'community.pinAnnouncement' }).filter((e) => e.target.id === a.id)).toHaveLength(1)
    const before = snapshot(cloud)
    expect(ok(await pin()).announcement.pinned).toBe(true)
    expect(snapshot(cloud)).toBe(before)
    expect(errCode(await cloud.as('dev-cadre').community.pinAnnouncement({ announcementId: 'an_nope', pinned: true }))).toBe('ANNOUNCEMENT.NOT_FOUND')
  })
})

describe('replies', () => {
  it('takes a member’s reply once per request key and counts it', async () => {
    const a = await posted({ title: '回复测试' })
    const key = randomUUID()
    const r = ok(await reply(Y[0], a.id, '我报名参加。', key)).reply
    expect(r).toMatchObject({ announcementId: a.id, text: '我报名参加。', hidden: false, mine: true })
    const before = snapshot(cloud)
    expect(ok(await reply(Y[0], a.id, '我报名参加。', key)).reply).toEqual(r)
    expect(snapshot(cloud)).toBe(before)
    expect(errCode(await reply(Y[0], a.id, '换了内容', key))).toBe('GENERIC.DUPLICATE_REQUEST')
    cloud.clock.advance(1000)
    await Promise.all(Array.from({ length: 5 }, () => reply(Y[1], a.id, '同时提交的回复', key)))
    expect(cloud.docs(COLLECTIONS.announcementReplies, { announcementId: a.id })).toHaveLength(2)
    expect(stored(a.id).replyCount).toBe(2)
    expect((await replies(Y[2], a.id)).map((x) => [x.text, x.mine])).toEqual([
      ['我报名参加。', false],
      ['同时提交的回复', false],
    ])
  })

  it('refuses a risky reply, leaving no trace', async () => {
    const a = await posted({ title: '风险回复测试' })
    const before = snapshot(cloud)
    expect(errCode(await reply(Y[0], a.id, '加我微信，带你赌博'))).toBe('GENERIC.CONTENT_RISKY')
    expect(errCode(await reply(Y[0], a.id, ''))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
  })

  it('hides a reply from the members but not from its author and the managers; the count follows, once under a race', async () => {
    const a = await posted({ title: '隐藏回复测试' })
    const bad = ok(await reply(Y[0], a.id, '这条回复要被隐藏')).reply
    cloud.clock.advance(1000)
    ok(await reply(Y[1], a.id, '正常的回复'))
    const hides = await Promise.all(Array.from({ length: 4 }, () => cloud.as('dev-cadre').community.hideReply({ replyId: bad.id, hidden: true })))
    expect(hides.map((h) => ok(h).reply.hidden)).toEqual([true, true, true, true])
    expect(stored(a.id).replyCount).toBe(1)
    expect(cloud.docs(COLLECTIONS.auditLogs, { action: 'community.hideReply' }).filter((e) => e.target.id === bad.id)).toHaveLength(1)
    expect((await replies(Y[2], a.id)).map((x) => x.text)).toEqual(['正常的回复'])
    expect((await replies(Y[0], a.id)).map((x) => [x.text, x.hidden, x.mine])).toEqual([
      ['这条回复要被隐藏', true, true],
      ['正常的回复', false, false],
    ])
    expect((await replies('dev-cadre', a.id)).map((x) => [x.text, x.hidden])).toEqual([
      ['这条回复要被隐藏', true],
      ['正常的回复', false],
    ])
    expect((await list(Y[2])).find((x) => x.id === a.id)!.replyCount).toBe(1)
    ok(await cloud.as('dev-cadre').community.hideReply({ replyId: bad.id, hidden: false }))
    expect(stored(a.id).replyCount).toBe(2)
    expect((await replies(Y[2], a.id)).map((x) => x.text)).toEqual(['这条回复要被隐藏', '正常的回复'])
    expect(errCode(await cloud.as('dev-cadre').community.hideReply({ replyId: 'rp_nope', hidden: true }))).toBe('REPLY.NOT_FOUND')
  })

  it('pages replies first come first, without skipping or repeating', async () => {
    const a = await posted({ title: '回复翻页测试' })
    const texts: string[] = []
    for (let i = 0; i < 5; i++) {
      cloud.clock.advance(1000)
      texts.push(ok(await reply(Y[i % 3], a.id, `第${i + 1}条回复`)).reply.text)
    }
    const walked: string[] = []
    let cursor: string | undefined
    do {
      const page = ok(await cloud.as(Y[0]).community.listReplies({ announcementId: a.id, limit: 2, ...(cursor ? { cursor } : {}) }))
      walked.push(...page.items.map((r) => r.text))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(walked).toEqual(texts)
  })
})

describe('subscription messages', () => {
  it('tells a subscribed member once, and neither an unsubscribed member nor the author', async () => {
    // One who turned it on and off again is not told either.
    await subscribe(Y[2], g.A)
    await subscribe(Y[2], g.A, false)
    const a = await posted({ title: '订阅提醒测试' })
    const sent = localOutbox.filter((m) => m.template === 'announcement_posted' && m.page.endsWith(a.id))
    expect(sent).toEqual([
      expect.objectContaining({ openid: 'dev-youth', page: `packages/community/pages/announcement/index?id=${a.id}`, data: { thing1: '润城镇青年志愿者', thing2: '订阅提醒测试', time3: '2026年11月28日 10:00' } }),
    ])
    // One fan-out document for the group's subscribed, expanded by the outbox — not one write per member in the post.
    expect(cloud.docs(COLLECTIONS.outbox, { subject: a.id }).map((m) => m.to?.openid ?? null)).toEqual(['dev-youth'])
  })

  it('writes one fan-out document for many subscribers, which the outbox expands into one message each', async () => {
    const group = ok(await cloud.as('dev-cadre').community.createGroup(groupInput({ name: '润城镇订阅测试群' }))).group.id
    const people = Array.from({ length: 25 }, (_, i) => `seed-youth-${String(i + 6).padStart(4, '0')}`).filter((p) => p !== 'seed-youth-0010')
    for (const p of people) await join(p, group)
    for (const p of people.slice(0, 22)) await subscribe(p, group)
    const a = await posted({ groupId: group, title: '多人订阅测试' })
    const fanouts = cloud.docs(COLLECTIONS.outbox, { subject: a.id, fanoutSize: 22 })
    expect(fanouts).toHaveLength(1)
    // More than a writer sends itself: the timer's sender expands and sends them.
    ok(await cloud.timer('activity', 'sendOutbox'))
    const told = localOutbox.filter((m) => m.template === 'announcement_posted' && m.page.endsWith(a.id)).map((m) => m.openid)
    expect(told.sort()).toEqual(people.slice(0, 22).sort())
  })
})

describe('who may do what', () => {
  let a: AnnouncementViewT
  let replyId: string
  beforeAll(async () => {
    a = await posted({ title: '权限测试' })
    replyId = ok(await reply(Y[0], a.id, '权限测试的回复')).reply.id
  })

  it.each<[string, string]>([
    ['a youth of no group', OUTSIDER],
    ['a member of another group', Y[3]],
    ['the cadre of the neighbouring township', 'fc-cadre'],
    ['the admin of another county', 'dev-yuci-admin'],
  ])('keeps %s out of the group’s announcements and replies (GROUP.NOT_MEMBER), leaving no trace', async (_l, who) => {
    const before = snapshot(cloud)
    const as = cloud.as(who).community
    const codes = [
      errCode(await as.listAnnouncements({ groupId: g.A })),
      errCode(await as.readAnnouncement({ announcementId: a.id })),
      errCode(await as.replyToAnnouncement({ requestId: randomUUID(), announcementId: a.id, text: '我也想回复' })),
      errCode(await as.listReplies({ announcementId: a.id })),
    ]
    expect(codes).toEqual(codes.map(() => 'GROUP.NOT_MEMBER'))
    expect(snapshot(cloud)).toBe(before)
  })

  it.each<[string, string]>([
    ['a member', Y[0]],
    ['a youth of no group', OUTSIDER],
    ['the cadre of the neighbouring township', 'fc-cadre'],
    ['the admin of another county', 'dev-yuci-admin'],
  ])('lets %s neither post, pin nor hide (AUTH.FORBIDDEN), leaving no trace', async (_l, who) => {
    const before = snapshot(cloud)
    const as = cloud.as(who).community
    const codes = [
      errCode(await as.postAnnouncement({ requestId: randomUUID(), groupId: g.A, title: '越权发布', body: '正文' })),
      errCode(await as.pinAnnouncement({ announcementId: a.id, pinned: true })),
      errCode(await as.hideReply({ replyId, hidden: true })),
    ]
    expect(codes).toEqual(codes.map(() => 'AUTH.FORBIDDEN'))
    expect(snapshot(cloud)).toBe(before)
  })

  it('lets a member made the group’s admin post, pin and hide, signed with their own name; removed from the role, no longer', async () => {
    const group = ok(await cloud.as('dev-cadre').community.createGroup(groupInput({ name: '润城镇管理员测试群' }))).group.id
    const admin = 'seed-youth-0031'
    const { membership } = await join(admin, group)
    await join(Y[0], group)
    ok(await cloud.as('dev-cadre').community.setMemberRole({ membershipId: membership.id, role: 'admin' }))
    const mine = ok(await cloud.as(admin).community.postAnnouncement({ requestId: randomUUID(), groupId: group, title: '管理员发布的公告', body: '正文' })).announcement
    const name = (cloud.docs(COLLECTIONS.profiles, { openid: admin })[0] as { realName: string }).realName
    expect(mine).toMatchObject({ authorName: name, readCount: 0, memberCount: 3 })
    ok(await cloud.as(admin).community.pinAnnouncement({ announcementId: mine.id, pinned: true }))
    const r = ok(await reply(Y[0], mine.id, '收到')).reply
    expect(ok(await cloud.as(admin).community.hideReply({ replyId: r.id, hidden: true })).reply.hidden).toBe(true)
    ok(await cloud.as('dev-cadre').community.setMemberRole({ membershipId: membership.id, role: 'member' }))
    expect(errCode(await cloud.as(admin).community.pinAnnouncement({ announcementId: mine.id, pinned: false }))).toBe('AUTH.FORBIDDEN')
    // A member now: the read count is the managers' again.
    expect(ok(await read(admin, mine.id)).announcement.readCount).toBeNull()
  })

  it('lets the county’s admin, whose org covers the group’s, manage it', async () => {
    const mine = ok(await cloud.as('dev-admin').community.postAnnouncement({ requestId: randomUUID(), groupId: g.A, title: '县团委的公告', body: '正文' })).announcement
    expect(mine.authorName).toBe('张文静')
    expect(ok(await cloud.as('dev-admin').community.pinAnnouncement({ announcementId: mine.id, pinned: true })).announcement.pinned).toBe(true)
  })

  it('refuses a caller without a WeChat identity', async () => {
    expect(errCode(await cloud.as(null).community.listAnnouncements({ groupId: g.A }))).toBe('AUTH.UNAUTHENTICATED')
  })

  it('answers an unknown group or announcement as not found', async () => {
    expect(errCode(await cloud.as(Y[0]).community.listAnnouncements({ groupId: 'g_nope' }))).toBe('GROUP.NOT_FOUND')
    expect(errCode(await read(Y[0], 'an_nope'))).toBe('ANNOUNCEMENT.NOT_FOUND')
  })
})
