import type { StationContract } from '../../../types/contract/station'
import { opinionViews, requireVisibleOpinion } from '../../_core/station'
import type { Action } from '../../_core/runtime/serve'

/** One opinion, for its author, its assignee or its handling cadre; anyone else is told it does not exist. */
export const getOpinion: Action<StationContract, 'getOpinion'> = async (input, ctx) => {
  const { opinion, viewer } = await requireVisibleOpinion(ctx, input.opinionId)
  return { opinion: (await opinionViews(ctx, [opinion], viewer, ctx.clock.now()))[0] }
}
