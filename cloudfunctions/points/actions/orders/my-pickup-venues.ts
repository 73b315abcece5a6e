import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { rolesOf } from '../../../_core/access'
import { getOrgs } from '../../../_core/org/org.repo'
import { GONE_ORG } from '../../../_core/org/org.rules'
import { pickupVenuesOf } from '../../../_core/venue'

export const myPickupVenues: Action<OrdersContract, 'myPickupVenues'> = async (_input, ctx) => {
  const venues = await pickupVenuesOf(ctx.db, await rolesOf(ctx.db, ctx.openid()))
  const orgs = await getOrgs(ctx.db, venues.map((v) => v.orgId))
  return { venues: venues.map((v) => ({ id: v._id, name: v.name, address: v.address, hours: v.hours, lat: v.lat, lng: v.lng, orgName: orgs.get(v.orgId)?.name ?? GONE_ORG })) }
}
