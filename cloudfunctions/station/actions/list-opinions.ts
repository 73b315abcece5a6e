import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { opinionViewer, opinionViews, pageUnder, requireStation } from '../../_core/station'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/**
 * A cadre's triage: the opinions of their org's subtree, or of one station in it, newest first;
 * by state, or only the overdue ones (no reply within OPINION_REPLY_DAYS).
 */
export const listOpinions: Action<StationContract, 'listOpinions'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  if (input.venueId) {
    const venue = await requireStation(ctx.db, input.venueId)
    // A station of another org's subtree is not this cadre's to list.
    if (!venue.underOrgs.includes(org._id)) throw new AppError('STATION.NOT_FOUND')
  }
  const now = ctx.clock.now()
  const [viewer, res] = await Promise.all([
    opinionViewer(ctx),
    pageUnder(ctx.db, { orgId: org._id, venueId: input.venueId, state: input.state, overdue: input.overdue }, now, { cursor: input.cursor, limit: input.limit }),
  ])
  return { items: await opinionViews(ctx, res.items, viewer, now), nextCursor: res.nextCursor }
}
