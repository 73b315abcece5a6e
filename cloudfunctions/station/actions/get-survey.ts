import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, rolesCovering, rolesOf } from '../../_core/access'
import { getProfile, userIdFor } from '../../_core/profile'
import { assertInAudience, requireSurvey, surveyOrg, toSurveyViews } from '../../_core/station'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/**
 * A survey's questions, for a cadre over its org (drafts too) or a registered youth it is for
 * (published or closed: a draft is nobody's business yet).
 */
export const getSurvey: Action<StationContract, 'getSurvey'> = async (input, ctx) => {
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  const [survey, roles] = await Promise.all([requireSurvey(ctx.db, input.surveyId), rolesOf(ctx.db, openid)])
  if (!rolesCovering(roles, surveyOrg(survey), MANAGER_ROLES).length) {
    if (survey.status === 'draft') throw new AppError('SURVEY.NOT_FOUND')
    const profile = await getProfile(ctx.db, userId)
    if (!profile) throw new AppError('USER.NOT_REGISTERED')
    await assertInAudience(ctx.db, survey, profile)
  }
  return { survey: (await toSurveyViews(ctx.db, [survey], userId))[0] }
}
