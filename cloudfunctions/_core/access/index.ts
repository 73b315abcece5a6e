import type { Role } from '../../../types/enums'
import type { ActionContext } from '../runtime/context'
import { AppError } from '../runtime/app-error'
import { requireOrg } from '../org/org.repo'
import { covers, type OrgDoc } from '../org/org.rules'
import { requireVenue } from '../venue/venue.repo'
import { assertOpen, assertVenueRole, type VenueDoc } from '../venue/venue.rules'
import { rolesOf } from './access.repo'
import { assertCovers, type RoleDoc } from './access.rules'

export * from './access.rules'
export * from './access.repo'

/** Loads the target org and the caller's roles, and refuses unless one of `kinds` covers the org. */
export async function requireScope(
  ctx: ActionContext,
  orgId: string,
  kinds: readonly Role[],
): Promise<{ org: OrgDoc; roles: RoleDoc[] }> {
  const [org, roles] = await Promise.all([requireOrg(ctx.db, orgId), rolesOf(ctx.db, ctx.openid())])
  assertCovers(roles, org, kinds)
  return { org, roles }
}

/**
 * Where a grant or an invite places a role: the org itself, or — given a venue — that venue, held
 * under the venue's own org. Granting at a venue takes the same authority as granting at its org, so
 * the caller's scope is checked against the venue's org first (another county's venue is simply
 * forbidden); then the venue must lie in the org the caller chose, be open, and the role be one that
 * is held at venues. `org` is the org the role will name.
 */
export async function requireGrantScope(
  ctx: ActionContext,
  orgId: string,
  venueId: string | undefined,
  role: Role,
): Promise<{ org: OrgDoc; roles: RoleDoc[]; venue: VenueDoc | null }> {
  if (!venueId) return { ...(await requireScope(ctx, orgId, ['admin', 'cadre'])), venue: null }
  const venue = await requireVenue(ctx.db, venueId)
  const { org, roles } = await requireScope(ctx, venue.orgId, ['admin', 'cadre'])
  if (!covers(orgId, org)) throw new AppError('VENUE.NOT_IN_ORG')
  assertVenueRole(role)
  assertOpen(venue)
  return { org, roles, venue }
}
