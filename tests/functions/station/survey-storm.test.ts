import { randomUUID } from 'node:crypto'
import { shardOf } from '../../../cloudfunctions/_core/community'
import { userIdFor } from '../../../cloudfunctions/_core/profile'
import { recount, type QuestionDef } from '../../../cloudfunctions/_core/station'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import type { Deps } from '../../../cloudfunctions/_core/runtime/context'
import type { Db } from '../../../cloudfunctions/_core/runtime/db'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { actions } from '../../../cloudfunctions/station/actions'
import { stationContract, type SaveSurveyInputT } from '../../../types/contract/station'
import { DAY_MS } from '../../../types/day'
import { failing, type Failure } from '../../fixtures/failing-db'
import { TEST_NOW, errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Survey tallies under load and faults: a hundred different youth answering one survey at once are
 * all counted, none told to try again, and the summed shards equal a recount over the answer
 * documents — also after a call died between the answer and its tally, or lost the tally's reply.
 */

let cloud: TestCloud
let youth: string[]
beforeAll(async () => {
  cloud = await testCloud({ youth: 300 })
  const orgs = new Map(cloud.docs('orgs').map((o) => [o._id as string, o]))
  // Every registered seeded youth of 阳城, the county dev-admin manages.
  youth = cloud
    .docs('profiles')
    .filter((p) => String(p.openid).startsWith('seed-youth-'))
    .filter((p) => p.orgId === 'yc' || (orgs.get(p.orgId)?.path as string[] | undefined)?.includes('yc'))
    .map((p) => p.openid as string)
    .sort()
}, 60_000)
afterAll(() => cloud.close())

const QUESTIONS: SaveSurveyInputT['questions'] = [
  { id: 'age', kind: 'single', title: '您的年龄段', options: [{ id: 'a', label: '18岁以下' }, { id: 'b', label: '18至28岁' }, { id: 'c', label: '28岁以上' }] },
  { id: 'need', kind: 'multi', title: '您最需要的服务', options: ['就业', '培训', '婚恋', '心理'].map((label, i) => ({ id: `n${i}`, label })) },
  { id: 'score', kind: 'rating', title: '满意度', scale: 5 },
  { id: 'note', kind: 'text', title: '其他建议', required: false },
]

async function survey(): Promise<{ id: string; questions: QuestionDef[] }> {
  const s = ok(
    await cloud.as('dev-admin').station.saveSurvey({
      requestId: randomUUID(),
      orgId: 'yc',
      title: '阳城青年发展问卷',
      audience: { type: 'org', orgId: 'yc' },
      opensAt: TEST_NOW - DAY_MS,
      closesAt: TEST_NOW + 30 * DAY_MS,
      questions: QUESTIONS,
      publish: true,
    }),
  ).survey
  return { id: s.id, questions: cloud.emulator.store.get('surveys', s.id)!.questions as QuestionDef[] }
}

/** A varied answer for the i-th youth. */
const answerOf = (i: number) => ({
  age: ['a', 'b', 'c'][i % 3],
  need: ['n0', 'n1', 'n2', 'n3'].filter((_, k) => ((i % 15) + 1) & (1 << k)),
  score: (i % 5) + 1,
  ...(i % 4 === 0 ? { note: `建议${i}` } : {}),
})

/** What surveyResults shows, in the shape a recount gives. */
async function shown(surveyId: string) {
  const res = ok(await cloud.as('dev-admin').station.surveyResults({ surveyId }))
  return { answers: res.survey.answers, questions: res.questions.map((q) => ({ id: q.id, answered: q.answered, counts: q.counts.map((c) => c.count) })) }
}

function recounted(s: { id: string; questions: QuestionDef[] }) {
  const t = recount(s.questions, cloud.docs('survey_answers', { surveyId: s.id }).map((a) => a.answers))
  return {
    answers: t.answers,
    questions: s.questions.map((q) => ({
      id: q.id,
      answered: t.answered[q.id] ?? 0,
      counts: q.kind === 'text' ? [] : q.kind === 'rating' ? Array.from({ length: q.scale }, (_, k) => t.counts[q.id]?.[`s${k + 1}`] ?? 0) : q.options.map((o) => t.counts[q.id]?.[o.id] ?? 0),
    })),
  }
}

it('counts 100 different youth answering at once, every one, with no conflict', async () => {
  expect(youth.length).toBeGreaterThanOrEqual(100)
  const s = await survey()
  const storm = youth.slice(0, 100)
  const replies = await Promise.all(storm.map((who, i) => cloud.as(who).station.answerSurvey({ surveyId: s.id, answers: answerOf(i) })))
  expect(replies.filter((r) => !r.ok).map(errCode)).toEqual([])
  expect(cloud.docs('survey_answers', { surveyId: s.id })).toHaveLength(100)
  expect(cloud.docs('survey_answers', { surveyId: s.id, talliedAt: null })).toHaveLength(0)
  const got = await shown(s.id)
  expect(got.answers).toBe(100)
  expect(got).toEqual(recounted(s))
}, 120_000)

describe('a call that dies between the answer and its tally', () => {
  const handlerWith = (db: Db) => createHandler(stationContract, actions, (): Deps => ({ ...cloud.deps(), db }))

  it.each<[string, Failure]>([
    ['before the tally is written', 'crash'],
    ['after the tally is written, its reply lost', 'lost'],
  ])('%s: the answer is counted once, by the next results read after a minute', async (_n, how) => {
    const s = await survey()
    const others = youth.slice(100, 130)
    for (const [i, who] of others.entries()) ok(await cloud.as(who).station.answerSurvey({ surveyId: s.id, answers: answerOf(i) }))
    // A youth whose shard is already there, so that a lost reply follows a tally that was written.
    const broken = youth.slice(130).find((who) => cloud.emulator.store.get('survey_tallies', `${s.id}~${shardOf(userIdFor(cloud.secrets, who))}`))!
    const dying = handlerWith(failing(cloud.deps().db, (c, op) => (c === 'survey_tallies' && op === 'update' ? how : null)))
    const r = await dying.handle({ action: 'answerSurvey', payload: { surveyId: s.id, answers: answerOf(7) } }, localCaller(broken))
    expect(r.ok).toBe(false)
    // The answer is stored: asked again, the youth is told so, and it is never stored twice.
    expect(errCode(await cloud.as(broken).station.answerSurvey({ surveyId: s.id, answers: answerOf(7) }))).toBe('SURVEY.ANSWERED')
    expect(cloud.docs('survey_answers', { surveyId: s.id, talliedAt: null })).toHaveLength(1)

    // Within the grace minute the live call might still be on its way: the read leaves it.
    expect((await shown(s.id)).answers).toBe(how === 'lost' ? 31 : 30)
    cloud.clock.advance(2 * 60_000)
    try {
      const got = await shown(s.id)
      expect(got.answers).toBe(31)
      expect(got).toEqual(recounted(s))
      expect(cloud.docs('survey_answers', { surveyId: s.id, talliedAt: null })).toHaveLength(0)
      // Read again: nothing counted twice.
      expect(await shown(s.id)).toEqual(got)
    } finally {
      cloud.clock.set(TEST_NOW)
    }
  }, 60_000)
})
