import type { StationContract } from '../../../types/contract/station'
import { dutyYears, postInYear, postsOf, toDutyYear } from '../../_core/station'
import { userIdFor } from '../../_core/profile/profile.repo'
import { getVenues, GONE_VENUE } from '../../_core/venue'
import type { Action } from '../../_core/runtime/serve'

/** The caller's year: one line per post they held some time that year, and the station activities that count. */
export const myDuties: Action<StationContract, 'myDuties'> = async (input, ctx) => {
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  const posts = (await postsOf(ctx.db, userId)).filter((p) => postInYear(p, input.year))
  if (posts.length === 0) return { duties: [], items: [] }
  const year = (await dutyYears(ctx.db, [{ userId, openid }], input.year, ctx.clock.now())).get(userId)!
  const venues = await getVenues(ctx.db, [...posts.map((p) => p.venueId), ...year.items.map((i) => i.venueId)])
  const nameOf = (id: string) => venues.get(id)?.name ?? GONE_VENUE
  return {
    duties: posts.sort((a, b) => (a.termStart < b.termStart ? 1 : -1)).map((p) => toDutyYear(p, nameOf(p.venueId), input.year, year)),
    items: year.items.map((i) => ({ ...i, venueName: nameOf(i.venueId) })),
  }
}
