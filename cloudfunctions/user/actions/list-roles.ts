import type { UserContract } from '../../../types/contract/user'
import { MANAGER_ROLES, listRolesIn, requireScope, toRoleViews } from '../../_core/access'
import { subtreeIds } from '../../_core/org'
import type { Action } from '../../_core/runtime/serve'

export const listRoles: Action<UserContract, 'listRoles'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const page = await listRolesIn(ctx.db, await subtreeIds(ctx.db, org), input, input.venueId)
  return { items: await toRoleViews(ctx.db, ctx.secrets(), page.items), nextCursor: page.nextCursor }
}
