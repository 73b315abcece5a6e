import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { pageTexts, requireSurvey } from '../../_core/station'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** A cadre over the survey's org reads one short-text question's answers, newest first, without who wrote them. */
export const surveyTexts: Action<StationContract, 'surveyTexts'> = async (input, ctx) => {
  const survey = await requireSurvey(ctx.db, input.surveyId)
  await requireScope(ctx, survey.orgId, MANAGER_ROLES)
  const q = survey.questions.find((x) => x.id === input.questionId)
  if (!q || q.kind !== 'text') throw new AppError('GENERIC.BAD_INPUT', '这道题不是简答题。')
  const page = await pageTexts(ctx.db, survey._id, q.id, input)
  return { items: page.items.map((a) => ({ text: String(a.answers[q.id]), at: a.at })), nextCursor: page.nextCursor }
}
