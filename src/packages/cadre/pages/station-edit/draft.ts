import type { z } from 'zod'
import type { HomeTier, SaveStationInput, SaveYouthHomeInput, StationLevel, StationViewT } from '../../../../../types/contract/station'
import { numberOrUndefined, type FieldErrors } from '../../../../utils/form'
import type { OrgRef } from '../../../../utils/roles'
import { uuidV4 } from '../../../../utils/uuid'

/** What both venue forms hold: text as typed, coordinates as text until they are sent. */
export interface PlaceDraft {
  /** null: a new venue. */
  venueId: string | null
  /**
   * Made once when the form opens and sent with every attempt, so a save retried after a lost reply
   * answers the venue the first attempt made instead of making a second one.
   */
  requestId: string
  org: OrgRef | null
  name: string
  address: string
  lat: string
  lng: string
  hours: string
  description: string
}

export interface StationDraft extends PlaceDraft {
  level: StationLevel
  /** The station above; null for a main station (and until one is chosen). */
  parentId: string | null
  theme: string
}

export interface FundingRow {
  /** The row's key on screen (rows are added and removed in any order). */
  key: string
  year: string
  yuan: string
  note: string
}

export interface HomeDraft extends PlaceDraft {
  /** '' : not (yet) a 品牌店. */
  tier: HomeTier | ''
  funding: FundingRow[]
  stationId: string | null
}

function newPlace(org: OrgRef | null): PlaceDraft {
  return { venueId: null, requestId: uuidV4(), org, name: '', address: '', lat: '', lng: '', hours: '', description: '' }
}

function placeFrom(v: StationViewT): PlaceDraft {
  return {
    venueId: v.id,
    requestId: uuidV4(),
    org: { id: v.orgId, name: v.orgName },
    name: v.name,
    address: v.address,
    lat: v.lat.toFixed(6),
    lng: v.lng.toFixed(6),
    hours: v.hours,
    description: v.description,
  }
}

export function newStationDraft(org: OrgRef | null): StationDraft {
  return { ...newPlace(org), level: 'station', parentId: null, theme: '' }
}

export function stationDraftFrom(v: StationViewT): StationDraft {
  return { ...placeFrom(v), level: v.level ?? 'station', parentId: v.parentId, theme: v.theme }
}

let rowSerial = 0
export function fundingRow(year = '', yuan = '', note = ''): FundingRow {
  rowSerial += 1
  return { key: `f${rowSerial}`, year, yuan, note }
}

export function newHomeDraft(org: OrgRef | null): HomeDraft {
  return { ...newPlace(org), tier: '', funding: [], stationId: null }
}

export function homeDraftFrom(v: StationViewT): HomeDraft {
  return {
    ...placeFrom(v),
    tier: v.tier ?? '',
    funding: v.funding.map((f) => fundingRow(String(f.year), String(f.yuan), f.note)),
    stationId: v.stationId,
  }
}

function placePayload(d: PlaceDraft) {
  return {
    ...(d.venueId ? { venueId: d.venueId } : {}),
    requestId: d.requestId,
    orgId: d.org?.id ?? '',
    name: d.name,
    address: d.address,
    lat: numberOrUndefined(d.lat) as number,
    lng: numberOrUndefined(d.lng) as number,
    hours: d.hours,
    description: d.description,
  }
}

/** The payload for saveStation; the shared schema then says what is missing or wrong. */
export function stationPayload(d: StationDraft): z.input<typeof SaveStationInput> {
  return { ...placePayload(d), level: d.level, parentId: d.level === 'main' ? null : d.parentId, theme: d.level === 'station' ? d.theme : '' }
}

export function homePayload(d: HomeDraft): z.input<typeof SaveYouthHomeInput> {
  return {
    ...placePayload(d),
    tier: d.tier || null,
    funding: d.funding.map((f) => ({ year: numberOrUndefined(f.year) as number, yuan: numberOrUndefined(f.yuan) as number, note: f.note })),
    stationId: d.stationId,
  }
}

interface IssueLike {
  path: readonly PropertyKey[]
  message: string
}

/**
 * Schema issues by field; a funding row's under `funding.<row>.<field>` so each box shows its own,
 * and the whole form's rule (one row per year) under `funding`.
 */
export function venueIssues(issues: readonly IssueLike[]): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    const [head, row, sub] = issue.path
    let key = head === undefined ? 'funding' : String(head)
    if (head === 'funding' && typeof row === 'number') key = sub === undefined ? 'funding' : `funding.${row}.${String(sub)}`
    if (!out[key]) out[key] = issue.message
  }
  return out
}

/** Which field a refusal from the server belongs under. */
export const FIELD_OF_CODE: Record<string, string> = {
  'ORG.NOT_FOUND': 'orgId',
  'VENUE.ORG_FIXED': 'orgId',
  'STATION.BAD_PARENT': 'parentId',
  'STATION.CYCLE': 'parentId',
  'STATION.NOT_STATION': 'stationId',
}

/** The ids of a station and every station below it (none of them may become its parent). */
export function selfAndBelow(id: string, stations: readonly StationViewT[]): Set<string> {
  const out = new Set([id])
  for (let grew = true; grew; ) {
    grew = false
    for (const s of stations) {
      if (s.parentId && out.has(s.parentId) && !out.has(s.id)) {
        out.add(s.id)
        grew = true
      }
    }
  }
  return out
}

/** The stations a station of this level may sit under: an area station under a main one, a station under either. */
export function parentChoices(level: StationDraft['level'], venueId: string | null, stations: readonly StationViewT[]): StationViewT[] {
  if (level === 'main') return []
  const barred = venueId ? selfAndBelow(venueId, stations) : new Set<string>()
  const allowed = level === 'area' ? ['main'] : ['main', 'area']
  return stations.filter((s) => s.level && allowed.includes(s.level) && !barred.has(s.id))
}
