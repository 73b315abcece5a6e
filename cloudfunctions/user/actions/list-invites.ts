import type { UserContract } from '../../../types/contract/user'
import { MANAGER_ROLES, listInvitesIn, requireScope, toInviteViews } from '../../_core/access'
import { subtreeIds } from '../../_core/org'
import type { Action } from '../../_core/runtime/serve'

export const listInvites: Action<UserContract, 'listInvites'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const page = await listInvitesIn(ctx.db, await subtreeIds(ctx.db, org), { after: input.cursor, limit: input.limit + 1 })
  const items = page.slice(0, input.limit)
  return { items: await toInviteViews(ctx.db, items, ctx.clock.now()), nextCursor: page.length > input.limit ? items[items.length - 1]._id : null }
}
