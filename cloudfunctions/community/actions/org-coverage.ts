import type { CommunityContract } from '../../../types/contract/community'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { countGroupsUnder, reachOfOrg } from '../../_core/community'
import type { Action } from '../../_core/runtime/serve'

/** Youth reached by the groups of an org's subtree (one youth in several groups counted once), and how many groups. */
export const orgCoverage: Action<CommunityContract, 'orgCoverage'> = async (input, ctx) => {
  await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const [groups, reach] = await Promise.all([countGroupsUnder(ctx.db, input.orgId), reachOfOrg(ctx.db, input.orgId)])
  return { orgId: input.orgId, groups, reach }
}
