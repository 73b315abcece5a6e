import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { getProfiles, userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'
import { activePostsOf, repLinksTo } from '../../_core/station'
import { getVenues } from '../../_core/venue'

/**
 * The youth's representatives and where to find them: each linked representative with each open
 * station they are posted at today. A representative whose posts have all ended is no one's
 * representative any more, and is left out.
 */
export const myRepresentative: Action<StationContract, 'myRepresentative'> = async (_input, ctx) => {
  const me = userIdFor(ctx.secrets(), ctx.openid())
  const today = shanghaiDate(ctx.clock.now())
  const links = await repLinksTo(ctx.db, me)
  const repIds = [...new Set(links.map((l) => l.fromUserId))]
  const [profiles, posts] = await Promise.all([getProfiles(ctx.db, repIds), Promise.all(repIds.map((id) => activePostsOf(ctx.db, id, today)))])
  const held = posts.flat().filter((p) => p.post === 'representative')
  const venues = await getVenues(ctx.db, held.map((p) => p.venueId))
  return {
    representatives: held.flatMap((p) => {
      const v = venues.get(p.venueId)
      if (!v || v.status !== 'open') return []
      return [{ userId: p.userId, name: profiles.get(p.userId)?.realName ?? p.name, venueId: v._id, venueName: v.name, address: v.address, hours: v.hours }]
    }),
  }
}
