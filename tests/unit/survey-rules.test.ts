import { Question } from '../../types/contract/station'
import { DAY_MS } from '../../types/day'
import {
  assertDefinition,
  assertEditable,
  assertPeriod,
  checkAnswers,
  mergeProfile,
  profileAddsOf,
  recount,
  resultsOf,
  sumTallies,
  tallyIncrements,
  type QuestionDef,
  type SurveyDoc,
} from '../../cloudfunctions/_core/station/survey.rules'
import { isAppError } from '../../cloudfunctions/_core/runtime/app-error'

/** 问卷 rules (cloudfunctions/_core/station/survey.rules.ts): definitions, periods, answers, tallies, the profile. */

const q = (over: Record<string, unknown>): QuestionDef => Question.parse({ id: 'q1', kind: 'single', title: '题目一', options: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }], ...over })
const opt = (id: string, profile: unknown = null) => ({ id, label: `选项${id}`, profile })

function codeOf(run: () => unknown): { code?: string; issues?: unknown[] } {
  try {
    run()
  } catch (e) {
    if (isAppError(e)) return { code: e.code, issues: e.issues }
    throw e
  }
  return {}
}

const QS: QuestionDef[] = [
  q({ id: 'one' }),
  q({ id: 'many', kind: 'multi', options: [opt('x', { field: 'needs', value: 'employment' }), opt('y', { field: 'skills', value: '电商运营' }), opt('z')], maxChoices: 2 }),
  q({ id: 'rate', kind: 'rating', options: [], scale: 5 }),
  q({ id: 'say', kind: 'text', options: [], required: false, maxLength: 20 }),
]

describe('the definition', () => {
  it('takes a sound survey', () => expect(codeOf(() => assertDefinition(QS)).code).toBeUndefined())
  it.each([
    ['a repeated question id', [q({}), q({ title: '题目二' })]],
    ['a repeated option id', [q({ options: [opt('a'), opt('a')] })]],
    ['a single choice with one option', [q({ options: [opt('a')] })]],
    ['options on a rating', [q({ kind: 'rating' })]],
    ['options on a text', [q({ kind: 'text' })]],
    ['maxChoices above the options', [q({ kind: 'multi', maxChoices: 3 })]],
    ['maxChoices on a single choice', [q({ maxChoices: 1 })]],
    ['a need that is no need', [q({ options: [opt('a', { field: 'needs', value: 'money' }), opt('b')] })]],
  ])('refuses %s with SURVEY.BAD_DEFINITION naming the question', (_name, qs) => {
    const r = codeOf(() => assertDefinition(qs as QuestionDef[]))
    expect(r.code).toBe('SURVEY.BAD_DEFINITION')
    expect(r.issues?.length).toBeGreaterThan(0)
  })
})

describe('the period', () => {
  const now = Date.parse('2026-11-28T10:00:00+08:00')
  it('takes a month from now', () => expect(codeOf(() => assertPeriod(now, now + 30 * DAY_MS, now)).code).toBeUndefined())
  it.each([
    ['closing before opening', now + DAY_MS, now],
    ['closing as it opens', now + DAY_MS, now + DAY_MS],
    ['running over 366 days', now, now + 367 * DAY_MS],
    ['already over', now - 10 * DAY_MS, now - DAY_MS],
  ])('refuses %s', (_n, opensAt, closesAt) => expect(codeOf(() => assertPeriod(opensAt, closesAt, now)).code).toBe('SURVEY.BAD_PERIOD'))
})

describe('the lock', () => {
  const seen = { questions: QS, audience: { type: 'org', orgId: 'yc' }, opensAt: 1, orgId: 'yc', status: 'published', locked: true } as unknown as SurveyDoc
  it('lets an answered survey change its title and closing time only', () => {
    expect(codeOf(() => assertEditable(seen, { questions: QS, audience: seen.audience, opensAt: 1, orgId: 'yc' })).code).toBeUndefined()
    expect(codeOf(() => assertEditable(seen, { questions: QS.slice(1), audience: seen.audience, opensAt: 1, orgId: 'yc' })).code).toBe('SURVEY.LOCKED')
    expect(codeOf(() => assertEditable(seen, { questions: QS, audience: { type: 'org', orgId: 'yc-rc' }, opensAt: 1, orgId: 'yc' })).code).toBe('SURVEY.LOCKED')
  })
  it('lets an unanswered one change anything', () => {
    expect(codeOf(() => assertEditable({ ...seen, locked: false }, { questions: QS.slice(1), audience: seen.audience, opensAt: 2, orgId: 'yc' })).code).toBeUndefined()
  })
})

describe('answers', () => {
  const good = { one: 'a', many: ['x', 'y'], rate: 4, say: '  很好  ' }
  it('takes a fitting answer, trimming its text', () => expect(checkAnswers(QS, good)).toEqual({ one: 'a', many: ['x', 'y'], rate: 4, say: '很好' }))
  it('leaves out an empty optional answer', () => expect(checkAnswers(QS, { ...good, say: '  ' })).not.toHaveProperty('say'))
  it.each([
    ['an unknown question', { ...good, nope: 'a' }, 'nope'],
    ['a missing required answer', { many: ['x'], rate: 3 }, 'one'],
    ['a wrong type', { ...good, one: ['a'] }, 'one'],
    ['an option not in the question', { ...good, one: 'x' }, 'one'],
    ['a duplicate in a multi', { ...good, many: ['x', 'x'] }, 'many'],
    ['too many choices', { ...good, many: ['x', 'y', 'z'] }, 'many'],
    ['a rating of 0', { ...good, rate: 0 }, 'rate'],
    ['a rating above the scale', { ...good, rate: 6 }, 'rate'],
    ['a rating of 2.5', { ...good, rate: 2.5 }, 'rate'],
    ['a text over its length', { ...good, say: '长'.repeat(21) }, 'say'],
    ['a text with control characters', { ...good, say: 'ab\u0007c' }, 'say'],
  ])('refuses %s, naming the question', (_n, answers, qid) => {
    const r = codeOf(() => checkAnswers(QS, answers as Record<string, unknown>))
    expect(r.code).toBe('SURVEY.BAD_ANSWER')
    expect(r.issues).toContainEqual(expect.objectContaining({ path: ['answers', qid] }))
  })
})

describe('tallies', () => {
  it('adds one answer once per chosen option and per answered question; a recount equals the summed shards', () => {
    const answers = [checkAnswers(QS, { one: 'a', many: ['x'], rate: 5 }), checkAnswers(QS, { one: 'b', many: ['x', 'z'], rate: 3, say: '好' })]
    expect(tallyIncrements(QS, answers[0])).toEqual({ answers: 1, 'answered.one': 1, 'answered.many': 1, 'answered.rate': 1, 'counts.one.a': 1, 'counts.many.x': 1, 'counts.rate.s5': 1 })
    const t = recount(QS, answers)
    expect(sumTallies([recount(QS, [answers[0]]), recount(QS, [answers[1]])])).toEqual(t)
    const r = resultsOf(QS, t)
    expect(r.find((x) => x.id === 'many')!.counts).toEqual([
      { key: 'x', label: '选项x', count: 2 },
      { key: 'y', label: '选项y', count: 0 },
      { key: 'z', label: '选项z', count: 1 },
    ])
    const rate = r.find((x) => x.id === 'rate')!
    expect(rate.mean).toBe(4)
    expect(rate.counts.map((c) => c.count)).toEqual([0, 0, 1, 0, 1])
    expect(r.find((x) => x.id === 'say')).toMatchObject({ answered: 1, counts: [], mean: null })
  })
})

describe('the profile', () => {
  it('adds the chosen options’ values, each once, after what is there', () => {
    const adds = profileAddsOf(QS, { one: 'a', many: ['x', 'y'] })
    expect(adds).toEqual({ needs: ['employment'], skills: ['电商运营'], interests: [] })
    expect(mergeProfile({ needs: ['employment'], skills: ['摄影'], interests: [] }, adds)).toEqual({ next: { skills: ['摄影', '电商运营'] }, changed: ['skills'], over: [] })
  })
  it('does not cut a field to fit: a full one is named, unchanged', () => {
    const full = Array.from({ length: 10 }, (_, i) => `特长${i}`)
    const r = mergeProfile({ needs: [], skills: full, interests: [] }, { needs: ['employment'], skills: ['电商运营'], interests: [] })
    expect(r.over).toEqual(['skills'])
    expect(r.changed).toEqual(['needs'])
    expect(r.next.skills).toBeUndefined()
  })
})
