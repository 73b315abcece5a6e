import type { StationContract } from '../../../types/contract/station'
import { userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'
import { pageVisitsOf, toVisitViews } from '../../_core/station'

/** The caller's own visits, newest first. */
export const myVisits: Action<StationContract, 'myVisits'> = async (input, ctx) => {
  const page = await pageVisitsOf(ctx.db, userIdFor(ctx.secrets(), ctx.openid()), { cursor: input.cursor, limit: input.limit })
  return { items: await toVisitViews(ctx.db, page.items), nextCursor: page.nextCursor }
}
