import type { ProfileField, SurveyViewT } from '../../../../../types/contract/station'

export type SurveyQuestion = SurveyViewT['questions'][number]
/** What the form holds per question id: an option id, option ids, a score, or words. */
export type Draft = Record<string, string | string[] | number | undefined>
export type AnswerErrors = Record<string, string>

/** The profile fields a survey may fill, in the words of the profile page. */
export const PROFILE_FIELD_LABEL: Record<ProfileField, string> = { needs: '需要哪些帮助', skills: '专业特长', interests: '兴趣爱好' }

function isBlank(q: SurveyQuestion, v: Draft[string]): boolean {
  if (v === undefined) return true
  if (q.kind === 'multi') return !Array.isArray(v) || v.length === 0
  if (q.kind === 'text') return typeof v !== 'string' || v.trim() === ''
  if (q.kind === 'rating') return typeof v !== 'number' || v === 0
  return v === ''
}

/**
 * The survey's own rules, checked before sending so the youth sees them at once under each question:
 * required ones answered, a choice among the question's options, no more than maxChoices, a score
 * within 1..scale, words within maxLength. The server checks the same again and decides.
 */
export function answerErrors(questions: readonly SurveyQuestion[], draft: Draft): AnswerErrors {
  const out: AnswerErrors = {}
  for (const q of questions) {
    const v = draft[q.id]
    if (isBlank(q, v)) {
      if (q.required) out[q.id] = q.kind === 'text' ? '请填写这道题' : '请回答这道题'
      continue
    }
    const ids = new Set(q.options.map((o) => o.id))
    if (q.kind === 'single' && !(typeof v === 'string' && ids.has(v))) out[q.id] = '请选择一个选项'
    if (q.kind === 'multi') {
      const chosen = v as string[]
      if (!chosen.every((c) => ids.has(c))) out[q.id] = '请从选项中选择'
      else if (q.maxChoices !== null && chosen.length > q.maxChoices) out[q.id] = `最多选${q.maxChoices}项`
    }
    if (q.kind === 'rating' && !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= q.scale)) out[q.id] = `请选择1至${q.scale}分`
    if (q.kind === 'text' && (v as string).trim().length > q.maxLength) out[q.id] = `最多${q.maxLength}字`
  }
  return out
}

/** The answers as answerSurvey takes them: unanswered optional questions left out, words trimmed. */
export function answersOf(questions: readonly SurveyQuestion[], draft: Draft): Record<string, string | string[] | number> {
  const out: Record<string, string | string[] | number> = {}
  for (const q of questions) {
    const v = draft[q.id]
    if (v === undefined || isBlank(q, v)) continue
    out[q.id] = typeof v === 'string' && q.kind === 'text' ? v.trim() : v
  }
  return out
}
