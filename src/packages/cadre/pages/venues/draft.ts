import type { SaveVenueInputT, VenueViewT } from '../../../../../types/contract/venues'
import type { VenueKind } from '../../../../../types/enums'
import { numberOrUndefined } from '../../../../utils/form'
import type { OrgRef } from '../../../../utils/roles'
import { uuidV4 } from '../../../../utils/uuid'

/** What the venue form holds: text as typed, coordinates as text until they are sent. */
export interface VenueDraft {
  /** null: a new venue. */
  venueId: string | null
  /**
   * Made once when the form opens and sent with every attempt, so a save retried after a lost reply
   * answers the venue the first attempt made instead of making a second one.
   */
  requestId: string
  org: OrgRef | null
  kind: VenueKind
  name: string
  address: string
  hours: string
  lat: string
  lng: string
}

export function newVenueDraft(org: OrgRef | null): VenueDraft {
  return { venueId: null, requestId: uuidV4(), org, kind: 'pickup', name: '', address: '', hours: '', lat: '', lng: '' }
}

export function draftFromVenue(v: VenueViewT): VenueDraft {
  return {
    venueId: v.id,
    requestId: uuidV4(),
    org: { id: v.orgId, name: v.orgName },
    kind: v.kind,
    name: v.name,
    address: v.address,
    hours: v.hours,
    lat: v.lat.toFixed(6),
    lng: v.lng.toFixed(6),
  }
}

/** The payload for saveVenue; the shared schema then says what is missing or wrong. */
export function venuePayload(d: VenueDraft): SaveVenueInputT {
  return {
    ...(d.venueId ? { venueId: d.venueId } : {}),
    requestId: d.requestId,
    orgId: d.org?.id ?? '',
    kind: d.kind,
    name: d.name,
    address: d.address,
    hours: d.hours,
    lat: numberOrUndefined(d.lat) as number,
    lng: numberOrUndefined(d.lng) as number,
  }
}

/** Which field a refusal from the server belongs under. */
export const FIELD_OF_CODE: Record<string, string> = {
  'VENUE.ORG_FIXED': 'orgId',
  'ORG.NOT_FOUND': 'orgId',
}
