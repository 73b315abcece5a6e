import type { StationContract } from '../../../types/contract/station'
import { opinionViewer, opinionViews, pageAssigned } from '../../_core/station'
import type { Action } from '../../_core/runtime/serve'

/** The opinions assigned to the calling representative, newest first; an anonymous author stays unnamed. */
export const assignedOpinions: Action<StationContract, 'assignedOpinions'> = async (input, ctx) => {
  const viewer = await opinionViewer(ctx)
  const res = await pageAssigned(ctx.db, viewer.userId, input.state, { cursor: input.cursor, limit: input.limit })
  return { items: await opinionViews(ctx, res.items, viewer, ctx.clock.now()), nextCursor: res.nextCursor }
}
