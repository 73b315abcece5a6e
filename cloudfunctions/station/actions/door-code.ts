import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { MANAGER_ROLES, rolesOf } from '../../_core/access'
import { activityMac, rotatingCode, shortCode, stepAt, stepEndsAt } from '../../_core/attendance'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'
import { activePostsOf, requireStation } from '../../_core/station'
import { userIdFor } from '../../_core/profile'
import { venueInScope } from '../../_core/venue'

/**
 * The station's rotating door code, for the tablet at its door: the same code as an activity's
 * board (30-second steps, keyed by the station's own secret) with its 6 typed digits. Shown by a
 * cadre over the station or someone posted there; the people it lets in are the station's own.
 */
export const doorCode: Action<StationContract, 'doorCode'> = async (input, ctx) => {
  const now = ctx.clock.now()
  const venue = await requireStation(ctx.db, input.venueId, 'station')
  const roles = await rolesOf(ctx.db, ctx.openid())
  if (!venueInScope(roles, venue, MANAGER_ROLES)) {
    const posted = await activePostsOf(ctx.db, userIdFor(ctx.secrets(), ctx.openid()), shanghaiDate(now), venue._id)
    if (posted.length === 0) throw new AppError('AUTH.FORBIDDEN')
  }
  if (venue.status !== 'open') throw new AppError('VENUE.CLOSED', '这个联络站已停用。')
  if (!venue.doorSecret) throw new Error(`station ${venue._id} has no door secret`)
  const mac = activityMac(venue.doorSecret)
  const step = stepAt(now)
  return { code: rotatingCode(venue._id, step, mac), shortCode: shortCode(venue._id, step, mac), expiresAt: stepEndsAt(step), venueName: venue.name }
}
