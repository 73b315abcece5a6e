import type { VenueKind } from '../../../types/enums'
import { isVenueRole, type RoleDoc } from '../access/access.rules'
import { getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { ReadCapExceeded, findById, findByIds, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { requestDocId } from '../runtime/idempotency'
import { pageById, type PageRequest, type PageResult } from '../runtime/paging'
import { PICKUP_ORG_ROLES, toVenueView, type VenueDoc, type VenueStatus } from './venue.rules'

const VENUES = COLLECTIONS.venues

/** A new venue's id, from its creator and the request key: a retry after a lost reply lands on the same venue. */
export function venueIdFor(openid: string, requestId: string): string {
  return requestDocId('v', openid, requestId, 16)
}

export function getVenue(db: Db, id: string): Promise<VenueDoc | null> {
  return findById<VenueDoc>(db, VENUES, id)
}

export function getVenues(db: Db, ids: string[]): Promise<Map<string, VenueDoc>> {
  return findByIds<VenueDoc>(db, VENUES, ids)
}

export async function requireVenue(db: Db, id: string): Promise<VenueDoc> {
  const venue = await getVenue(db, id)
  if (!venue) throw new AppError('VENUE.NOT_FOUND')
  return venue
}

export function txVenue(tx: Tx, id: string): Promise<VenueDoc | null> {
  return txGet<VenueDoc>(tx, VENUES, id)
}

/** Writes the whole venue under its id (a create or an edit); inside the caller's transaction. */
export async function putVenue(into: Tx, venue: VenueDoc): Promise<void> {
  const { _id, ...rest } = venue
  await into.collection(VENUES).doc(_id).set({ data: rest })
}

export async function updateVenueStatus(into: Tx, id: string, status: VenueStatus, now: number): Promise<void> {
  await into.collection(VENUES).doc(id).update({ data: { status, updatedAt: now } })
}

/** One page of the venues in an org's subtree, optionally of one kind or status, over the (underOrgs, kind) index. */
export function pageVenuesUnder(
  db: Db,
  orgId: string,
  filter: { kind?: VenueKind; status?: VenueStatus },
  page: PageRequest,
): Promise<PageResult<VenueDoc>> {
  const where: Record<string, unknown> = { underOrgs: orgId }
  if (filter.kind) where.kind = filter.kind
  if (filter.status) where.status = filter.status
  return pageById<VenueDoc>(db, VENUES, where, page)
}

/** The most pickup venues one person may verify at: a clerk's picker, not a county's directory. */
export const PICKUP_VENUES_CAP = 500

/**
 * The open pickup venues the holder of `roles` may verify at (the same authority as
 * `canVerifyPickupAt`): venues their clerk roles name, by id, and every pickup venue under the orgs
 * their org-wide clerk, cadre or admin roles hold, over the (underOrgs, kind) index. Past
 * PICKUP_VENUES_CAP it fails loudly (ReadCapExceeded) rather than leave venues out.
 */
export async function pickupVenuesOf(db: Db, roles: RoleDoc[]): Promise<VenueDoc[]> {
  const venueIds = [...new Set(roles.filter((r) => isVenueRole(r) && r.role === 'clerk').map((r) => r.venueId as string))]
  const orgIds = [...new Set(roles.filter((r) => !isVenueRole(r) && PICKUP_ORG_ROLES.includes(r.role)).map((r) => r.orgId))]
  const _ = db.command
  const [named, under] = await Promise.all([
    venueIds.length ? getVenues(db, venueIds) : Promise.resolve(new Map<string, VenueDoc>()),
    orgIds.length
      ? readAll<VenueDoc>(db, VENUES, { underOrgs: _.in(orgIds), kind: 'pickup', status: 'open' }, PICKUP_VENUES_CAP)
      : Promise.resolve([] as VenueDoc[]),
  ])
  const out = new Map<string, VenueDoc>()
  for (const v of under) out.set(v._id, v)
  for (const v of named.values()) if (v.kind === 'pickup' && v.status === 'open') out.set(v._id, v)
  if (out.size > PICKUP_VENUES_CAP) throw new ReadCapExceeded(VENUES, PICKUP_VENUES_CAP)
  return [...out.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
}

/** Venues as people see them, with their org's name. */
export async function toVenueViews(db: Db, venues: VenueDoc[]) {
  const orgs = await getOrgs(db, venues.map((v) => v.orgId))
  return venues.map((v) => toVenueView(v, orgs.get(v.orgId)?.name ?? GONE_ORG))
}
