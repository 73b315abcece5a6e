import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { countyOf, type OrgDoc } from '../../_core/org/org.rules'
import { assertPublishable } from '../../_core/platform'
import { AppError } from '../../_core/runtime/app-error'
import type { ActionContext } from '../../_core/runtime/context'
import type { Tx } from '../../_core/runtime/db'
import { asReplay, requestHash } from '../../_core/runtime/idempotency'
import type { Action } from '../../_core/runtime/serve'
import { assertHomeStation, insertVenueOnce, replaceVenue, requireEditable, stationIdFor, toStationViews } from '../../_core/station'
import { getVenue, underOrgsOf, type VenueDoc } from '../../_core/venue'

/** The one audit entry of a save, written in its transaction. */
const auditSave = (ctx: ActionContext, org: OrgDoc, edit: boolean) => (tx: Tx, v: VenueDoc) =>
  ctx.audit.write(tx, { target: { type: 'venue', id: v._id }, orgId: org._id, orgPath: org.path, detail: { edit, kind: 'youth_home', name: v.name, tier: v.tier ?? null, stationId: v.stationId ?? null } })

/** The station a youth home shares its room with: a station of the home's county. */
async function checkStation(ctx: ActionContext, stationId: string | null, org: OrgDoc): Promise<void> {
  if (!stationId) return
  const station = await getVenue(ctx.db, stationId)
  if (!station) throw new AppError('STATION.NOT_FOUND')
  assertHomeStation(station, countyOf(org))
}

/**
 * Creates a youth home (青年之家) under the id its request key gives, or edits one in the caller's
 * scope: its 品牌店 tier, its funding by year (one record a year) and the station it shares a room with.
 */
export const saveYouthHome: Action<StationContract, 'saveYouthHome'> = async (input, ctx) => {
  const openid = ctx.openid()
  const { requestId, venueId, ...fields } = input
  const now = ctx.clock.now()
  const texts = [fields.name, fields.address, fields.hours, fields.description, ...fields.funding.map((f) => f.note)]
  const edited = {
    name: fields.name,
    address: fields.address,
    lat: fields.lat,
    lng: fields.lng,
    hours: fields.hours,
    description: fields.description,
    tier: fields.tier,
    funding: [...fields.funding].sort((a, b) => a.year - b.year),
    stationId: fields.stationId,
  }

  if (venueId) {
    const { org } = await requireEditable(ctx, venueId, 'youth_home', fields.orgId)
    await checkStation(ctx, fields.stationId, org)
    await assertPublishable(ctx.platform.contentCheck, openid, texts)
    const saved = await replaceVenue(ctx.db, venueId, (fresh) => ({ ...fresh, ...edited, _id: venueId, underOrgs: underOrgsOf(org), updatedAt: now }), auditSave(ctx, org, true))
    const [view] = await toStationViews(ctx.db, [saved])
    return { venue: view }
  }

  const { org } = await requireScope(ctx, fields.orgId, MANAGER_ROLES)
  const id = stationIdFor(openid, requestId)
  const hash = requestHash(fields)
  const earlier = asReplay(await getVenue(ctx.db, id), hash)
  if (earlier) {
    ctx.audit.replay()
    const [view] = await toStationViews(ctx.db, [earlier])
    return { venue: view }
  }
  await checkStation(ctx, fields.stationId, org)
  await assertPublishable(ctx.platform.contentCheck, openid, texts)
  const { venue, replay } = await insertVenueOnce(
    ctx.db,
    { _id: id, kind: 'youth_home', ...edited, orgId: org._id, underOrgs: underOrgsOf(org), status: 'open', requestHash: hash, createdBy: openid, createdAt: now, updatedAt: now },
    auditSave(ctx, org, false),
  )
  if (replay) ctx.audit.replay()
  const [view] = await toStationViews(ctx.db, [venue])
  return { venue: view }
}
