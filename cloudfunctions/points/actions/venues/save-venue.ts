import type { PointsContract } from '../../../../types/contract/points'
import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import { assertPublishable } from '../../../_core/platform'
import { AppError } from '../../../_core/runtime/app-error'
import { transaction } from '../../../_core/runtime/db'
import { asReplay, requestHash } from '../../../_core/runtime/idempotency'
import type { Action } from '../../../_core/runtime/serve'
import { getVenue, putVenue, requireVenue, toVenueViews, txVenue, underOrgsOf, venueIdFor, type VenueDoc } from '../../../_core/venue'

/**
 * Creates a venue under the id its request key gives (a retry after a lost reply, or the same key sent
 * many times at once, answers the one venue), or edits one in the caller's scope. A venue keeps its
 * org and kind: roles and invites are held at it under its org, and goods list it by kind.
 */
export const saveVenue: Action<PointsContract, 'saveVenue'> = async (input, ctx) => {
  const openid = ctx.openid()
  const { requestId, venueId, ...fields } = input
  const now = ctx.clock.now()

  if (venueId) {
    const current = await requireVenue(ctx.db, venueId)
    const { org } = await requireScope(ctx, current.orgId, MANAGER_ROLES)
    if (fields.orgId !== current.orgId) throw new AppError('VENUE.ORG_FIXED')
    if (fields.kind !== current.kind) throw new AppError('VENUE.KIND_FIXED')
    await assertPublishable(ctx.platform.contentCheck, openid, [fields.name, fields.address, fields.hours])
    const saved = await transaction(ctx.db, async (tx) => {
      const fresh = await txVenue(tx, venueId)
      if (!fresh) throw new AppError('VENUE.NOT_FOUND')
      // The org's path is read now, so an edit also brings `underOrgs` up to date after the org moved.
      const next: VenueDoc = { ...fresh, _id: venueId, name: fields.name, address: fields.address, lat: fields.lat, lng: fields.lng, hours: fields.hours, underOrgs: underOrgsOf(org), updatedAt: now }
      await putVenue(tx, next)
      await ctx.audit.write(tx, { target: { type: 'venue', id: venueId }, orgId: org._id, orgPath: org.path, detail: { edit: true, name: next.name } })
      return next
    })
    const [view] = await toVenueViews(ctx.db, [saved])
    return { venue: view }
  }

  const { org } = await requireScope(ctx, fields.orgId, MANAGER_ROLES)
  const id = venueIdFor(openid, requestId)
  const hash = requestHash(fields)
  const earlier = asReplay(await getVenue(ctx.db, id), hash)
  if (earlier) {
    ctx.audit.replay()
    const [view] = await toVenueViews(ctx.db, [earlier])
    return { venue: view }
  }
  await assertPublishable(ctx.platform.contentCheck, openid, [fields.name, fields.address, fields.hours])
  const made = await transaction(ctx.db, async (tx) => {
    // Inside the transaction too: the same key sent twice at once makes one venue and one audit entry.
    const raced = asReplay(await txVenue(tx, id), hash)
    if (raced) {
      ctx.audit.replay()
      return raced
    }
    const venue: VenueDoc = {
      _id: id,
      ...fields,
      orgId: org._id,
      underOrgs: underOrgsOf(org),
      status: 'open',
      requestHash: hash,
      createdBy: openid,
      createdAt: now,
      updatedAt: now,
    }
    await putVenue(tx, venue)
    await ctx.audit.write(tx, { target: { type: 'venue', id }, orgId: org._id, orgPath: org.path, detail: { name: venue.name, kind: venue.kind } })
    return venue
  })
  const [view] = await toVenueViews(ctx.db, [made])
  return { venue: view }
}
