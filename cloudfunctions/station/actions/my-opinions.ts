import type { StationContract } from '../../../types/contract/station'
import { opinionViewer, opinionViews, pageMine } from '../../_core/station'
import type { Action } from '../../_core/runtime/serve'

/** The youth's own opinions, newest first, with where each stands. */
export const myOpinions: Action<StationContract, 'myOpinions'> = async (input, ctx) => {
  const viewer = await opinionViewer(ctx)
  const res = await pageMine(ctx.db, viewer.userId, { cursor: input.cursor, limit: input.limit })
  return { items: await opinionViews(ctx, res.items, viewer, ctx.clock.now()), nextCursor: res.nextCursor }
}
