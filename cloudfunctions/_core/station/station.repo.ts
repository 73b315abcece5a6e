import type { VenueDoc } from '../venue/venue.rules'
import { getVenue } from '../venue/venue.repo'
import { AppError } from '../runtime/app-error'
import type { Db } from '../runtime/db'

/** 联络站 and 青年之家 are venues (`_core/venue`) of kind `station` / `youth_home`. */
export type StationKind = 'station' | 'youth_home'

/** A station or youth home by id (of the given kind, when named); STATION.NOT_FOUND for anything else. */
export async function requireStation(db: Db, id: string, kind?: StationKind): Promise<VenueDoc> {
  const v = await getVenue(db, id)
  if (!v || (v.kind !== 'station' && v.kind !== 'youth_home')) throw new AppError('STATION.NOT_FOUND')
  if (kind === 'station' && v.kind !== 'station') throw new AppError('STATION.NOT_STATION')
  if (kind === 'youth_home' && v.kind !== 'youth_home') throw new AppError('STATION.NOT_YOUTH_HOME')
  return v
}
