import { randomBytes } from 'node:crypto'
import { MANAGER_ROLES, requireScope, type RoleDoc } from '../access'
import type { OrgDoc } from '../org/org.rules'
import type { ActionContext } from '../runtime/context'
import type { StationLevel, StationViewT } from '../../../types/contract/station'
import { getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { readAll, transaction, type Db, type Tx } from '../runtime/db'
import { asReplay, requestDocId } from '../runtime/idempotency'
import { treeOf } from '../tree/tree.repo'
import { getVenue, getVenues, putVenue, txVenue } from '../venue/venue.repo'
import type { VenueDoc } from '../venue/venue.rules'
import { toStationView, type StationDoc } from './station.rules'

/** 联络站 and 青年之家 are venues (`_core/venue`) of kind `station` / `youth_home`. */
export type StationKind = 'station' | 'youth_home'

const VENUES = COLLECTIONS.venues

/** The station tree over the venues collection (only stations carry a place in it: `path`, `parentId`). */
export const stationTree = treeOf<StationDoc>(VENUES)

/** A station or youth home by id (of the given kind, when named); STATION.NOT_FOUND for anything else. */
export async function requireStation(db: Db, id: string, kind?: StationKind): Promise<VenueDoc> {
  const v = await getVenue(db, id)
  if (!v || (v.kind !== 'station' && v.kind !== 'youth_home')) throw new AppError('STATION.NOT_FOUND')
  if (kind === 'station' && v.kind !== 'station') throw new AppError('STATION.NOT_STATION')
  if (kind === 'youth_home' && v.kind !== 'youth_home') throw new AppError('STATION.NOT_YOUTH_HOME')
  return v
}

/**
 * A new station's or youth home's id, from its creator and the request key (a retry lands on the
 * same venue): `s` + 10 characters, so the door code `<venueId>.<step36>.<mac12>` fits a 32-character
 * mini-program code `scene`.
 */
export function stationIdFor(openid: string, requestId: string): string {
  return requestDocId('s', openid, requestId, 10)
}

/** The HMAC key of a new station's door code: 32 random bytes, kept on the server only. */
export function newDoorSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** The levels of the stations directly below a station, over the parentId index. */
export async function childLevelsOf(db: Db, stationId: string): Promise<(StationLevel | undefined)[]> {
  const kids = await readAll<VenueDoc>(db, VENUES, { parentId: stationId }, undefined, { _id: true, level: true })
  return kids.map((k) => k.level)
}

/** Every station or youth home of an org's subtree, open or closed, over the (underOrgs, kind) index. */
export function venuesUnder(db: Db, orgId: string, kind: StationKind): Promise<VenueDoc[]> {
  return readAll<VenueDoc>(db, VENUES, { underOrgs: orgId, kind }, undefined, { doorSecret: false })
}

/** Every open station and youth home (or those of one kind), over the (kind, status) index. */
export function openVenues(db: Db, kind?: StationKind): Promise<VenueDoc[]> {
  return readAll<VenueDoc>(db, VENUES, { kind: kind ?? db.command.in(['station', 'youth_home']), status: 'open' }, undefined, { doorSecret: false })
}

/**
 * Views of stations and youth homes with their orgs' names and, for youth homes, the name of the
 * station sharing the room. `known` holds venues already read (a listing's own stations): only the
 * stations not among them are read.
 */
export async function toStationViews(db: Db, venues: VenueDoc[], known: VenueDoc[] = []): Promise<StationViewT[]> {
  const have = new Map([...known, ...venues].map((v) => [v._id, v]))
  const missing = [...new Set(venues.map((v) => v.stationId).filter((id): id is string => !!id && !have.has(id)))]
  const [orgs, stations] = await Promise.all([
    getOrgs(db, venues.map((v) => v.orgId)),
    missing.length ? getVenues(db, missing) : Promise.resolve(new Map<string, VenueDoc>()),
  ])
  const nameOf = (id: string | null | undefined) => (id ? (have.get(id)?.name ?? stations.get(id)?.name ?? null) : null)
  return venues.map((v) => toStationView(v, orgs.get(v.orgId)?.name ?? GONE_ORG, nameOf(v.stationId)))
}

/**
 * Creates a station or youth home under its derived id, once: the same request sent twice at once
 * finds the first one inside the transaction and is answered with it (`replay`, no second audit
 * entry); the same key with another payload is refused. `inTx` writes the audit entry.
 */
export async function insertVenueOnce(
  db: Db,
  venue: VenueDoc & { requestHash: string },
  inTx: (tx: Tx, venue: VenueDoc) => Promise<void>,
  complete?: (tx: Tx) => Promise<Partial<VenueDoc>>,
): Promise<{ venue: VenueDoc; replay: boolean }> {
  return transaction(db, async (tx) => {
    const raced = asReplay(await txVenue(tx, venue._id), venue.requestHash)
    if (raced) return { venue: raced, replay: true }
    const doc = complete ? { ...venue, ...(await complete(tx)) } : venue
    await putVenue(tx, doc)
    await inTx(tx, doc)
    return { venue: doc, replay: false }
  })
}

/**
 * Rewrites a station or youth home from the copy read now (`edit` gives the next document, or
 * refuses when that copy is not the one the caller decided on), in one transaction with its audit
 * entry.
 */
export async function replaceVenue(
  db: Db,
  id: string,
  edit: (fresh: VenueDoc) => VenueDoc,
  inTx: (tx: Tx, venue: VenueDoc) => Promise<void>,
): Promise<VenueDoc> {
  return transaction(db, async (tx) => {
    const fresh = await txVenue(tx, id)
    if (!fresh) throw new AppError('STATION.NOT_FOUND')
    const next = edit(fresh)
    await putVenue(tx, next)
    await inTx(tx, next)
    return next
  })
}

/**
 * The station or youth home an edit names, for a cadre whose scope covers its org. It keeps its org
 * (its records, posts and visits carry the org's chain) and its kind (a station's tree and door
 * code, a youth home's funding, are not the other's).
 */
export async function requireEditable(
  ctx: ActionContext,
  venueId: string,
  kind: StationKind,
  orgId: string,
): Promise<{ current: VenueDoc; org: OrgDoc; roles: RoleDoc[] }> {
  const current = await getVenue(ctx.db, venueId)
  if (!current) throw new AppError('STATION.NOT_FOUND')
  const { org, roles } = await requireScope(ctx, current.orgId, MANAGER_ROLES)
  if (orgId !== current.orgId) throw new AppError('VENUE.ORG_FIXED')
  if (current.kind !== kind) throw new AppError('VENUE.KIND_FIXED')
  return { current, org, roles }
}
