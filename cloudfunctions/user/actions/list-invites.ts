import type { UserContract } from '../../../types/contract/user'
import { MANAGER_ROLES, listInvitesIn, requireScope, toInviteViews } from '../../_core/access'
import { subtreeIds } from '../../_core/org'
import type { Action } from '../../_core/runtime/serve'

export const listInvites: Action<UserContract, 'listInvites'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const page = await listInvitesIn(ctx.db, await subtreeIds(ctx.db, org), input, input.venueId)
  return { items: await toInviteViews(ctx.db, page.items, ctx.clock.now()), nextCursor: page.nextCursor }
}
