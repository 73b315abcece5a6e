import { clearLocalOutbox, localOutbox } from '../../../cloudfunctions/_core/platform'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import type { OpinionViewT } from '../../../types/contract/station'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { CADRE, REP, SIBLING_CADRE, stageOpinions, submitted, uid, withCheck } from './opinion-fixture'

/**
 * An anonymous opinion hides its author from everyone but the author and the handling cadre: the
 * representative reads it and its steps with no name and no mobile, another cadre cannot open it,
 * the audit trail records the author's rating with no actor and no entry names the author anywhere,
 * and no log line carries the author's openid or user id. Walked through the whole loop, with a
 * failure on the way so that the error log is exercised too.
 */
let cloud: TestCloud
const AUTHOR = 'seed-youth-0007'
let authorUserId = ''
let authorName = ''
let id = ''
const views: Record<string, OpinionViewT> = {}
const get = async (who: string) => ok(await cloud.as(who).station.getOpinion({ opinionId: id })).opinion

beforeAll(async () => {
  cloud = await testCloud({ youth: 20 })
  await stageOpinions(cloud)
  cloud.clock.set(TEST_NOW)
  clearLocalOutbox()
  authorUserId = uid(cloud, AUTHOR)
  authorName = (cloud.emulator.store.get(COLLECTIONS.profiles, authorUserId) as { realName: string }).realName
  let n = 0
  const prod = withCheck(cloud, { image: async () => ({ pending: `anon-trace-${++n}` }) })
  const made = ok(
    await prod.as(AUTHOR)('submitOpinion', { requestId: '6f1d2b9e-6a44-4c1e-9a55-0c8c2d0e7b11', venueId: 'st-jl', category: 'rights', text: '单位长期拖欠加班费，不敢实名反映。', photos: [cloud.upload(AUTHOR, 'payslip-0001')], anonymous: true }),
  ) as { opinion: OpinionViewT }
  id = made.opinion.id
  views.submitted = made.opinion
  ok(await prod.push('anon-trace-1', 'risky'))
  views.assigned = ok(await cloud.as(CADRE).station.assignOpinion({ opinionId: id, userId: uid(cloud, REP) })).opinion
  views.repAssigned = (ok(await cloud.as(REP).station.assignedOpinions({ limit: 20 })).items.find((o) => o.id === id))!
  // A refusal and a risky reply on the way: the failure paths log nothing about the author either.
  expect(errCode(await cloud.as(REP).station.replyOpinion({ opinionId: id, text: '这是诈骗，别理会' }))).toBe('GENERIC.CONTENT_RISKY')
  views.replied = ok(await cloud.as(REP).station.replyOpinion({ opinionId: id, text: '已转劳动监察部门，两周内答复。' })).opinion
  views.rated = ok(await cloud.as(AUTHOR).station.rateOpinion({ opinionId: id, rating: 4, comment: '希望尽快解决' })).opinion
  views.rep = await get(REP)
  views.cadre = await get(CADRE)
  views.author = await get(AUTHOR)
  views.listed = (ok(await cloud.as(CADRE).station.listOpinions({ orgId: 'yuci-jl', limit: 50 })).items.find((o) => o.id === id))!
}, 30_000)
afterAll(() => cloud.close())

describe('an anonymous opinion', () => {
  it('is shown to its author with their own name, and to the handling cadre with name and masked mobile', () => {
    for (const v of [views.submitted, views.rated, views.author]) expect(v).toMatchObject({ anonymous: true, authorName, authorMobile: null, mine: true })
    for (const v of [views.assigned, views.cadre, views.listed]) {
      expect(v).toMatchObject({ anonymous: true, authorName, mine: false })
      expect(v.authorMobile).toMatch(/^1\d{2}\*{4}\d{4}$/)
      expect(v.steps[0].by).toBe(authorName)
    }
  })

  it('hides the author from the representative in every answer: no name, no mobile, 匿名青年 in the steps', () => {
    for (const v of [views.repAssigned, views.replied, views.rep]) {
      expect(v).toMatchObject({ anonymous: true, authorName: null, authorMobile: null, mine: false })
      expect(v.steps.filter((s) => s.state === 'submitted' || s.state === 'closed').every((s) => s.by === '匿名青年')).toBe(true)
      expect(JSON.stringify(v)).not.toContain(authorName)
      expect(JSON.stringify(v)).not.toContain(authorUserId)
    }
    expect(views.rep.steps.map((s) => s.by)).toEqual(['匿名青年', '郭志强', '赵敏', '匿名青年'])
  })

  it('is not there at all for a cadre of a neighbouring org or another youth', async () => {
    for (const who of [SIBLING_CADRE, 'dev-cadre', 'seed-youth-0008']) expect(errCode(await cloud.as(who).station.getOpinion({ opinionId: id }))).toBe('OPINION.NOT_FOUND')
  })

  it('drops a photo found risky from every view, the author’s and the cadre’s included', () => {
    for (const v of [views.assigned, views.rep, views.cadre, views.author]) expect(v.photoUrls).toEqual([])
  })

  it('leaves the author out of the audit trail: the rating has no actor, no entry names them', () => {
    const trail = cloud.docs(COLLECTIONS.auditLogs).filter((e) => e.target?.id === id)
    expect(trail.map((e) => [e.action, e.actor]).sort()).toEqual([
      ['station.assignOpinion', CADRE],
      ['station.rateOpinion', null],
      ['station.replyOpinion', REP],
    ])
    const all = JSON.stringify(cloud.docs(COLLECTIONS.auditLogs))
    expect(all).not.toContain(authorUserId)
    expect(all).not.toContain(AUTHOR)
    expect(all).not.toContain(authorName)
  })

  it('writes no log line with the author’s openid or user id, and names them 匿名青年 in the message list', () => {
    expect(cloud.logs.length).toBeGreaterThan(0)
    const logged = JSON.stringify(cloud.logs)
    expect(logged).not.toContain(authorUserId)
    expect(logged).not.toContain(AUTHOR)
    const message = cloud.docs(COLLECTIONS.outbox).find((m) => m.template === 'opinion_replied' && m.subject === id)!
    expect(message.to).toEqual({ openid: AUTHOR, name: '匿名青年' })
    expect(localOutbox.filter((m) => m.template === 'opinion_replied' && m.openid === AUTHOR)).toHaveLength(1)
  })
})

describe('an opinion that is not anonymous', () => {
  it('shows the representative the author’s name but never the mobile, and audits the rating by its author', async () => {
    const o = await submitted(cloud, 'dev-youth')
    ok(await cloud.as(CADRE).station.assignOpinion({ opinionId: o.id, userId: uid(cloud, REP) }))
    const rep = ok(await cloud.as(REP).station.getOpinion({ opinionId: o.id })).opinion
    expect(rep).toMatchObject({ anonymous: false, authorName: '王晓青', authorMobile: null })
    ok(await cloud.as(REP).station.replyOpinion({ opinionId: o.id, text: '下月在站里办一场青年招聘会。' }))
    ok(await cloud.as('dev-youth').station.rateOpinion({ opinionId: o.id, rating: 5 }))
    expect(cloud.docs(COLLECTIONS.auditLogs).find((e) => e.target?.id === o.id && e.action === 'station.rateOpinion')).toMatchObject({ actor: 'dev-youth' })
  })
})
