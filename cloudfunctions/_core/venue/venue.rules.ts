import type { VenueKind } from '../../../types/enums'

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
  requestHash?: string
  createdBy: string
  createdAt: number
  updatedAt: number
}
