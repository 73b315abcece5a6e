import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { covers } from '../../_core/org/org.rules'
import { AppError } from '../../_core/runtime/app-error'
import { dutyYears, postInYear, postsAt, postsUnder, requireStation, toDutyYear } from '../../_core/station'
import { getVenues, GONE_VENUE, venueOrg } from '../../_core/venue'
import type { Action } from '../../_core/runtime/serve'

/**
 * Every post under an org (or at one of its stations) in force some time that year, with the
 * holder's year; those behind first. `total` and `behind` count the posts before `behindOnly` filters.
 */
export const dutyRoster: Action<StationContract, 'dutyRoster'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  if (input.venueId) {
    const venue = await requireStation(ctx.db, input.venueId)
    if (!covers(org._id, venueOrg(venue))) throw new AppError('VENUE.NOT_IN_ORG')
  }
  const posts = (input.venueId ? await postsAt(ctx.db, input.venueId) : await postsUnder(ctx.db, org._id)).filter((p) => postInYear(p, input.year))
  const [years, venues] = await Promise.all([dutyYears(ctx.db, posts, input.year, ctx.clock.now()), getVenues(ctx.db, posts.map((p) => p.venueId))])
  const people = posts.map((p) => toDutyYear(p, venues.get(p.venueId)?.name ?? GONE_VENUE, input.year, years.get(p.userId)!))
  people.sort((a, b) => Number(b.missing.length > 0) - Number(a.missing.length > 0) || a.venueName.localeCompare(b.venueName, 'zh') || a.name.localeCompare(b.name, 'zh') || (a.post < b.post ? -1 : 1))
  const behind = people.filter((p) => p.missing.length > 0).length
  return { people: input.behindOnly ? people.filter((p) => p.missing.length > 0) : people, behind, total: people.length }
}
