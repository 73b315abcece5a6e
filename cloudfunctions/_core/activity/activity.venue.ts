import type { ActivityKind, DutyType } from '../../../types/enums'
import type { RoleDoc } from '../access/access.rules'
import { MANAGER_ROLES } from '../access/access.rules'
import { getProfiles } from '../profile/profile.repo'
import { AppError } from '../runtime/app-error'
import type { Db } from '../runtime/db'
// station.repo itself, not _core/station's index: the index also serves the duties, which read activities.
import { requireStation } from '../station/station.repo'
import { assertOpen, venueInScope } from '../venue/venue.rules'
import { assertHostsKnown, assertVenueFits, uniqueHosts } from './activity.rules'

/**
 * The venue an activity names and the kind and duty type it goes with (`assertVenueFits`). A newly
 * named venue must be a station or youth home the caller manages (its org in their manager scope: a
 * township's activity may be held at the county's main station, not at a neighbouring county's)
 * and open. `venueChanged` false: the saved venue is kept and only the pairing is checked again.
 */
export async function checkVenue(
  db: Db,
  roles: RoleDoc[],
  a: { kind: ActivityKind; venueId: string | null; dutyType: DutyType | null },
  venueChanged = true,
): Promise<void> {
  const venue = a.venueId ? await requireStation(db, a.venueId) : null
  assertVenueFits(a.kind, venue?.kind ?? null, a.dutyType)
  if (!venue || !venueChanged) return
  if (!venueInScope(roles, venue, MANAGER_ROLES)) throw new AppError('AUTH.FORBIDDEN')
  assertOpen(venue)
}

/** The hosts as stored: each once, every one a registered person (USER.NOT_FOUND otherwise). */
export async function checkHosts(db: Db, hosts: readonly string[]): Promise<string[]> {
  const unique = uniqueHosts(hosts)
  if (unique.length === 0) return unique
  const found = await getProfiles(db, unique)
  assertHostsKnown(unique, new Set(found.keys()))
  return unique
}
