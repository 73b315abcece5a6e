import type { CommunityContract } from '../../../types/contract/community'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { pageChildGroups, pageTopGroups, requireGroup, toGroupViews } from '../../_core/community'
import type { Action } from '../../_core/runtime/serve'

/**
 * One level of the tower, a page at a time: the groups heading an org's part of it (no parent, or a
 * parent of another org), or a group's direct children. A child may belong to another org of the
 * county than its parent; the caller needs scope over the org or the parent group's org.
 */
export const listGroups: Action<CommunityContract, 'listGroups'> = async (input, ctx) => {
  const page = { cursor: input.cursor, limit: input.limit }
  if (input.parentGroupId !== undefined) {
    const parent = await requireGroup(ctx.db, input.parentGroupId)
    await requireScope(ctx, parent.orgId, MANAGER_ROLES)
    const res = await pageChildGroups(ctx.db, parent._id, page)
    return { items: await toGroupViews(ctx.db, res.items), nextCursor: res.nextCursor }
  }
  const { org } = await requireScope(ctx, input.orgId as string, MANAGER_ROLES)
  const res = await pageTopGroups(ctx.db, org._id, page)
  return { items: await toGroupViews(ctx.db, res.items), nextCursor: res.nextCursor }
}
