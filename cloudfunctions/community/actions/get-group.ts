import type { CommunityContract } from '../../../types/contract/community'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { requireGroup, toGroupViews } from '../../_core/community'
import type { Action } from '../../_core/runtime/serve'

/** One group, for the cadres whose org covers the group's org (members and youth read it in a later part). */
export const getGroup: Action<CommunityContract, 'getGroup'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  await requireScope(ctx, group.orgId, MANAGER_ROLES)
  const [view] = await toGroupViews(ctx.db, [group])
  return { group: view }
}
