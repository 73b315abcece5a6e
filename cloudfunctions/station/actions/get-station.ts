import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { MANAGER_ROLES, rolesOf } from '../../_core/access'
import { activitiesAtVenues, toActivityCards } from '../../_core/activity'
import { userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'
import { openVisitsAt, postActive, postsAt, requireStation, toStationViews } from '../../_core/station'
import { venueInScope } from '../../_core/venue'

const POST_ORDER = { representative: 0, committee: 1 } as const

/**
 * A station or youth home for anyone signed in: what it is, the activities there not yet ended, and
 * the people posted there now (names only) with who is in the station at this moment.
 */
export const getStation: Action<StationContract, 'getStation'> = async (input, ctx) => {
  const openid = ctx.openid()
  const venue = await requireStation(ctx.db, input.venueId)
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  // An activity that began earlier today may still be under way; older ones have ended.
  const from = now - 86_400_000
  const [[view], acts, posts, visits, roles] = await Promise.all([
    toStationViews(ctx.db, [venue]),
    activitiesAtVenues(ctx.db, [venue._id], from, Number.MAX_SAFE_INTEGER),
    postsAt(ctx.db, venue._id),
    openVisitsAt(ctx.db, venue._id),
    rolesOf(ctx.db, openid),
  ])
  const upcoming = acts.filter((a) => a.endAt > now).sort((a, b) => a.startAt - b.startAt || (a._id < b._id ? -1 : 1))
  const active = posts.filter((p) => postActive(p, today))
  const inside = new Set(visits.map((v) => v.userId))
  const me = userIdFor(ctx.secrets(), openid)
  const people = active
    .sort((a, b) => POST_ORDER[a.post] - POST_ORDER[b.post] || a.name.localeCompare(b.name, 'zh-CN'))
    .map((p) => ({ userId: p.userId, name: p.name, post: p.post, team: p.team, onDuty: inside.has(p.userId) }))
  return {
    venue: view,
    activities: await toActivityCards(ctx, upcoming),
    people,
    posted: active.some((p) => p.userId === me),
    manages: venueInScope(roles, venue, MANAGER_ROLES),
  }
}
