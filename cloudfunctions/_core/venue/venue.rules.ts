import { VENUE_ROLES, type Role, type VenueKind } from '../../../types/enums'
import type { HomeTier, StationLevel } from '../../../types/contract/station'
import { covers, type OrgDoc } from '../org/org.rules'
import { isVenueRole, type RoleDoc } from '../access/access.rules'
import { AppError } from '../runtime/app-error'
import { chainOf } from '../tree/tree.rules'

/**
 * A venue: a place with an address, GCJ-02 coordinates and opening hours, belonging to an org. Pickup
 * points now; liaison stations and youth homes are the same model with their own kind (docs/domain.md
 * "Words"). Roles may be scoped to a venue (a clerk verifies pickups at the venues they are given).
 */
export interface VenueDoc {
  _id: string
  name: string
  address: string
  lat: number
  lng: number
  /** Opening hours as people write them: 周一至周五 9:00–17:00. */
  hours: string
  kind: VenueKind
  orgId: string
  /** The org and every org above it: a venue is in an org subtree when its org is. */
  underOrgs: string[]
  status: 'open' | 'closed'
  /** What people read about it (stations and youth homes; pickup points have none). */
  description?: string
  /**
   * Stations (kind `station`) form their own tree (_core/tree): 总站 → 分站 → 站. `path` holds the
   * stations above, from the main one down. Other kinds have no place in a tree.
   */
  level?: StationLevel
  theme?: string
  parentId?: string | null
  path?: string[]
  depth?: number
  /** HMAC key of the station's rotating door code; never leaves the server. */
  doorSecret?: string
  /** Youth homes (kind `youth_home`): 品牌店 tier, funding by year, the station that shares the room. */
  tier?: HomeTier | null
  funding?: { year: number; yuan: number; note: string }[]
  stationId?: string | null
  requestHash?: string
  createdBy: string
  createdAt: number
  updatedAt: number
}

/** How a role or record names a venue that no longer exists. */
export const GONE_VENUE = '（场所已撤销）'

export const VENUE_STATUSES = ['open', 'closed'] as const
export type VenueStatus = (typeof VENUE_STATUSES)[number]

/** The org path a venue's `underOrgs` holds: the org's chain in the tree (its ancestors, then itself, last). */
export const underOrgsOf: (org: Pick<OrgDoc, '_id' | 'path'>) => string[] = chainOf

/** The venue's org as the scope rules see it: its id and its ancestors (`underOrgs` minus the last). */
export function venueOrg(venue: Pick<VenueDoc, 'orgId' | 'underOrgs'>): Pick<OrgDoc, '_id' | 'path'> {
  return { _id: venue.orgId, path: venue.underOrgs.slice(0, -1) }
}

/** Managing roles stay org-wide: only clerks and representatives are held at a venue (types/enums.ts). */
export { VENUE_ROLES }

export function assertVenueRole(role: Role): void {
  if (!VENUE_ROLES.includes(role)) throw new AppError('ROLE.NOT_FOR_VENUE')
}

/** A closed venue takes no new roles or invites; what is already granted there stays on record. */
export function assertOpen(venue: Pick<VenueDoc, 'status'>): void {
  if (venue.status !== 'open') throw new AppError('VENUE.CLOSED')
}

/** The org-wide roles that may verify a pickup anywhere in their subtree. */
export const PICKUP_ORG_ROLES: readonly Role[] = ['clerk', 'cadre', 'admin']

/**
 * May someone holding `roles` verify a pickup at `venue`? A clerk scoped to this venue may; so may a
 * clerk, cadre or admin whose org subtree holds the venue's org. A clerk of another venue of the
 * same org may not, and no venue-scoped role reaches anything but its own venue.
 */
export function canVerifyPickupAt(roles: RoleDoc[], venue: Pick<VenueDoc, '_id' | 'orgId' | 'underOrgs'>): boolean {
  const org = venueOrg(venue)
  return roles.some((r) =>
    isVenueRole(r) ? r.role === 'clerk' && r.venueId === venue._id : PICKUP_ORG_ROLES.includes(r.role) && covers(r.orgId, org),
  )
}

/** May a venue (already known to be in an org subtree the caller manages) be changed by these roles? */
export function venueInScope(roles: RoleDoc[], venue: Pick<VenueDoc, 'orgId' | 'underOrgs'>, kinds: readonly Role[]): boolean {
  const org = venueOrg(venue)
  return roles.some((r) => !isVenueRole(r) && kinds.includes(r.role) && covers(r.orgId, org))
}

export function toVenueView(v: VenueDoc, orgName: string) {
  return {
    id: v._id,
    name: v.name,
    address: v.address,
    lat: v.lat,
    lng: v.lng,
    hours: v.hours,
    kind: v.kind,
    orgId: v.orgId,
    orgName,
    status: v.status,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  }
}
