import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { closeSurveyDoc, requireSurvey, toSurveyViews, txSurvey } from '../../_core/station'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/** A cadre in scope ends a survey early; answers stay counted, no new ones are taken. Closing it again changes nothing. */
export const closeSurvey: Action<StationContract, 'closeSurvey'> = async (input, ctx) => {
  const first = await requireSurvey(ctx.db, input.surveyId)
  const { org } = await requireScope(ctx, first.orgId, MANAGER_ROLES)
  const now = ctx.clock.now()
  const closed = await transaction(ctx.db, async (tx) => {
    const seen = await txSurvey(tx, input.surveyId)
    if (!seen) throw new AppError('SURVEY.NOT_FOUND')
    if (seen.status === 'closed') {
      ctx.audit.replay()
      return seen
    }
    const next = await closeSurveyDoc(tx, seen, now)
    await ctx.audit.write(tx, { target: { type: 'survey', id: seen._id }, orgId: org._id, orgPath: org.path, detail: { title: seen.title, was: seen.status } })
    return next
  })
  return { survey: (await toSurveyViews(ctx.db, [closed], null))[0] }
}
