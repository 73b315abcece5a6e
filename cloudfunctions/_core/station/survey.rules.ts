import type { z } from 'zod'
import { NEEDS } from '../../../types/enums'
import { hasControlChars } from '../../../types/contract/common'
import { PROFILE_FIELDS, type ProfileField, type Question, type SurveyAudience, type SurveyViewT } from '../../../types/contract/station'
import type { ErrorIssue } from '../../../types/errors'
import { DAY_MS } from '../../../types/day'
import { AppError } from '../runtime/app-error'

/**
 * 问卷: pure rules — what a survey may ask, when it may be answered, whether an answer fits the
 * survey's own definition (read as data, never evaluated), what an answer adds to the live tallies
 * and, with consent, to the youth's profile. No I/O and no clock: times come in as arguments.
 */

export type QuestionDef = z.output<typeof Question>
export type Audience = z.output<typeof SurveyAudience>
export type SurveyStatus = 'draft' | 'published' | 'closed'
export type AnswerValue = string | string[] | number

export interface SurveyDoc {
  _id: string
  orgId: string
  /** The survey's org and every org above it: a cadre's listing is one indexed query. */
  underOrgs: string[]
  title: string
  intro: string
  audience: Audience
  /** Who it reaches, as one key a youth's keys are matched against: `o:<orgId>` or `g:<groupId>`. */
  reach: string
  opensAt: number
  closesAt: number
  status: SurveyStatus
  questions: QuestionDef[]
  /** Set by the first answer: from then on the questions never change, so every answer reads them alike. */
  locked: boolean
  lockedAt?: number
  /** Raised by every edit; the first answer locks only the revision it validated against. */
  rev: number
  requestHash: string
  createdBy: string
  createdAt: number
  updatedAt: number
  closedAt: number | null
}

/** What a consenting youth's choices add to their profile, per field. */
export type ProfileAdds = Record<ProfileField, string[]>

export interface AnswerDoc {
  /** `${surveyId}_${userId}`: one answer per youth, by the id itself. */
  _id: string
  surveyId: string
  userId: string
  at: number
  answers: Record<string, AnswerValue>
  consent: boolean
  profileAdds: ProfileAdds
  /** Null until the answer is in the tallies (and, with consent, in the profile); a later read finishes it. */
  talliedAt: number | null
}

/** A survey runs at most this long. */
export const MAX_SURVEY_DAYS = 366
/** An answer left untallied this long was left by a crash (the live call finishes its own well within it). */
export const TALLY_GRACE_MS = 60_000
/** What a profile holds (types/contract/account.ts: Tags('专业特长', 10, 20), needs from NEEDS). */
export const PROFILE_LIMITS: Record<ProfileField, number> = { needs: NEEDS.length, skills: 10, interests: 10 }

const FIELD_LABEL: Record<ProfileField, string> = { needs: '需求', skills: '专业特长', interests: '兴趣爱好' }

const hasOptions = (q: Pick<QuestionDef, 'kind'>) => q.kind === 'single' || q.kind === 'multi'

// ---------------------------------------------------------------------------------------------
// The definition

/** Refuses a definition a youth could not answer sensibly, naming every question that is wrong. */
export function assertDefinition(questions: QuestionDef[]): void {
  const issues: ErrorIssue[] = []
  const bad = (i: number, message: string) => issues.push({ path: ['questions', i], message })
  const seen = new Set<string>()
  questions.forEach((q, i) => {
    if (seen.has(q.id)) bad(i, `题目编号 ${q.id} 重复`)
    seen.add(q.id)
    if (hasOptions(q)) {
      if (q.options.length < 2 || q.options.length > 12) bad(i, `「${q.title}」须有2至12个选项`)
      if (new Set(q.options.map((o) => o.id)).size !== q.options.length) bad(i, `「${q.title}」的选项编号重复`)
      if (new Set(q.options.map((o) => o.label)).size !== q.options.length) bad(i, `「${q.title}」有重复的选项`)
      for (const o of q.options) {
        if (!o.profile) continue
        if (o.profile.field === 'needs' && !(NEEDS as readonly string[]).includes(o.profile.value)) bad(i, `「${o.label}」对应的需求不在需求目录中`)
        if (o.profile.field !== 'needs' && (!o.profile.value.trim() || o.profile.value !== o.profile.value.trim() || hasControlChars(o.profile.value)))
          bad(i, `「${o.label}」对应的${FIELD_LABEL[o.profile.field]}不正确`)
      }
    } else if (q.options.length) {
      bad(i, `「${q.title}」是${q.kind === 'rating' ? '评分' : '简答'}题，不能设选项`)
    }
    if (q.maxChoices !== null && (q.kind !== 'multi' || q.maxChoices > q.options.length)) bad(i, `「${q.title}」的最多可选数不正确`)
  })
  if (issues.length) throw new AppError('SURVEY.BAD_DEFINITION', undefined, issues)
}

/** Opens before it closes, runs at most MAX_SURVEY_DAYS, and has not already ended. */
export function assertPeriod(opensAt: number, closesAt: number, now: number): void {
  if (closesAt <= opensAt || closesAt - opensAt > MAX_SURVEY_DAYS * DAY_MS || closesAt <= now) throw new AppError('SURVEY.BAD_PERIOD')
}

/** What an edit may not change once the survey is answered: every answer was validated against it. */
const lockedPart = (s: Pick<SurveyDoc, 'questions' | 'audience' | 'opensAt' | 'orgId'>) => JSON.stringify([s.questions, s.audience, s.opensAt, s.orgId])

/** Refuses an edit of an answered survey that changes more than its title, intro and closing time. */
export function assertEditable(seen: SurveyDoc, next: Pick<SurveyDoc, 'questions' | 'audience' | 'opensAt' | 'orgId'>): void {
  if (seen.status === 'closed') throw new AppError('SURVEY.LOCKED', '问卷已经结束，不能再修改。')
  if (seen.locked && lockedPart(seen) !== lockedPart(next)) throw new AppError('SURVEY.LOCKED')
}

/** The survey's org as the scope rules see it: its id and its ancestors. */
export function surveyOrg(s: Pick<SurveyDoc, 'orgId' | 'underOrgs'>): { _id: string; path: string[] } {
  return { _id: s.orgId, path: s.underOrgs.slice(0, -1) }
}

/** The key a survey reaches by: an org's (its own, or a station's org) or a group's. */
export function reachKey(audience: Audience, stationOrgId: string | null): string {
  if (audience.type === 'group') return `g:${audience.groupId}`
  return `o:${audience.type === 'org' ? audience.orgId : stationOrgId}`
}

/** The keys a youth is reached by: their org and every org above it, every group they are in and the groups above. */
export function youthKeys(orgChain: string[], groupChains: string[][]): string[] {
  return [...new Set([...orgChain.map((o) => `o:${o}`), ...groupChains.flat().map((g) => `g:${g}`)])]
}

// ---------------------------------------------------------------------------------------------
// Answering

/** Published and within [opensAt, closesAt). */
export function isOpen(s: Pick<SurveyDoc, 'status' | 'opensAt' | 'closesAt'>, now: number): boolean {
  return s.status === 'published' && now >= s.opensAt && now < s.closesAt
}

export function assertOpen(s: Pick<SurveyDoc, 'status' | 'opensAt' | 'closesAt'>, now: number): void {
  if (!isOpen(s, now)) throw new AppError('SURVEY.NOT_OPEN')
}

/**
 * The answers checked against the survey's own questions: every key a question, every required
 * question answered, each value of its question's type and within its options, scale or length.
 * Answers the stored form (texts trimmed; an empty optional answer left out) or refuses with
 * SURVEY.BAD_ANSWER, one issue per question at fault.
 */
export function checkAnswers(questions: QuestionDef[], raw: Record<string, unknown>): Record<string, AnswerValue> {
  const byId = new Map(questions.map((q) => [q.id, q]))
  const issues: ErrorIssue[] = []
  const bad = (id: string, message: string) => issues.push({ path: ['answers', id], message })
  const out: Record<string, AnswerValue> = {}
  for (const id of Object.keys(raw)) if (!byId.has(id)) bad(id, '问卷中没有这道题')
  for (const q of questions) {
    const v = Object.prototype.hasOwnProperty.call(raw, q.id) ? raw[q.id] : undefined
    const empty = v === undefined || v === null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && v.length === 0)
    if (empty) {
      if (q.required) bad(q.id, `请回答「${q.title}」`)
      continue
    }
    const optionIds = new Set(q.options.map((o) => o.id))
    switch (q.kind) {
      case 'single':
        if (typeof v !== 'string') bad(q.id, `「${q.title}」请选择一项`)
        else if (!optionIds.has(v)) bad(q.id, `「${q.title}」没有这个选项`)
        else out[q.id] = v
        break
      case 'multi':
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) bad(q.id, `「${q.title}」请选择选项`)
        else if (v.some((x) => !optionIds.has(x))) bad(q.id, `「${q.title}」没有这个选项`)
        else if (new Set(v).size !== v.length) bad(q.id, `「${q.title}」同一选项选了两次`)
        else if (q.maxChoices !== null && v.length > q.maxChoices) bad(q.id, `「${q.title}」最多选${q.maxChoices}项`)
        else out[q.id] = v as string[]
        break
      case 'rating':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > q.scale) bad(q.id, `「${q.title}」请打1至${q.scale}分`)
        else out[q.id] = v
        break
      case 'text': {
        if (typeof v !== 'string') {
          bad(q.id, `「${q.title}」请填写文字`)
          break
        }
        const t = v.trim()
        if (t.length > q.maxLength) bad(q.id, `「${q.title}」不能超过${q.maxLength}个字`)
        else if (hasControlChars(t)) bad(q.id, `「${q.title}」含有不可见的特殊字符`)
        else out[q.id] = t
        break
      }
    }
  }
  if (issues.length) throw new AppError('SURVEY.BAD_ANSWER', undefined, issues)
  return out
}

/** The texts of an answer, for the content check before anything is stored. */
export function answerTexts(questions: QuestionDef[], answers: Record<string, AnswerValue>): string[] {
  return questions.filter((q) => q.kind === 'text' && typeof answers[q.id] === 'string').map((q) => answers[q.id] as string)
}

/** The chosen options' ids of a question, whatever its kind of choice. */
const chosen = (v: AnswerValue | undefined): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v : [])

/** What the chosen options feed into the profile, per field (each value once). */
export function profileAddsOf(questions: QuestionDef[], answers: Record<string, AnswerValue>): ProfileAdds {
  const adds: ProfileAdds = { needs: [], skills: [], interests: [] }
  for (const q of questions) {
    if (!hasOptions(q)) continue
    const ids = new Set(chosen(answers[q.id]))
    for (const o of q.options) if (ids.has(o.id) && o.profile && !adds[o.profile.field].includes(o.profile.value)) adds[o.profile.field].push(o.profile.value)
  }
  return adds
}

export const noAdds = (): ProfileAdds => ({ needs: [], skills: [], interests: [] })

/**
 * The profile's fields with the additions merged in (existing entries first, nothing repeated),
 * and the fields that actually change. A field that would pass its limit is not cut to fit: that
 * field is named in `over`, and the caller decides (the answer is refused before anything is stored,
 * so the youth may answer without consent or make room in their profile first).
 */
export function mergeProfile(
  profile: Record<ProfileField, string[]>,
  adds: ProfileAdds,
): { next: Partial<Record<ProfileField, string[]>>; changed: ProfileField[]; over: ProfileField[] } {
  const next: Partial<Record<ProfileField, string[]>> = {}
  const changed: ProfileField[] = []
  const over: ProfileField[] = []
  for (const field of PROFILE_FIELDS) {
    const have = profile[field] ?? []
    const fresh = adds[field].filter((v) => !have.includes(v))
    if (!fresh.length) continue
    if (have.length + fresh.length > PROFILE_LIMITS[field]) {
      over.push(field)
      continue
    }
    next[field] = [...have, ...fresh]
    changed.push(field)
  }
  return { next, changed, over }
}

/** The refusal for additions that would pass a profile limit, naming the field. */
export function profileFullError(over: ProfileField[]): AppError {
  return new AppError(
    'SURVEY.BAD_ANSWER',
    `您档案中的${over.map((f) => FIELD_LABEL[f]).join('、')}已接近上限（最多${PROFILE_LIMITS[over[0]]}项），请先在个人档案中整理，或不勾选“同意写入档案”后提交。`,
    over.map((f) => ({ path: ['consent'], message: `${FIELD_LABEL[f]}最多${PROFILE_LIMITS[f]}项` })),
  )
}

// ---------------------------------------------------------------------------------------------
// Tallies

/** A rating's score key inside a question's counts (a letter first: keys stay object keys, never array places). */
export const scoreKey = (score: number) => `s${score}`

/**
 * The increments one answer makes to a tally document: `answers` once, `answered.<q>` per question
 * answered, and `counts.<q>.<option>` per chosen option (`counts.<q>.s<score>` for a rating). Text
 * answers are counted as answered only: their words stay in the answer document.
 */
export function tallyIncrements(questions: QuestionDef[], answers: Record<string, AnswerValue>): Record<string, number> {
  const inc: Record<string, number> = { answers: 1 }
  for (const q of questions) {
    const v = answers[q.id]
    if (v === undefined) continue
    inc[`answered.${q.id}`] = 1
    if (q.kind === 'rating') inc[`counts.${q.id}.${scoreKey(v as number)}`] = 1
    else if (hasOptions(q)) for (const o of chosen(v)) inc[`counts.${q.id}.${o}`] = 1
  }
  return inc
}

export interface Tally {
  answers: number
  answered: Record<string, number>
  counts: Record<string, Record<string, number>>
}

export const emptyTally = (): Tally => ({ answers: 0, answered: {}, counts: {} })

/** The sum of a survey's shard documents. */
export function sumTallies(shards: Array<Partial<Tally>>): Tally {
  const t = emptyTally()
  for (const s of shards) {
    t.answers += s.answers ?? 0
    for (const [q, n] of Object.entries(s.answered ?? {})) t.answered[q] = (t.answered[q] ?? 0) + n
    for (const [q, byKey] of Object.entries(s.counts ?? {})) {
      const into = (t.counts[q] ??= {})
      for (const [k, n] of Object.entries(byKey)) into[k] = (into[k] ?? 0) + n
    }
  }
  return t
}

/** The same tally, recounted from answer documents themselves (the repair's and the tests' yardstick). */
export function recount(questions: QuestionDef[], answers: Array<Record<string, AnswerValue>>): Tally {
  const t = emptyTally()
  for (const a of answers) {
    for (const [path, n] of Object.entries(tallyIncrements(questions, a))) {
      const [head, q, k] = path.split('.')
      if (head === 'answers') t.answers += n
      else if (head === 'answered') t.answered[q] = (t.answered[q] ?? 0) + n
      else (t.counts[q] ??= {})[k] = ((t.counts[q] ??= {})[k] ?? 0) + n
    }
  }
  return t
}

/** Per question: how many answered it, the count per option (per score for a rating) and a rating's mean. */
export function resultsOf(questions: QuestionDef[], t: Tally) {
  return questions.map((q) => {
    const counts = t.counts[q.id] ?? {}
    const answered = t.answered[q.id] ?? 0
    const rows =
      q.kind === 'rating'
        ? Array.from({ length: q.scale }, (_, i) => ({ key: String(i + 1), label: `${i + 1}分`, count: counts[scoreKey(i + 1)] ?? 0 }))
        : q.options.map((o) => ({ key: o.id, label: o.label, count: counts[o.id] ?? 0 }))
    const total = q.kind === 'rating' ? rows.reduce((s, r) => s + Number(r.key) * r.count, 0) : 0
    return {
      id: q.id,
      kind: q.kind,
      title: q.title,
      answered,
      counts: q.kind === 'text' ? [] : rows,
      mean: q.kind === 'rating' && answered > 0 ? Math.round((total / answered) * 10) / 10 : null,
    }
  })
}

// ---------------------------------------------------------------------------------------------
// The view

export function toSurveyView(s: SurveyDoc, names: { orgName: string; audienceName: string }, answers: number, answered: boolean): SurveyViewT {
  return {
    id: s._id,
    orgId: s.orgId,
    orgName: names.orgName,
    title: s.title,
    intro: s.intro,
    audience: s.audience,
    audienceName: names.audienceName,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    status: s.status,
    questions: s.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      title: q.title,
      required: q.required,
      options: q.options.map((o) => ({ id: o.id, label: o.label, feedsProfile: !!o.profile })),
      maxChoices: q.maxChoices,
      scale: q.scale,
      maxLength: q.maxLength,
    })),
    answers,
    answered,
    asksConsent: s.questions.some((q) => q.options.some((o) => !!o.profile)),
  }
}
