import type { PointsContract } from '../../../../types/contract/points'
import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import { AppError } from '../../../_core/runtime/app-error'
import { transaction } from '../../../_core/runtime/db'
import type { Action } from '../../../_core/runtime/serve'
import { requireVenue, toVenueViews, txVenue, updateVenueStatus, type VenueDoc } from '../../../_core/venue'

/**
 * Opens or closes a venue. A closed venue takes no new roles or invites and leaves the pickup lists;
 * the roles already held there stay on record, so reopening it needs no new grants.
 */
export const setVenueStatus: Action<PointsContract, 'setVenueStatus'> = async (input, ctx) => {
  const venue = await requireVenue(ctx.db, input.venueId)
  const { org } = await requireScope(ctx, venue.orgId, MANAGER_ROLES)
  const now = ctx.clock.now()
  const saved = await transaction(ctx.db, async (tx) => {
    const fresh = await txVenue(tx, venue._id)
    if (!fresh) throw new AppError('VENUE.NOT_FOUND')
    const next: VenueDoc = { ...fresh, _id: venue._id, status: input.status, updatedAt: now }
    await updateVenueStatus(tx, venue._id, input.status, now)
    await ctx.audit.write(tx, { target: { type: 'venue', id: venue._id }, orgId: org._id, orgPath: org.path, detail: { status: input.status, was: fresh.status } })
    return next
  })
  const [view] = await toVenueViews(ctx.db, [saved])
  return { venue: view }
}
