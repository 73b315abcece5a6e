import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { pageSurveysUnder, toSurveyViews } from '../../_core/station'
import type { Action } from '../../_core/runtime/serve'

/** A cadre's surveys: those of the org and every org below it, a page at a time. */
export const listSurveys: Action<StationContract, 'listSurveys'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const page = await pageSurveysUnder(ctx.db, org._id, input)
  return { items: await toSurveyViews(ctx.db, page.items, null), nextCursor: page.nextCursor }
}
