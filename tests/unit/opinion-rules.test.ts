import {
  afterPhotoVerdict,
  assertAssignable,
  assertCanSeeOpinion,
  assertRateable,
  assertReplyable,
  assignedOpinion,
  opinionChangedSince,
  opinionFiguresOf,
  opinionOverdue,
  opinionStanding,
  overdueMessage,
  ratedOpinion,
  repliedMessage,
  repliedOpinion,
  submittedPhoto,
  toOpinionView,
  type OpinionDoc,
} from '../../cloudfunctions/_core/station/opinion.rules'
import { AppError } from '../../cloudfunctions/_core/runtime/app-error'
import { OPINION_STATES, type OpinionState } from '../../types/contract/station'
import { DAY_MS } from '../../types/day'

/** 征集意见's pure rules: the state machine, who sees what, the figures and the messages. */
const NOW = Date.parse('2026-11-28T10:00:00+08:00')
const HOUR = 3_600_000

function doc(over: Partial<OpinionDoc> = {}): OpinionDoc {
  return {
    _id: 'op1',
    authorUserId: 'u_author',
    authorOpenid: 'o_author',
    anonymous: false,
    venueId: 'st-jl',
    orgId: 'yuci-jl',
    underOrgs: ['yuci', 'yuci-jl'],
    category: 'employment',
    text: '希望多办招聘会。',
    photos: [],
    photoTraces: [],
    state: 'submitted',
    assigneeUserId: null,
    assigneeOpenid: null,
    assigneeName: null,
    reply: null,
    repliedAt: null,
    rating: null,
    ratingComment: null,
    closedAt: null,
    submittedAt: NOW,
    steps: [{ state: 'submitted', at: NOW, byUserId: 'u_author' }],
    remindedAt: null,
    requestHash: 'h',
    updatedAt: NOW,
    ...over,
  }
}
const code = (f: () => unknown) => {
  try {
    f()
    return null
  } catch (e) {
    return e instanceof AppError ? e.code : String(e)
  }
}
const names = (o: Partial<Record<string, string>> = {}) => ({
  people: new Map(Object.entries({ u_author: '王晓青', u_cadre: '郭志强', u_rep: '赵敏', ...o }) as [string, string][]),
  authorMobile: '139****1234',
  venueName: '书香之站',
  orgName: '锦纶街道团工委',
  urls: new Map([
    ['f_pass', 'https://t/pass'],
    ['f_pending', 'https://t/pending'],
    ['f_risky', 'https://t/risky'],
  ]),
})

describe('the state machine', () => {
  it('allows each step only from the state before it', () => {
    const allowed: Record<string, OpinionState[]> = { assign: ['submitted', 'assigned'], reply: ['assigned'], rate: ['replied'] }
    for (const state of OPINION_STATES) {
      const o = doc({ state, assigneeUserId: 'u_rep' })
      expect([state, code(() => assertAssignable(o))]).toEqual([state, allowed.assign.includes(state) ? null : 'OPINION.WRONG_STATE'])
      expect([state, code(() => assertReplyable(o, 'u_rep'))]).toEqual([state, allowed.reply.includes(state) ? null : 'OPINION.WRONG_STATE'])
      expect([state, code(() => assertRateable(o, 'u_author'))]).toEqual([state, allowed.rate.includes(state) ? null : 'OPINION.WRONG_STATE'])
    }
  })

  it('lets only the assignee reply and only the author rate', () => {
    expect(code(() => assertReplyable(doc({ state: 'assigned', assigneeUserId: 'u_rep' }), 'u_cadre'))).toBe('OPINION.NOT_ASSIGNEE')
    expect(code(() => assertRateable(doc({ state: 'replied' }), 'u_rep'))).toBe('OPINION.NOT_AUTHOR')
  })

  it('calls a step stale when the state or the assignee changed since it was read', () => {
    const seen = doc({ state: 'assigned', assigneeUserId: 'u_rep' })
    expect(opinionChangedSince(seen, { ...seen })).toBe(false)
    expect(opinionChangedSince(seen, { ...seen, assigneeUserId: 'u_rep2' })).toBe(true)
    expect(opinionChangedSince(seen, { ...seen, state: 'replied' })).toBe(true)
  })

  it('records each step with its time and who took it; a reassignment clears the reminder', () => {
    const a = assignedOpinion(doc({ remindedAt: NOW }), { userId: 'u_rep', openid: 'o_rep', name: '赵敏' }, 'u_cadre', NOW + HOUR)
    expect(a).toMatchObject({ state: 'assigned', assigneeUserId: 'u_rep', remindedAt: null })
    const r = repliedOpinion(a, '已安排', 'u_rep', NOW + 2 * HOUR)
    const c = ratedOpinion(r, 5, '', NOW + 3 * HOUR)
    expect(c.steps).toEqual([
      { state: 'submitted', at: NOW, byUserId: 'u_author' },
      { state: 'assigned', at: NOW + HOUR, byUserId: 'u_cadre' },
      { state: 'replied', at: NOW + 2 * HOUR, byUserId: 'u_rep' },
      { state: 'closed', at: NOW + 3 * HOUR, byUserId: 'u_author' },
    ])
    expect(c).toMatchObject({ state: 'closed', repliedAt: NOW + 2 * HOUR, closedAt: NOW + 3 * HOUR, rating: 5 })
  })

  it('is overdue only while unanswered past seven days', () => {
    for (const state of OPINION_STATES) {
      expect(opinionOverdue(doc({ state, submittedAt: NOW - 7 * DAY_MS - 1 }), NOW)).toBe(state === 'submitted' || state === 'assigned')
      expect(opinionOverdue(doc({ state, submittedAt: NOW - 7 * DAY_MS }), NOW)).toBe(false)
    }
  })
})

describe('photos', () => {
  it('refuses a photo judged at once to be anything but pass; keeps a pending one with its trace', () => {
    expect(code(() => submittedPhoto('f', { verdict: 'risky' }))).toBe('OPINION.PHOTO_RISKY')
    expect(code(() => submittedPhoto('f', { verdict: 'review' }))).toBe('OPINION.PHOTO_RISKY')
    expect(submittedPhoto('f', { pending: 't1' })).toEqual({ fileId: 'f', check: 'pending', trace: 't1' })
  })

  it('applies a verdict once, to its own trace only', () => {
    const photos = [
      { fileId: 'a', check: 'pending' as const, trace: 't1' },
      { fileId: 'b', check: 'pending' as const, trace: 't2' },
    ]
    const after = afterPhotoVerdict(photos, 't1', 'review')!
    expect(after).toEqual([{ fileId: 'a', check: 'risky', trace: null }, photos[1]])
    expect(afterPhotoVerdict(after, 't1', 'pass')).toBeNull()
    expect(afterPhotoVerdict(after, 'other', 'pass')).toBeNull()
  })
})

describe('who sees what', () => {
  const photos = [
    { fileId: 'f_pass', check: 'pass' as const, trace: null },
    { fileId: 'f_pending', check: 'pending' as const, trace: 't' },
    { fileId: 'f_risky', check: 'risky' as const, trace: null },
  ]
  const anon = doc({ anonymous: true, photos, state: 'assigned', assigneeUserId: 'u_rep', assigneeName: '赵敏', steps: [...doc().steps, { state: 'assigned', at: NOW, byUserId: 'u_cadre' }] })
  const view = (userId: string, cadre: boolean) => toOpinionView(anon, opinionStanding(anon, userId, cadre), names(), NOW)

  it('shows nothing to someone who is not the author, the assignee or the handling cadre', () => {
    expect(code(() => assertCanSeeOpinion(opinionStanding(anon, 'u_other', false)))).toBe('OPINION.NOT_FOUND')
    expect(code(() => assertCanSeeOpinion(opinionStanding(doc(), 'u_rep', false)))).toBe('OPINION.NOT_FOUND')
  })

  it('names an anonymous author to the author and the cadre only; the mobile to the cadre only', () => {
    expect(view('u_author', false)).toMatchObject({ authorName: '王晓青', authorMobile: null, mine: true, canReply: false, canAssign: false })
    expect(view('u_cadre', true)).toMatchObject({ authorName: '王晓青', authorMobile: '139****1234', canAssign: true })
    const rep = view('u_rep', false)
    expect(rep).toMatchObject({ authorName: null, authorMobile: null, canReply: true, canAssign: false })
    expect(rep.steps.map((s) => s.by)).toEqual(['匿名青年', '郭志强'])
    expect(view('u_cadre', true).steps.map((s) => s.by)).toEqual(['王晓青', '郭志强'])
  })

  it('names a non-anonymous author to the representative too, still without the mobile', () => {
    const o = { ...anon, anonymous: false }
    expect(toOpinionView(o, opinionStanding(o, 'u_rep', false), names(), NOW)).toMatchObject({ authorName: '王晓青', authorMobile: null })
  })

  it('shows passed photos to all three, pending ones to the author and the cadre, risky ones to nobody', () => {
    expect(view('u_author', false).photoUrls).toEqual(['https://t/pass', 'https://t/pending'])
    expect(view('u_cadre', true).photoUrls).toEqual(['https://t/pass', 'https://t/pending'])
    expect(view('u_rep', false).photoUrls).toEqual(['https://t/pass'])
  })

  it('signs the sweep’s step 系统', () => {
    const o = { ...anon, state: 'closed' as const, steps: [...anon.steps, { state: 'closed' as const, at: NOW, byUserId: null }] }
    expect(toOpinionView(o, opinionStanding(o, 'u_rep', false), names(), NOW).steps.at(-1)!.by).toBe('系统')
  })
})

describe('figures', () => {
  it('counts received, replied, closed and overdue; the median reply time and the mean rating to one decimal', () => {
    const docs = [
      doc({ state: 'closed', submittedAt: NOW - 10 * DAY_MS, repliedAt: NOW - 10 * DAY_MS + 2 * HOUR, rating: 5 }),
      doc({ state: 'closed', submittedAt: NOW - 10 * DAY_MS, repliedAt: NOW - 10 * DAY_MS + 5 * HOUR, rating: 4 }),
      doc({ state: 'replied', submittedAt: NOW - 9 * DAY_MS, repliedAt: NOW - 9 * DAY_MS + 11 * HOUR, rating: null }),
      doc({ state: 'closed', submittedAt: NOW - 9 * DAY_MS, repliedAt: NOW - 9 * DAY_MS + HOUR / 3, rating: 4 }),
      doc({ state: 'assigned', submittedAt: NOW - 8 * DAY_MS }),
      doc({ state: 'submitted', submittedAt: NOW - DAY_MS }),
    ]
    expect(opinionFiguresOf(docs, NOW)).toEqual({ received: 6, replied: 4, closed: 3, overdue: 1, medianReplyHours: 3.5, satisfaction: 4.3, rated: 3 })
    expect(opinionFiguresOf([], NOW)).toEqual({ received: 0, replied: 0, closed: 0, overdue: 0, medianReplyHours: null, satisfaction: null, rated: 0 })
  })
})

describe('messages', () => {
  it('tells the author of the reply, named 匿名青年 in the message list when anonymous', () => {
    const o = repliedOpinion(doc({ anonymous: true, state: 'assigned', assigneeUserId: 'u_rep' }), '下月在站里办一场青年招聘会，欢迎参加。', 'u_rep', NOW)
    const m = repliedMessage(o, '王晓青')
    expect(m).toMatchObject({ template: 'opinion_replied', subject: 'op1', orgId: 'yuci-jl', to: { openid: 'o_author', name: '匿名青年' }, page: 'packages/station/pages/opinion/index?id=op1' })
    expect([...m.data.thing2].length).toBeLessThanOrEqual(20)
    expect(m.data.time3).toBe('2026年11月28日 10:00')
  })

  it('reminds the assignee once per assignment, and nobody while unassigned', () => {
    expect(overdueMessage(doc())).toBeNull()
    const m = overdueMessage(doc({ state: 'assigned', assigneeUserId: 'u_rep', assigneeOpenid: 'o_rep', assigneeName: '赵敏' }))!
    expect(m).toMatchObject({ template: 'opinion_overdue', occurrence: 'u_rep', to: { openid: 'o_rep', name: '赵敏' } })
    expect(Object.values(m.data).every((v) => [...v].length <= 20)).toBe(true)
  })
})
