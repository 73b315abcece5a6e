import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, requireScope, type RoleDoc } from '../../_core/access'
import { countyOf, type OrgDoc } from '../../_core/org/org.rules'
import { assertPublishable } from '../../_core/platform'
import { AppError } from '../../_core/runtime/app-error'
import type { ActionContext } from '../../_core/runtime/context'
import type { Tx } from '../../_core/runtime/db'
import { asReplay, requestHash } from '../../_core/runtime/idempotency'
import type { Action } from '../../_core/runtime/serve'
import {
  assertChildrenFit,
  assertPlacement,
  childLevelsOf,
  insertVenueOnce,
  newDoorSecret,
  replaceVenue,
  requireEditable,
  requireStation,
  stationIdFor,
  stationTree,
  toStationViews,
  type StationDoc,
} from '../../_core/station'
import { childPlacement, ROOT_PLACEMENT } from '../../_core/tree/tree.rules'
import { getVenue, txVenue, underOrgsOf, venueInScope, type VenueDoc } from '../../_core/venue'

/**
 * A parent station the caller chose: a station of the caller's scope (hanging a station under
 * another county's or another township's tree would change a tree the caller does not manage).
 */
async function requireParent(ctx: ActionContext, roles: RoleDoc[], parentId: string): Promise<VenueDoc> {
  const parent = await requireStation(ctx.db, parentId)
  if (!venueInScope(roles, parent, MANAGER_ROLES)) throw new AppError('AUTH.FORBIDDEN')
  return parent
}

/** The one audit entry of a save, written in its transaction. */
const auditSave = (ctx: ActionContext, org: OrgDoc, edit: boolean) => (tx: Tx, v: VenueDoc) =>
  ctx.audit.write(tx, { target: { type: 'venue', id: v._id }, orgId: org._id, orgPath: org.path, detail: { edit, kind: 'station', name: v.name, level: v.level, parentId: v.parentId ?? null } })

/**
 * Creates a station (总站, 分站 or 站) under the id its request key gives, or edits one in the
 * caller's scope: its level must fit the station above it and the stations below it, and moving it
 * under another station rewrites the place of everything below it in the same transaction. A new
 * station gets its door code's secret, which no answer ever carries.
 */
export const saveStation: Action<StationContract, 'saveStation'> = async (input, ctx) => {
  const openid = ctx.openid()
  const { requestId, venueId, ...fields } = input
  const now = ctx.clock.now()
  const texts = [fields.name, fields.address, fields.hours, fields.description, fields.theme]
  const edited = { name: fields.name, address: fields.address, lat: fields.lat, lng: fields.lng, hours: fields.hours, description: fields.description, level: fields.level, theme: fields.theme }

  if (venueId) {
    const { current, org, roles } = await requireEditable(ctx, venueId, 'station', fields.orgId)
    const moving = (current.parentId ?? null) !== fields.parentId
    // The station above stays where it was: its scope was checked when it was chosen.
    const parent = fields.parentId === null ? null : moving ? await requireParent(ctx, roles, fields.parentId) : await requireStation(ctx.db, fields.parentId)
    assertPlacement(fields.level, parent, countyOf(org), current)
    assertChildrenFit(fields.level, await childLevelsOf(ctx.db, venueId))
    await assertPublishable(ctx.platform.contentCheck, openid, texts)
    // The org's path is read now, so an edit also brings `underOrgs` up to date after the org moved.
    const changes = { ...edited, underOrgs: underOrgsOf(org) }
    let saved: VenueDoc
    if (moving) {
      const { node } = await stationTree.move(ctx.db, current as StationDoc, parent as StationDoc | null, now, changes, auditSave(ctx, org, true))
      saved = node
    } else {
      saved = await replaceVenue(
        ctx.db,
        venueId,
        (fresh) => {
          if ((fresh.parentId ?? null) !== fields.parentId) throw new AppError('GENERIC.CONFLICT')
          return { ...fresh, ...changes, _id: venueId, updatedAt: now }
        },
        auditSave(ctx, org, true),
      )
    }
    const [view] = await toStationViews(ctx.db, [saved])
    return { venue: view }
  }

  const { org, roles } = await requireScope(ctx, fields.orgId, MANAGER_ROLES)
  const id = stationIdFor(openid, requestId)
  const hash = requestHash(fields)
  const earlier = asReplay(await getVenue(ctx.db, id), hash)
  if (earlier) {
    ctx.audit.replay()
    const [view] = await toStationViews(ctx.db, [earlier])
    return { venue: view }
  }
  const parent = fields.parentId === null ? null : await requireParent(ctx, roles, fields.parentId)
  assertPlacement(fields.level, parent, countyOf(org))
  await assertPublishable(ctx.platform.contentCheck, openid, texts)
  const placementOf = async (tx: Tx) => {
    if (!parent) return ROOT_PLACEMENT
    // The parent as it is now: a move of its branch since it was read must not leave a stale path.
    const fresh = await txVenue(tx, parent._id)
    if (!fresh || fresh.kind !== 'station') throw new AppError('STATION.NOT_FOUND')
    return childPlacement({ _id: fresh._id, path: fresh.path ?? [], depth: fresh.depth ?? 0 })
  }
  const { venue, replay } = await insertVenueOnce(
    ctx.db,
    {
      _id: id,
      kind: 'station',
      ...edited,
      orgId: org._id,
      underOrgs: underOrgsOf(org),
      status: 'open',
      ...ROOT_PLACEMENT,
      doorSecret: newDoorSecret(),
      requestHash: hash,
      createdBy: openid,
      createdAt: now,
      updatedAt: now,
    },
    auditSave(ctx, org, false),
    placementOf,
  )
  if (replay) ctx.audit.replay()
  const [view] = await toStationViews(ctx.db, [venue])
  return { venue: view }
}
