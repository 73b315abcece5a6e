import { randomUUID } from 'node:crypto'
import { userIdFor } from '../../../cloudfunctions/_core/profile'
import type { SaveSurveyInputT } from '../../../types/contract/station'
import { DAY_MS } from '../../../types/day'
import { groupInput } from '../../fixtures/groups'
import { TEST_NOW, errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 30 })
}, 60_000)
afterAll(() => cloud.close())

const uid = (openid: string) => userIdFor(cloud.secrets, openid)
const profile = (openid: string) => cloud.emulator.store.get('profiles', uid(openid)) as Record<string, any>

const QUESTIONS: SaveSurveyInputT['questions'] = [
  { id: 'work', kind: 'single', title: '您目前的状态', options: [{ id: 'job', label: '在职' }, { id: 'seek', label: '求职', profile: { field: 'needs', value: 'employment' } }] },
  {
    id: 'want',
    kind: 'multi',
    title: '您想参加哪些活动',
    maxChoices: 2,
    options: [
      { id: 'ec', label: '电商培训', profile: { field: 'skills', value: '电商运营' } },
      { id: 'ph', label: '摄影', profile: { field: 'interests', value: '摄影' } },
      { id: 'vo', label: '志愿服务' },
    ],
  },
  { id: 'rate', kind: 'rating', title: '您对团组织的满意度', scale: 5 },
  { id: 'say', kind: 'text', title: '您的建议', required: false, maxLength: 50 },
]

function input(over: Partial<SaveSurveyInputT> = {}): SaveSurveyInputT {
  return {
    requestId: randomUUID(),
    orgId: 'yc-rc',
    title: '润城镇青年发展问卷',
    intro: '了解青年的需求。',
    audience: { type: 'org', orgId: 'yc-rc' },
    opensAt: TEST_NOW - DAY_MS,
    closesAt: TEST_NOW + 30 * DAY_MS,
    questions: QUESTIONS,
    publish: true,
    ...over,
  }
}

const save = async (over: Partial<SaveSurveyInputT> = {}, as = 'dev-cadre') => ok(await cloud.as(as).station.saveSurvey(input(over))).survey
const answer = (openid: string, surveyId: string, answers: Record<string, unknown>, consent = false) => cloud.as(openid).station.answerSurvey({ surveyId, answers, consent })
const GOOD = { work: 'seek', want: ['ec', 'ph'], rate: 4, say: '多办培训' }

describe('saving', () => {
  it('makes one survey for one request key, however often it is sent', async () => {
    const i = input()
    const views = (await Promise.all(Array.from({ length: 5 }, () => cloud.as('dev-cadre').station.saveSurvey(i)))).map((r) => ok(r).survey)
    expect(new Set(views.map((v) => v.id)).size).toBe(1)
    expect(views[0]).toMatchObject({ status: 'published', audienceName: expect.any(String), asksConsent: true, answers: 0 })
    expect(cloud.docs('surveys', { _id: views[0].id })).toHaveLength(1)
    expect(cloud.docs('audit_logs').filter((a) => a.target?.id === views[0].id)).toHaveLength(1)
  })

  it('refuses a bad definition or period, a youth, and an audience out of scope, leaving no trace', async () => {
    const before = snapshot(cloud, ['surveys', 'audit_logs'])
    expect(errCode(await cloud.as('dev-cadre').station.saveSurvey(input({ questions: [{ id: 'a', kind: 'single', title: '只有一项', options: [{ id: 'x', label: '唯一' }] }] })))).toBe('SURVEY.BAD_DEFINITION')
    expect(errCode(await cloud.as('dev-cadre').station.saveSurvey(input({ closesAt: TEST_NOW + 400 * DAY_MS })))).toBe('SURVEY.BAD_PERIOD')
    expect(errCode(await cloud.as('dev-cadre').station.saveSurvey(input({ opensAt: TEST_NOW, closesAt: TEST_NOW - 1 })))).toBe('SURVEY.BAD_PERIOD')
    expect(errCode(await cloud.as('dev-youth').station.saveSurvey(input()))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').station.saveSurvey(input({ audience: { type: 'org', orgId: 'yuci' } })))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-cadre').station.saveSurvey(input({ orgId: 'yuci', audience: { type: 'org', orgId: 'yuci' } })))).toBe('AUTH.FORBIDDEN')
    expect(snapshot(cloud, ['surveys', 'audit_logs'])).toBe(before)
  })

  it('locks the questions after the first answer; title, intro and closing time still change', async () => {
    const s = await save()
    const edit = (over: Partial<SaveSurveyInputT>) => cloud.as('dev-cadre').station.saveSurvey(input({ surveyId: s.id, ...over }))
    ok(await edit({ questions: QUESTIONS.slice(0, 3) }))
    ok(await answer('dev-youth', s.id, { work: 'job', want: ['vo'], rate: 5 }))
    expect(errCode(await edit({ questions: QUESTIONS }))).toBe('SURVEY.LOCKED')
    const renamed = ok(await edit({ questions: QUESTIONS.slice(0, 3), title: '改过的标题', closesAt: TEST_NOW + 60 * DAY_MS })).survey
    expect(renamed).toMatchObject({ title: '改过的标题', closesAt: TEST_NOW + 60 * DAY_MS, answers: 1 })
    expect(renamed.questions).toHaveLength(3)
  })
})

describe('answering', () => {
  it('takes one answer per youth: sent again, or 30 times at once', async () => {
    const s = await save()
    ok(await answer('dev-youth', s.id, GOOD))
    expect(errCode(await answer('dev-youth', s.id, GOOD))).toBe('SURVEY.ANSWERED')

    const s2 = await save()
    const storm = await Promise.all(Array.from({ length: 30 }, () => answer('dev-youth', s2.id, GOOD)))
    expect(storm.filter((r) => r.ok)).toHaveLength(1)
    expect(storm.filter((r) => errCode(r) === 'SURVEY.ANSWERED')).toHaveLength(29)
    expect(cloud.docs('survey_answers', { surveyId: s2.id })).toHaveLength(1)
    const res = ok(await cloud.as('dev-cadre').station.surveyResults({ surveyId: s2.id }))
    expect(res.survey.answers).toBe(1)
    expect(res.questions.find((q) => q.id === 'rate')).toMatchObject({ answered: 1, mean: 4 })
  }, 60_000)

  it.each([
    ['an unknown question', { ...GOOD, extra: 'x' }],
    ['a missing required answer', { want: ['ec'], rate: 3 }],
    ['a wrong type', { ...GOOD, rate: '4' }],
    ['an option not in the question', { ...GOOD, work: 'boss' }],
    ['a duplicate in a multi', { ...GOOD, want: ['ec', 'ec'] }],
    ['too many choices', { ...GOOD, want: ['ec', 'ph', 'vo'] }],
    ['a rating outside the scale', { ...GOOD, rate: 9 }],
    ['a text over its length', { ...GOOD, say: '字'.repeat(51) }],
    ['a text with control characters', { ...GOOD, say: '好\u0000的' }],
  ])('refuses %s with SURVEY.BAD_ANSWER and stores nothing', async (_n, answers) => {
    const s = await save()
    const before = snapshot(cloud, ['survey_answers', 'survey_tallies', 'profiles'])
    const r = await answer('dev-youth', s.id, answers, true)
    expect(errCode(r)).toBe('SURVEY.BAD_ANSWER')
    expect(r.ok ? [] : r.error.issues?.length).toBeGreaterThan(0)
    expect(snapshot(cloud, ['survey_answers', 'survey_tallies', 'profiles'])).toBe(before)
  })

  it('refuses risky text through the content check', async () => {
    const s = await save()
    expect(errCode(await answer('dev-youth', s.id, { ...GOOD, say: '网上赌博' }))).toBe('GENERIC.CONTENT_RISKY')
    expect(cloud.docs('survey_answers', { surveyId: s.id })).toHaveLength(0)
  })

  it('refuses youth outside the audience: another county, a non-member of the group', async () => {
    const s = await save()
    expect(errCode(await answer('dev-rep', s.id, GOOD))).toBe('SURVEY.NOT_IN_AUDIENCE')
    const group = ok(await cloud.as('dev-cadre').community.createGroup(groupInput({ name: '润城镇问卷社群' }))).group
    const g = await save({ audience: { type: 'group', groupId: group.id } })
    expect(errCode(await answer('dev-youth', g.id, GOOD))).toBe('SURVEY.NOT_IN_AUDIENCE')
    expect(ok(await cloud.as('dev-youth').station.mySurveys({})).items.map((x) => x.id)).not.toContain(g.id)
    ok(await cloud.as('dev-youth').community.joinGroup({ groupId: group.id }))
    expect(ok(await cloud.as('dev-youth').station.mySurveys({})).items.map((x) => x.id)).toContain(g.id)
    ok(await answer('dev-youth', g.id, GOOD))
  })

  it('takes a station audience: youth whose org is under the station’s org', async () => {
    const org = cloud.emulator.store.get('orgs', 'yc-rc') as Record<string, any>
    cloud.emulator.store.upsert('venues', {
      _id: 'stest1', name: '润城镇联络站', address: '润城镇', lat: 35.5, lng: 112.5, hours: '9:00-17:00', kind: 'station', orgId: 'yc-rc', underOrgs: [...org.path, 'yc-rc'],
      status: 'open', level: 'station', theme: '', parentId: null, path: [], depth: 0, createdBy: 'dev-cadre', createdAt: 0, updatedAt: 0,
    })
    const s = await save({ audience: { type: 'station', venueId: 'stest1' } })
    expect(s.audienceName).toBe('润城镇联络站')
    expect(errCode(await answer('dev-rep', s.id, GOOD))).toBe('SURVEY.NOT_IN_AUDIENCE')
    ok(await answer('dev-youth', s.id, GOOD))
  })

  it('refuses a closed survey, one not yet open, and one past its end', async () => {
    const s = await save()
    const closed = ok(await cloud.as('dev-cadre').station.closeSurvey({ surveyId: s.id })).survey
    expect(closed.status).toBe('closed')
    expect(errCode(await answer('dev-youth', s.id, GOOD))).toBe('SURVEY.NOT_OPEN')
    const later = await save({ opensAt: TEST_NOW + DAY_MS })
    expect(errCode(await answer('dev-youth', later.id, GOOD))).toBe('SURVEY.NOT_OPEN')
    const draft = await save({ publish: false })
    expect(errCode(await answer('dev-youth', draft.id, GOOD))).toBe('SURVEY.NOT_FOUND')
    const ending = await save({ closesAt: TEST_NOW + 3600_000 })
    cloud.clock.set(TEST_NOW + 3600_000)
    try {
      expect(errCode(await answer('dev-youth', ending.id, GOOD))).toBe('SURVEY.NOT_OPEN')
    } finally {
      cloud.clock.set(TEST_NOW)
    }
    const mine = ok(await cloud.as('dev-youth').station.mySurveys({})).items.map((x) => x.id)
    expect(mine).not.toContain(s.id)
    expect(mine).not.toContain(later.id)
    expect(mine).not.toContain(draft.id)
  })
})

describe('consent and the profile', () => {
  it('without consent, the profile is untouched', async () => {
    const s = await save()
    const before = JSON.stringify(profile('dev-youth'))
    expect(ok(await answer('dev-youth', s.id, GOOD, false)).profileUpdated).toEqual([])
    expect(JSON.stringify(profile('dev-youth'))).toBe(before)
  })

  it('with consent, the chosen needs, skills and interests join the profile, each once', async () => {
    const s = await save()
    const p0 = profile('dev-youth')
    const r = ok(await answer('dev-youth', s.id, GOOD, true))
    const p = profile('dev-youth')
    expect(p.needs).toEqual([...new Set([...p0.needs, 'employment'])])
    expect(p.skills).toEqual([...new Set([...p0.skills, '电商运营'])])
    expect(p.interests).toEqual([...new Set([...p0.interests, '摄影'])])
    expect(r.profileUpdated.sort()).toEqual((['needs', 'skills', 'interests'] as const).filter((f) => p[f].length !== p0[f].length).sort())
  })

  it('refuses, rather than cuts, additions past a profile limit; without consent the same answer is taken', async () => {
    const s = await save()
    const kept = profile('dev-youth')
    const full = Array.from({ length: 10 }, (_, i) => `特长${i}`)
    cloud.emulator.store.upsert('profiles', { ...kept, skills: full })
    try {
      const before = snapshot(cloud, ['survey_answers', 'survey_tallies', 'profiles'])
      expect(errCode(await answer('dev-youth', s.id, GOOD, true))).toBe('SURVEY.BAD_ANSWER')
      expect(snapshot(cloud, ['survey_answers', 'survey_tallies', 'profiles'])).toBe(before)
      expect(ok(await answer('dev-youth', s.id, GOOD, false)).profileUpdated).toEqual([])
      expect(profile('dev-youth').skills).toEqual(full)
    } finally {
      cloud.emulator.store.upsert('profiles', kept)
    }
  })
})

describe('results and texts', () => {
  it('counts what was answered; texts are read by the cadre only, without names', async () => {
    const s = await save()
    ok(await answer('dev-youth', s.id, GOOD))
    const res = ok(await cloud.as('dev-cadre').station.surveyResults({ surveyId: s.id }))
    expect(res.questions.find((q) => q.id === 'want')!.counts).toEqual([
      { key: 'ec', label: '电商培训', count: 1 },
      { key: 'ph', label: '摄影', count: 1 },
      { key: 'vo', label: '志愿服务', count: 0 },
    ])
    const texts = ok(await cloud.as('dev-cadre').station.surveyTexts({ surveyId: s.id, questionId: 'say' }))
    expect(texts.items).toEqual([{ text: '多办培训', at: TEST_NOW }])
    expect(errCode(await cloud.as('dev-youth').station.surveyTexts({ surveyId: s.id, questionId: 'say' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-youth').station.surveyResults({ surveyId: s.id }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await cloud.as('dev-yuci-admin').station.surveyResults({ surveyId: s.id }))).toBe('AUTH.FORBIDDEN')
    const listed = ok(await cloud.as('dev-cadre').station.listSurveys({ orgId: 'yc-rc', limit: 50 }))
    expect(listed.items.map((x) => x.id)).toContain(s.id)
    expect(ok(await cloud.as('dev-youth').station.getSurvey({ surveyId: s.id })).survey.answered).toBe(true)
    const mine = ok(await cloud.as('dev-youth').station.mySurveys({ limit: 50 })).items
    expect(mine.find((x) => x.id === s.id)).toMatchObject({ answered: true, answers: 1 })
  })
})
