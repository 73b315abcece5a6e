import type { PointsContract } from '../../../../types/contract/points'
import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import type { Action } from '../../../_core/runtime/serve'
import { pageVenuesUnder, toVenueViews } from '../../../_core/venue'

/** An org's venues and those of every org below it, a page at a time over the (underOrgs, kind) index. */
export const listVenues: Action<PointsContract, 'listVenues'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const page = await pageVenuesUnder(ctx.db, org._id, { kind: input.kind, status: input.status }, input)
  return { items: await toVenueViews(ctx.db, page.items), nextCursor: page.nextCursor }
}
