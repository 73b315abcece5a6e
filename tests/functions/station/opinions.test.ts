import { randomUUID } from 'node:crypto'
import { clearLocalOutbox, localOutbox } from '../../../cloudfunctions/_core/platform'
import { verdictFromMsgSecCheck } from '../../../cloudfunctions/_core/platform/content-check'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { opinionFigures } from '../../../cloudfunctions/_core/station'
import { database } from '../../../cloudfunctions/_core/runtime/db'
import { DAY_MS } from '../../../types/day'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { CADRE, FAR_REP, opinionAt, REP, REP2, SIBLING_CADRE, ST, stageOpinions, submit, submitted, uid, withCheck } from './opinion-fixture'

/**
 * 征集意见 through the station function: a youth submits at a station or online, the handling cadre
 * assigns a representative in office there, the representative replies, the youth rates and it
 * closes. No state is skipped, nobody out of scope acts, races answer the truth, the sweep reminds
 * overdue ones once and closes unrated replies. (Stage: tests/functions/station/opinion-fixture.ts.)
 */
let cloud: TestCloud
const stored = (id: string) => cloud.emulator.store.get(COLLECTIONS.opinions, id) as Record<string, any>
const assign = (who: string, opinionId: string, to: string) => cloud.as(who).station.assignOpinion({ opinionId, userId: uid(cloud, to) })
const reply = (who: string, opinionId: string, text = '下月在站里办一场青年招聘会。') => cloud.as(who).station.replyOpinion({ opinionId, text })
const rate = (who: string, opinionId: string, rating = 4, comment = '') => cloud.as(who).station.rateOpinion({ opinionId, rating, ...(comment ? { comment } : {}) })
const audits = (id: string) => cloud.docs(COLLECTIONS.auditLogs).filter((e) => e.target?.id === id)

beforeAll(async () => {
  cloud = await testCloud({ youth: 20 })
  await stageOpinions(cloud)
}, 30_000)
afterAll(() => cloud.close())
beforeEach(() => {
  cloud.clock.set(TEST_NOW)
  clearLocalOutbox()
})

describe('the lifecycle', () => {
  it('goes submitted → assigned → replied → closed, every step timestamped, signed and audited, the author told of the reply', async () => {
    const o = await submitted(cloud, 'dev-youth')
    expect(o).toMatchObject({ state: 'submitted', venueId: ST.jl, orgId: 'yuci-jl', orgName: '锦纶街道团工委', authorName: '王晓青', mine: true, canReply: false, canAssign: false, overdue: false })
    expect(o.steps).toEqual([{ state: 'submitted', at: TEST_NOW, by: '王晓青' }])

    cloud.clock.advance(3_600_000)
    const a = ok(await assign(CADRE, o.id, REP)).opinion
    expect(a).toMatchObject({ state: 'assigned', assigneeUserId: uid(cloud, REP), assigneeName: '赵敏', canAssign: true, mine: false })
    expect(a.authorMobile).toMatch(/^\d{3}\*{4}\d{4}$/)

    const mine = ok(await cloud.as(REP).station.assignedOpinions({ limit: 20 })).items
    expect(mine.map((x) => x.id)).toContain(o.id)
    expect(mine.find((x) => x.id === o.id)).toMatchObject({ canReply: true, authorName: '王晓青', authorMobile: null })

    cloud.clock.advance(2 * 3_600_000)
    const r = ok(await reply(REP, o.id)).opinion
    expect(r).toMatchObject({ state: 'replied', reply: '下月在站里办一场青年招聘会。', canReply: false })
    const told = localOutbox.filter((m) => m.template === 'opinion_replied')
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ openid: 'dev-youth', page: `packages/station/pages/opinion/index?id=${o.id}` })

    cloud.clock.advance(3_600_000)
    const c = ok(await rate('dev-youth', o.id, 5, '很及时，谢谢')).opinion
    expect(c).toMatchObject({ state: 'closed', rating: 5, ratingComment: '很及时，谢谢' })
    expect(c.steps.map((s) => [s.state, s.by])).toEqual([
      ['submitted', '王晓青'],
      ['assigned', '郭志强'],
      ['replied', '赵敏'],
      ['closed', '王晓青'],
    ])
    expect(c.steps.map((s) => s.at)).toEqual([TEST_NOW, TEST_NOW + 3_600_000, TEST_NOW + 3 * 3_600_000, TEST_NOW + 4 * 3_600_000])
    const trail = audits(o.id)
    expect(trail.map((e) => [e.action, e.actor]).sort()).toEqual([
      ['station.assignOpinion', CADRE],
      ['station.rateOpinion', 'dev-youth'],
      ['station.replyOpinion', REP],
    ])
    expect(trail.every((e) => e.orgId === 'yuci-jl' && e.orgPath.join() === 'yuci')).toBe(true)
    expect(ok(await cloud.as('dev-youth').station.myOpinions({ limit: 50 })).items.find((x) => x.id === o.id)).toMatchObject({ state: 'closed' })
  })

  it('refuses every skipped state and leaves no trace', async () => {
    const s = await opinionAt(cloud, 'submitted')
    const before = snapshot(cloud)
    // Reply before assign: the cadre is told the state is wrong; a representative cannot even see it.
    expect(errCode(await reply(CADRE, s.id))).toBe('OPINION.WRONG_STATE')
    expect(errCode(await reply(REP, s.id))).toBe('OPINION.NOT_FOUND')
    // Rate before reply.
    expect(errCode(await rate('dev-youth', s.id))).toBe('OPINION.WRONG_STATE')
    const a = await opinionAt(cloud, 'assigned')
    expect(errCode(await rate('dev-youth', a.id))).toBe('OPINION.WRONG_STATE')
    const r = await opinionAt(cloud, 'replied')
    const mid = snapshot(cloud)
    // Assign (or reassign) after the reply; reply twice.
    expect(errCode(await assign(CADRE, r.id, REP2))).toBe('OPINION.WRONG_STATE')
    expect(errCode(await reply(REP, r.id))).toBe('OPINION.WRONG_STATE')
    const c = await opinionAt(cloud, 'closed')
    expect(errCode(await rate('dev-youth', c.id, 3))).toBe('OPINION.WRONG_STATE')
    expect(errCode(await assign(CADRE, c.id, REP))).toBe('OPINION.WRONG_STATE')
    expect(stored(r.id).state).toBe('replied')
    expect(stored(s.id).state).toBe('submitted')
    expect(before.length).toBeGreaterThan(0)
    expect(mid.length).toBeGreaterThan(0)
  })

  it('lets the cadre reassign until the reply; the former assignee can no longer see or answer it', async () => {
    const a = await opinionAt(cloud, 'assigned')
    const b = ok(await assign(CADRE, a.id, REP2)).opinion
    expect(b).toMatchObject({ state: 'assigned', assigneeUserId: uid(cloud, REP2) })
    expect(errCode(await reply(REP, a.id))).toBe('OPINION.NOT_FOUND')
    expect(ok(await cloud.as(REP).station.assignedOpinions({ limit: 100 })).items.map((x) => x.id)).not.toContain(a.id)
    expect(ok(await reply(REP2, a.id)).opinion.state).toBe('replied')
    expect(b.steps.map((s) => s.state)).toEqual(['submitted', 'assigned', 'assigned'])
  })

  it('answers a repeated rating (a lost reply) with the closed opinion, once audited', async () => {
    const r = await opinionAt(cloud, 'replied')
    const first = ok(await rate('dev-youth', r.id, 4, '')).opinion
    expect(ok(await rate('dev-youth', r.id, 4, '')).opinion).toEqual(first)
    expect(audits(r.id).filter((e) => e.action === 'station.rateOpinion')).toHaveLength(1)
  })
})

describe('scope', () => {
  it('assigns only to a representative in office at the opinion’s station; online, at a station under its org', async () => {
    const s = await opinionAt(cloud, 'submitted')
    const before = snapshot(cloud)
    expect(errCode(await assign(CADRE, s.id, FAR_REP))).toBe('OPINION.ASSIGNEE_OUT_OF_SCOPE')
    expect(errCode(await assign(CADRE, s.id, 'seed-youth-0009'))).toBe('OPINION.ASSIGNEE_OUT_OF_SCOPE')
    expect(snapshot(cloud)).toBe(before)
    // Online to 锦纶街道: any representative of a station under it, not 北关's.
    const online = await submitted(cloud, REP, { venueId: null })
    expect(online).toMatchObject({ venueId: null, orgId: 'yuci-jl-b1' })
    const up = await submitted(cloud, REP, { venueId: null, orgId: 'yuci-jl' })
    expect(ok(await assign(CADRE, up.id, REP2)).opinion.state).toBe('assigned')
    const toDistrict = await submitted(cloud, REP, { venueId: null, orgId: 'yuci' })
    expect(ok(await assign(CADRE, toDistrict.id, FAR_REP)).opinion.state).toBe('assigned')
    expect(errCode(await assign(CADRE, up.id, FAR_REP))).toBe('OPINION.ASSIGNEE_OUT_OF_SCOPE')
  })

  it('keeps the assigning and the listing to cadres whose scope covers the opinion; others are told it does not exist', async () => {
    const s = await opinionAt(cloud, 'submitted')
    const before = snapshot(cloud)
    for (const who of [SIBLING_CADRE, 'dev-cadre', 'dev-admin', 'seed-youth-0004', REP]) {
      expect(errCode(await assign(who, s.id, REP))).toBe('OPINION.NOT_FOUND')
      expect(errCode(await cloud.as(who).station.getOpinion({ opinionId: s.id }))).toBe('OPINION.NOT_FOUND')
    }
    expect(snapshot(cloud)).toBe(before)
    expect(errCode(await cloud.as(SIBLING_CADRE).station.listOpinions({ orgId: 'yuci-jl', limit: 20 }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as(SIBLING_CADRE).station.listOpinions({ orgId: 'yuci-bg', venueId: ST.jl, limit: 20 }))).toBe('STATION.NOT_FOUND')
    expect(ok(await cloud.as(SIBLING_CADRE).station.listOpinions({ orgId: 'yuci-bg', limit: 20 })).items.map((x) => x.id)).not.toContain(s.id)
    expect(ok(await cloud.as(CADRE).station.listOpinions({ orgId: 'yuci', venueId: ST.jl, limit: 100 })).items.map((x) => x.id)).toContain(s.id)
  })

  it('lets only the assignee reply — not the cadre who assigned it, not the other representative of the station', async () => {
    const a = await opinionAt(cloud, 'assigned')
    const before = snapshot(cloud)
    expect(errCode(await reply(CADRE, a.id))).toBe('OPINION.NOT_ASSIGNEE')
    expect(errCode(await reply(REP2, a.id))).toBe('OPINION.NOT_FOUND')
    expect(errCode(await reply('dev-youth', a.id))).toBe('OPINION.NOT_ASSIGNEE')
    expect(errCode(await rate(REP, a.id))).toBe('OPINION.NOT_AUTHOR')
    expect(snapshot(cloud)).toBe(before)
  })

  it('shows another youth’s opinion to nobody else by its id (IDOR)', async () => {
    const a = await opinionAt(cloud, 'replied', 'seed-youth-0005')
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('seed-youth-0006').station.getOpinion({ opinionId: a.id }))).toBe('OPINION.NOT_FOUND')
    expect(errCode(await rate('seed-youth-0006', a.id))).toBe('OPINION.NOT_FOUND')
    expect(errCode(await cloud.as('seed-youth-0006').station.getOpinion({ opinionId: 'op_no_such_opinion' }))).toBe('OPINION.NOT_FOUND')
    expect(ok(await cloud.as('seed-youth-0006').station.myOpinions({ limit: 50 })).items.map((x) => x.id)).not.toContain(a.id)
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('submitting', () => {
  it('refuses the unregistered, a closed or unknown venue, and an online org outside the youth’s own chain, leaving no trace', async () => {
    const before = snapshot(cloud)
    expect(errCode(await submit(cloud, 'not-registered'))).toBe('USER.NOT_REGISTERED')
    expect(errCode(await submit(cloud, 'dev-youth', { venueId: ST.closed }))).toBe('STATION.NOT_FOUND')
    expect(errCode(await submit(cloud, 'dev-youth', { venueId: 'no-such-venue' }))).toBe('STATION.NOT_FOUND')
    expect(errCode(await submit(cloud, 'dev-youth', { venueId: null, orgId: 'yuci' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await submit(cloud, 'dev-youth', { venueId: null, orgId: 'yc-fc' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await submit(cloud, 'dev-youth', { text: '短' }))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
    expect(await submitted(cloud, 'dev-youth', { venueId: null, orgId: 'yc' })).toMatchObject({ orgId: 'yc', venueId: null })
  })

  it('refuses risky text — locally, and when msgSecCheck answers errcode 0 with suggest risky — leaving no trace', async () => {
    const before = snapshot(cloud)
    expect(errCode(await submit(cloud, 'dev-youth', { text: '有人在站里组织赌博活动' }))).toBe('GENERIC.CONTENT_RISKY')
    const prod = withCheck(cloud, { text: async () => verdictFromMsgSecCheck({ errcode: 0, result: { suggest: 'risky' } }) })
    const res = await prod.as('dev-youth')('submitOpinion', { requestId: randomUUID(), venueId: ST.jl, category: 'other', text: '看似正常的意见内容' })
    expect(errCode(res)).toBe('GENERIC.CONTENT_RISKY')
    expect(snapshot(cloud)).toBe(before)
    const a = await opinionAt(cloud, 'assigned')
    const mid = snapshot(cloud)
    expect(errCode(await reply(REP, a.id, '这是诈骗，别信站里的话'))).toBe('GENERIC.CONTENT_RISKY')
    expect(errCode(await prod.as(REP)('replyOpinion', { opinionId: a.id, text: '看似正常的答复内容' }))).toBe('GENERIC.CONTENT_RISKY')
    expect(snapshot(cloud)).toBe(mid)
  })

  it('takes the youth’s own photos only; a photo refused at once refuses the opinion', async () => {
    const own = await submitted(cloud, 'dev-youth', { photos: [cloud.upload('dev-youth', 'street-0001')] })
    expect(own.photoUrls).toHaveLength(1)
    const foreign = cloud.upload('seed-youth-0004', 'not-mine-0001')
    const risky = cloud.upload('dev-youth', 'risky-0002')
    const before = snapshot(cloud)
    expect(errCode(await submit(cloud, 'dev-youth', { photos: [foreign] }))).toBe('FILE.NOT_OWN')
    expect(errCode(await submit(cloud, 'dev-youth', { photos: [risky] }))).toBe('OPINION.PHOTO_RISKY')
    expect(errCode(await submit(cloud, 'dev-youth', { photos: ['https://example.com/a.jpg'] }))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
  })

  it('shows a photo whose check is pending to the author and the cadre only; a pass shows it to the assignee, a risky push drops it', async () => {
    let n = 0
    const prod = withCheck(cloud, { image: async () => ({ pending: `op-trace-${++n}` }) })
    const photos = [cloud.upload('dev-youth', 'pending-0001'), cloud.upload('dev-youth', 'pending-0002')]
    const o = ok(await prod.as('dev-youth')('submitOpinion', { requestId: randomUUID(), venueId: ST.jl, category: 'community', text: '小区路灯坏了很久了。', photos })) as { opinion: { id: string; photoUrls: string[] } }
    const id = o.opinion.id
    expect(o.opinion.photoUrls).toHaveLength(2)
    expect(stored(id).photoTraces).toEqual(['op-trace-1', 'op-trace-2'])
    ok(await assign(CADRE, id, REP))
    const seen = async (who: string) => ok(await cloud.as(who).station.getOpinion({ opinionId: id })).opinion.photoUrls.length
    expect([await seen('dev-youth'), await seen(CADRE), await seen(REP)]).toEqual([2, 2, 0])
    expect(ok(await prod.push('op-trace-1', 'pass'))).toEqual({ matched: true })
    expect(ok(await prod.push('op-trace-2', 'risky'))).toEqual({ matched: true })
    // A push applied once; another function's trace is not ours.
    expect(ok(await prod.push('op-trace-2', 'pass'))).toEqual({ matched: false })
    expect(ok(await prod.push('an-trace-999', 'pass'))).toEqual({ matched: false })
    expect([await seen('dev-youth'), await seen(CADRE), await seen(REP)]).toEqual([1, 1, 1])
    expect(stored(id).photoTraces).toEqual([])
  })

  it('answers a retry with the same opinion and makes one when the same key comes many times at once; another payload is refused', async () => {
    const input = { requestId: randomUUID(), venueId: ST.jl, category: 'study', text: '希望有自习室开放到晚上。' }
    const results = await Promise.all(Array.from({ length: 8 }, () => cloud.as('dev-youth').station.submitOpinion(input)))
    const ids = new Set(results.map((r) => ok(r).opinion.id))
    expect(ids.size).toBe(1)
    expect(cloud.docs(COLLECTIONS.opinions, { text: input.text })).toHaveLength(1)
    const before = snapshot(cloud)
    expect(ok(await cloud.as('dev-youth').station.submitOpinion(input)).opinion.id).toBe([...ids][0])
    expect(errCode(await cloud.as('dev-youth').station.submitOpinion({ ...input, text: '另一条不同的意见内容' }))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('races', () => {
  it('lets one of two cadres assigning at once win; the other is told the state changed', async () => {
    await cloud.emulator.store.upsert(COLLECTIONS.roles, { _id: 'r_jl_cadre', openid: 'jl-cadre', userId: null, role: 'cadre', orgId: 'yuci-jl', via: 'grant', grantedBy: null, grantedAt: 0 })
    for (let i = 0; i < 3; i++) {
      const s = await opinionAt(cloud, 'submitted')
      const [x, y] = await Promise.all([assign(CADRE, s.id, REP), assign('jl-cadre', s.id, REP2)])
      const codes = [errCode(x), errCode(y)]
      expect(codes.filter((c) => c === undefined)).toHaveLength(1)
      expect(codes.filter((c) => c === 'OPINION.WRONG_STATE')).toHaveLength(1)
      const winner = x.ok ? uid(cloud, REP) : uid(cloud, REP2)
      expect(stored(s.id)).toMatchObject({ state: 'assigned', assigneeUserId: winner })
      expect(stored(s.id).steps).toHaveLength(2)
      expect(audits(s.id)).toHaveLength(1)
    }
  })

  it('answers a reply racing a reassignment truthfully: exactly one lands', async () => {
    for (let i = 0; i < 3; i++) {
      const a = await opinionAt(cloud, 'assigned')
      const [r, m] = await Promise.all([reply(REP, a.id), assign(CADRE, a.id, REP2)])
      expect([r.ok, m.ok].filter(Boolean)).toHaveLength(1)
      const loser = r.ok ? m : r
      expect(errCode(loser)).toBe('OPINION.WRONG_STATE')
      expect(stored(a.id).state).toBe(r.ok ? 'replied' : 'assigned')
      expect(localOutbox.filter((x) => x.template === 'opinion_replied' && x.page.endsWith(a.id))).toHaveLength(r.ok ? 1 : 0)
    }
  })
})

describe('lists, figures and the sweep', () => {
  let fresh: TestCloud
  beforeAll(async () => {
    fresh = await testCloud({ youth: 10 })
    await stageOpinions(fresh)
  }, 30_000)
  afterAll(() => fresh.close())

  it('flags overdue ones, reminds each assignee once, closes unrated replies after 14 days, and counts the station’s figures', async () => {
    fresh.clock.set(TEST_NOW)
    const old = await opinionAt(fresh, 'assigned', 'seed-youth-0001')
    const unassigned = await opinionAt(fresh, 'submitted', 'seed-youth-0002')
    const answered = await opinionAt(fresh, 'replied', 'seed-youth-0003')
    fresh.clock.set(TEST_NOW + DAY_MS)
    const recent = await opinionAt(fresh, 'assigned', 'seed-youth-0004')
    fresh.clock.set(TEST_NOW + 8 * DAY_MS)

    const overdue = ok(await fresh.as(CADRE).station.listOpinions({ orgId: 'yuci', overdue: true, limit: 50 })).items
    expect(overdue.map((x) => x.id).sort()).toEqual([old.id, unassigned.id].sort())
    expect(overdue.every((x) => x.overdue)).toBe(true)
    expect(ok(await fresh.as(CADRE).station.listOpinions({ orgId: 'yuci', overdue: true, state: 'submitted', limit: 50 })).items.map((x) => x.id)).toEqual([unassigned.id])
    expect(ok(await fresh.as(CADRE).station.listOpinions({ orgId: 'yuci', overdue: true, state: 'replied', limit: 50 })).items).toEqual([])
    expect(ok(await fresh.as(CADRE).station.listOpinions({ orgId: 'yuci', state: 'replied', limit: 50 })).items.map((x) => x.id)).toEqual([answered.id])

    clearLocalOutbox()
    const [first, second] = await Promise.all([fresh.timer('station', 'sweepStations'), fresh.timer('station', 'sweepStations')])
    const runs = [ok(first), ok(second)] as { overdueReminded: number; autoClosed: number }[]
    expect(runs[0].overdueReminded + runs[1].overdueReminded).toBe(1)
    expect(ok(await fresh.timer('station', 'sweepStations'))).toMatchObject({ overdueReminded: 0, autoClosed: 0 })
    const reminders = localOutbox.filter((m) => m.template === 'opinion_overdue')
    expect(reminders).toHaveLength(1)
    expect(reminders[0]).toMatchObject({ openid: REP, page: `packages/station/pages/opinion/index?id=${old.id}` })
    expect(fresh.emulator.store.get(COLLECTIONS.opinions, old.id)).toMatchObject({ remindedAt: TEST_NOW + 8 * DAY_MS })

    // Reassigned, the new assignee is told in turn, once.
    ok(await fresh.as(CADRE).station.assignOpinion({ opinionId: old.id, userId: uid(fresh, REP2) }))
    expect(ok(await fresh.timer('station', 'sweepStations'))).toMatchObject({ overdueReminded: 1 })
    expect(ok(await fresh.timer('station', 'sweepStations'))).toMatchObject({ overdueReminded: 0 })

    // Fourteen days after the reply, unrated: closed by the system.
    fresh.clock.set(TEST_NOW + 15 * DAY_MS)
    expect(ok(await fresh.timer('station', 'sweepStations'))).toMatchObject({ autoClosed: 1 })
    const closed = ok(await fresh.as('seed-youth-0003').station.getOpinion({ opinionId: answered.id })).opinion
    expect(closed.state).toBe('closed')
    expect(closed.steps.at(-1)).toEqual({ state: 'closed', at: TEST_NOW + 15 * DAY_MS, by: '系统' })
    expect(errCode(await fresh.as('seed-youth-0003').station.rateOpinion({ opinionId: answered.id, rating: 5 }))).toBe('OPINION.WRONG_STATE')

    // The station's year: 4 received; replied at once and after 14 days (median 168 h); one rated 3; the two old open ones overdue.
    ok(await fresh.as(REP).station.replyOpinion({ opinionId: recent.id, text: '已经联系社区，本周处理。' }))
    ok(await fresh.as('seed-youth-0004').station.rateOpinion({ opinionId: recent.id, rating: 3 }))
    const figures = await opinionFigures(database(), { venueId: ST.jl }, 2026, TEST_NOW + 15 * DAY_MS)
    expect(figures).toEqual({ received: 4, replied: 2, closed: 2, overdue: 2, medianReplyHours: 168, satisfaction: 3, rated: 1 })
    expect(await opinionFigures(database(), { venueId: ST.jl }, 2025, TEST_NOW)).toMatchObject({ received: 0, medianReplyHours: null, satisfaction: null })
  })
})
