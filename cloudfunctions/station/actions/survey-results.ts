import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { requireSurvey, resultsOf, settleUntallied, talliesOf, toSurveyViews } from '../../_core/station'
import type { Action } from '../../_core/runtime/serve'

/**
 * The live counts, for a cadre over the survey's org: the sum of its tally shards, after finishing
 * any answer a crash left uncounted — so the results always equal a recount of the answers stored.
 */
export const surveyResults: Action<StationContract, 'surveyResults'> = async (input, ctx) => {
  const first = await requireSurvey(ctx.db, input.surveyId)
  await requireScope(ctx, first.orgId, MANAGER_ROLES)
  await settleUntallied(ctx.db, first, ctx.clock.now(), ctx.log)
  const tally = (await talliesOf(ctx.db, [first._id])).get(first._id)!
  const [survey] = await toSurveyViews(ctx.db, [first], null)
  return { survey, questions: resultsOf(first.questions, tally) }
}
