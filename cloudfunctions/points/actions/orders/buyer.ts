import { getOrg } from '../../../_core/org/org.repo'
import { getProfile, userIdFor } from '../../../_core/profile'
import { AppError } from '../../../_core/runtime/app-error'
import type { ActionContext } from '../../../_core/runtime/context'
import type { Buyer } from '../../../_core/mall'
import { rolesOf } from '../../../_core/access'
import { getVenue, canVerifyPickupAt, type VenueDoc } from '../../../_core/venue'

/** The calling youth, from the platform's identity: their user id and the county of their own org. */
export async function buyerOf(ctx: ActionContext): Promise<Buyer> {
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  const profile = await getProfile(ctx.db, userId)
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  const org = await getOrg(ctx.db, profile.orgId)
  return { userId, openid, county: org ? (org.path[0] ?? org._id) : null }
}

/** The venue, if the caller may verify pickups there (a clerk given it, or a role over its org). */
export async function pickupVenue(ctx: ActionContext, venueId: string): Promise<{ venue: VenueDoc; clerk: string }> {
  const openid = ctx.openid()
  const [venue, roles] = await Promise.all([getVenue(ctx.db, venueId), rolesOf(ctx.db, openid)])
  if (!venue) throw new AppError('VENUE.NOT_FOUND')
  if (!canVerifyPickupAt(roles, venue)) throw new AppError('AUTH.FORBIDDEN')
  if (venue.status !== 'open') throw new AppError('VENUE.CLOSED')
  return { venue, clerk: openid }
}
