import type { Role } from '../../../types/enums'
import type { ActionContext } from '../runtime/context'
import { requireOrg } from '../org/org.repo'
import type { OrgDoc } from '../org/org.rules'
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
