import type { StationContract } from '../../../types/contract/station'
import { assertCurrentPrivacy } from '../../_core/activity'
import { getProfile, userIdFor } from '../../_core/profile'
import { pageOpenFor, toSurveyViews, youthKeysOf } from '../../_core/station'
import type { Action } from '../../_core/runtime/serve'

/** The surveys open now for the youth (their org or above, their groups or above, their org's stations), closing soonest first, each with whether they answered. */
export const mySurveys: Action<StationContract, 'mySurveys'> = async (input, ctx) => {
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const profile = await getProfile(ctx.db, userId)
  assertCurrentPrivacy(profile)
  const page = await pageOpenFor(ctx.db, await youthKeysOf(ctx.db, profile), ctx.clock.now(), input)
  return { items: await toSurveyViews(ctx.db, page.items, userId), nextCursor: page.nextCursor }
}
