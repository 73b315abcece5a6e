import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { activitiesAtVenues } from '../../_core/activity'
import { COLLECTIONS } from '../../_core/runtime/collections'
import { readAll } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'
import { monthsOf, opinionFigures, requireStation, stationFiguresOf, visitStartsAt } from '../../_core/station'

/**
 * A station's or youth home's year, month by month (Shanghai months): activities held there (ended
 * by now), check-ins (人次), distinct youth, visits begun; and its opinions. Cadres in scope only.
 */
export const stationFigures: Action<StationContract, 'stationFigures'> = async (input, ctx) => {
  const venue = await requireStation(ctx.db, input.venueId)
  await requireScope(ctx, venue.orgId, MANAGER_ROLES)
  const now = ctx.clock.now()
  const months = monthsOf(input.year)
  const from = months[0].from
  const to = months[11].to
  const [acts, visits, opinions] = await Promise.all([
    activitiesAtVenues(ctx.db, [venue._id], from, to),
    visitStartsAt(ctx.db, venue._id, from, to),
    opinionFigures(ctx.db, { venueId: venue._id }, input.year, now),
  ])
  const held = acts.filter((a) => a.endAt <= now)
  const ids = held.map((a) => a._id)
  const checkIns = ids.length
    ? await readAll<{ _id: string; activityId: string; userId: string }>(
        ctx.db,
        COLLECTIONS.participations,
        { activityId: ctx.db.command.in(ids), checkIn: ctx.db.command.neq(null) },
        undefined,
        { _id: true, activityId: true, userId: true },
      )
    : []
  const figures = stationFiguresOf(input.year, { activities: held, checkIns, visits })
  return { months: figures.months, year: figures.year, opinions }
}
