import type { ActivityViewT } from '../../../../../types/contract/activities'
import type { ActivityKind, CheckInMode } from '../../../../../types/enums'
import type { ErrorCode } from '../../../../../types/errors'
import type { OrgRef } from '../../../../utils/roles'
import { numberOrUndefined } from '../../../../utils/form'
import { DAY_MS, shanghaiEpoch, splitShanghai } from '../../../../../types/day'
import { uuidV4 } from '../../../../utils/uuid'

/** What the activity form holds while a cadre types (numbers as typed; '' = not filled). */
export interface ActivityDraft {
  /** The create request's key: made once per new form, sent again with every retry (one draft however often it is sent). */
  requestId: string
  org: OrgRef | null
  kind: ActivityKind
  title: string
  description: string
  placeName: string
  lat: string
  lng: string
  radius: string
  startAt: number | null
  endAt: number | null
  signUpStartAt: number | null
  signUpEndAt: number | null
  capacity: string
  waitlist: boolean
  walkIn: boolean
  realNameRequired: boolean
  checkInModes: CheckInMode[]
  minAttendancePercent: string
  pointsPerHour: string
  /** everyone; org: the activity's org and below; group: the members of `group` and of the groups below it. */
  audience: 'everyone' | 'org' | 'group'
  /** The group a group audience names (its name once known: a saved activity carries only the id). */
  group: { id: string; name: string } | null
  /** The cover's file id (a fresh upload, or the saved one), or null. */
  cover: string | null
  /** What the form shows for the cover: the phone's copy of a fresh upload, or the saved picture's URL. */
  coverPreview: string | null
}

/** A new activity: tomorrow 09:00–11:00, sign-up from now until 08:00 tomorrow, the usual rules. */
export function newDraft(org: OrgRef | null, now: number = Date.now()): ActivityDraft {
  const tomorrow = splitShanghai(now + DAY_MS).date
  const fiveMinutes = 5 * 60_000
  return {
    requestId: uuidV4(),
    org,
    kind: 'volunteer',
    title: '',
    description: '',
    placeName: '',
    lat: '',
    lng: '',
    radius: '300',
    startAt: shanghaiEpoch(tomorrow, '09:00'),
    endAt: shanghaiEpoch(tomorrow, '11:00'),
    signUpStartAt: Math.floor(now / fiveMinutes) * fiveMinutes,
    signUpEndAt: shanghaiEpoch(tomorrow, '08:00'),
    capacity: '30',
    waitlist: true,
    walkIn: false,
    realNameRequired: true,
    checkInModes: ['code', 'geo', 'scan'],
    minAttendancePercent: '60',
    pointsPerHour: '1',
    audience: 'everyone',
    group: null,
    cover: null,
    coverPreview: null,
  }
}

export function draftFromActivity(a: ActivityViewT): ActivityDraft {
  return {
    // Saved already: its changes go by updateActivity, which needs no key.
    requestId: uuidV4(),
    org: { id: a.orgId, name: a.orgName },
    kind: a.kind,
    title: a.title,
    description: a.description,
    placeName: a.place.name,
    lat: String(a.place.lat),
    lng: String(a.place.lng),
    radius: String(a.place.radius),
    startAt: a.startAt,
    endAt: a.endAt,
    signUpStartAt: a.signUpStartAt,
    signUpEndAt: a.signUpEndAt,
    capacity: String(a.capacity),
    waitlist: a.waitlist,
    walkIn: a.walkIn,
    realNameRequired: a.realNameRequired,
    checkInModes: [...a.checkInModes],
    minAttendancePercent: String(a.minAttendancePercent),
    pointsPerHour: String(a.pointsPerHour),
    audience: a.audience.type,
    group: a.audience.type === 'group' ? { id: a.audience.groupId, name: '' } : null,
    cover: a.cover,
    coverPreview: a.coverUrl,
  }
}

/** The createActivity payload (checked by CreateActivityInput before sending). */
export function createPayload(d: ActivityDraft): Record<string, unknown> {
  return {
    requestId: d.requestId,
    orgId: d.org?.id,
    kind: d.kind,
    title: d.title,
    description: d.description,
    place: { name: d.placeName, lat: numberOrUndefined(d.lat), lng: numberOrUndefined(d.lng), radius: numberOrUndefined(d.radius) },
    startAt: d.startAt ?? undefined,
    endAt: d.endAt ?? undefined,
    signUpStartAt: d.signUpStartAt ?? undefined,
    signUpEndAt: d.signUpEndAt ?? undefined,
    capacity: numberOrUndefined(d.capacity),
    waitlist: d.waitlist,
    realNameRequired: d.realNameRequired,
    walkIn: d.walkIn,
    checkInModes: d.checkInModes,
    minAttendancePercent: numberOrUndefined(d.minAttendancePercent),
    pointsPerHour: numberOrUndefined(d.pointsPerHour),
    audience: audienceOf(d),
    cover: d.cover,
  }
}

/** A group audience without a chosen group sends no group id: the schema then refuses it. */
function audienceOf(d: ActivityDraft): Record<string, unknown> {
  if (d.audience === 'org' && d.org) return { type: 'org', orgId: d.org.id }
  if (d.audience === 'group') return { type: 'group', groupId: d.group?.id }
  return { type: 'everyone' }
}

/**
 * A parsed create payload as an update of `activityId` (the org and kind of an activity do not change).
 * The cover goes only when it differs from the saved one (`savedCover`): a new file id, or null to remove it.
 */
export function updatePayloadFrom(activityId: string, parsed: Record<string, unknown>, savedCover: string | null): Record<string, unknown> {
  const { requestId: _requestId, orgId: _orgId, kind: _kind, cover, ...rest } = parsed
  return cover === savedCover ? { activityId, ...rest } : { activityId, ...rest, cover }
}

/** Server refusals that belong to one field, shown under it as well as in the notice. */
export const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = {
  'ACTIVITY.IN_PAST': 'startAt',
  'ACTIVITY.BAD_SCHEDULE': 'schedule',
  'ACTIVITY.CAPACITY_BELOW_SIGNED': 'capacity',
  'GROUP.NOT_FOUND': 'audience',
  'ORG.NOT_FOUND': 'orgId',
  'FILE.NOT_FOUND': 'cover',
  'FILE.NOT_OWN': 'cover',
}
