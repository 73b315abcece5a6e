import type { StationContract } from '../../../types/contract/station'
import { activitiesAtVenues, distanceMeters } from '../../_core/activity'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'
import { openVenues, sortByName, toStationViews } from '../../_core/station'

const WEEK_MS = 7 * 86_400_000

/**
 * Open stations and youth homes, nearest first when the caller gave a position (else by name), each
 * with the published activities starting there in the next seven days: one read of the venues, one
 * of their activities, one of their orgs' names.
 */
export const nearbyVenues: Action<StationContract, 'nearbyVenues'> = async (input, ctx) => {
  ctx.openid()
  if ((input.lat === undefined) !== (input.lng === undefined)) throw new AppError('GENERIC.BAD_INPUT', '按距离排列需要同时提供纬度和经度。')
  const near = input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : null
  const now = ctx.clock.now()
  const venues = await openVenues(ctx.db, input.kind)
  const withDistance = venues.map((v) => ({ v, d: near ? distanceMeters(near, v) : null }))
  const ordered = near ? withDistance.sort((a, b) => a.d! - b.d! || (a.v._id < b.v._id ? -1 : 1)) : sortByName(venues).map((v) => ({ v, d: null }))
  const [views, week] = await Promise.all([
    toStationViews(ctx.db, ordered.map((x) => x.v)),
    activitiesAtVenues(ctx.db, venues.map((v) => v._id), now, now + WEEK_MS),
  ])
  const byVenue = new Map<string, { id: string; title: string; startAt: number }[]>()
  for (const a of [...week].sort((x, y) => x.startAt - y.startAt)) {
    const list = byVenue.get(a.venueId as string) ?? []
    list.push({ id: a._id, title: a.title, startAt: a.startAt })
    byVenue.set(a.venueId as string, list)
  }
  return { venues: views.map((view, i) => ({ ...view, distance: ordered[i].d, thisWeek: byVenue.get(view.id) ?? [] })) }
}
