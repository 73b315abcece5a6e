import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { covers } from '../../_core/org'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'
import { pagePosts, requireStation, toPersonViews } from '../../_core/station'
import { venueOrg } from '../../_core/venue'

/**
 * A cadre's people: every post at the stations of an org's subtree, or at one of them, in force or
 * not. Real names (the cadre manages them); mobiles masked all the same, as nothing here needs one whole.
 */
export const listPeople: Action<StationContract, 'listPeople'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  let where: { venueId: string } | { underOrgs: string } = { underOrgs: org._id }
  if (input.venueId) {
    const venue = await requireStation(ctx.db, input.venueId, 'station')
    if (!covers(org._id, venueOrg(venue))) throw new AppError('VENUE.NOT_IN_ORG')
    where = { venueId: venue._id }
  }
  const page = await pagePosts(ctx.db, where, { cursor: input.cursor, limit: input.limit })
  return { items: await toPersonViews(ctx.db, page.items, shanghaiDate(ctx.clock.now())), nextCursor: page.nextCursor }
}
