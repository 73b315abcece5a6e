import type { StationContract } from '../../../types/contract/station'
import { userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'
import { endVisit, getVisit, toVisitViews } from '../../_core/station'

/**
 * The visitor ends their own visit; whole minutes since it began (at most the longest visit). Another
 * person's visit is not found, however its id was learned.
 */
export const checkOutVisit: Action<StationContract, 'checkOutVisit'> = async (input, ctx) => {
  const me = userIdFor(ctx.secrets(), ctx.openid())
  const seen = await getVisit(ctx.db, input.visitId)
  if (!seen || seen.userId !== me) throw new AppError('STATION.VISIT_NOT_FOUND')
  if (seen.endedAt !== null) throw new AppError('STATION.VISIT_ENDED')
  const ended = await endVisit(ctx.db, seen, ctx.clock.now())
  if (!ended) throw new AppError('STATION.VISIT_ENDED')
  const [visit] = await toVisitViews(ctx.db, [ended])
  return { visit }
}
