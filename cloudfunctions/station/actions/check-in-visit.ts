import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { activityMac, verifyRotatingCode } from '../../_core/attendance'
import { userIdFor } from '../../_core/profile'
import { AppError, isAppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'
import { activePostsOf, beginVisit, doorCodeVenue, refundDoorTry, takeDoorTry, toVisitViews, visitIdFor } from '../../_core/station'
import { getVenue, type VenueDoc } from '../../_core/venue'

const badDoorCode = () => new AppError('STATION.BAD_DOOR_CODE')

/**
 * The step a door code names at `venue`, current or previous; any failure — no such station, not a
 * station, a forged, stale or other station's code — is the one refusal, so the code reveals nothing.
 */
function verifyDoorCode(venue: VenueDoc | null, code: string, now: number): number {
  if (!venue || venue.kind !== 'station' || venue.status !== 'open' || !venue.doorSecret) throw badDoorCode()
  try {
    return verifyRotatingCode(code, venue._id, now, activityMac(venue.doorSecret))
  } catch (e) {
    if (isAppError(e) && e.code === 'CHECKIN.BAD_CODE') throw badDoorCode()
    throw e
  }
}

/**
 * 进站接待: a representative or committee member posted at the station scans its door code (or types
 * its 6 digits) and their visit begins — or, when one is already under way there, is answered again
 * (resumed). Typed digits are limited per person per station per day (takeDoorTry), a try taken before
 * the digits are compared and given back when they are right.
 */
export const checkInVisit: Action<StationContract, 'checkInVisit'> = async (input, ctx) => {
  const now = ctx.clock.now()
  const me = userIdFor(ctx.secrets(), ctx.openid())
  let venue: VenueDoc | null
  let step: number
  if ('code' in input) {
    const venueId = doorCodeVenue(input.code)
    if (!venueId) throw badDoorCode()
    venue = await getVenue(ctx.db, venueId)
    step = verifyDoorCode(venue, input.code, now)
  } else {
    venue = await getVenue(ctx.db, input.venueId)
    if (!venue || venue.kind !== 'station') throw badDoorCode()
    const tryId = await takeDoorTry(ctx.db, venue._id, me, now)
    step = verifyDoorCode(venue, input.shortCode, now)
    await refundDoorTry(ctx.db, tryId)
  }
  const station = venue as VenueDoc
  const [post] = await activePostsOf(ctx.db, me, shanghaiDate(now), station._id)
  if (!post) throw new AppError('STATION.NOT_POSTED')
  const { visit, resumed } = await beginVisit(ctx.db, {
    _id: visitIdFor(station._id, me, step),
    venueId: station._id,
    underOrgs: station.underOrgs,
    userId: me,
    openid: ctx.openid(),
    name: post.name,
    post: post.post,
    startedAt: now,
    endedAt: null,
    minutes: null,
    autoEnded: false,
    step,
  })
  const [view] = await toVisitViews(ctx.db, [visit])
  return { visit: view, resumed }
}
