import type { UserContract } from '../../../types/contract/user'
import { MANAGER_ROLES, listRolesIn, requireScope, toRoleViews } from '../../_core/access'
import { subtreeIds } from '../../_core/org'
import type { Action } from '../../_core/runtime/serve'

export const listRoles: Action<UserContract, 'listRoles'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const page = await listRolesIn(ctx.db, await subtreeIds(ctx.db, org), { after: input.cursor, limit: input.limit + 1 })
  const items = page.slice(0, input.limit)
  return { items: await toRoleViews(ctx.db, items), nextCursor: page.length > input.limit ? items[items.length - 1]._id : null }
}
