import type { CommunityContract } from '../../../types/contract/community'
import { MANAGER_ROLES, requireScope, rolesCovering } from '../../_core/access'
import { assertNoGroupCycle, assertMayHangUnder, groupOrg, dueIn, markGroupsMoved, moveGroup as move, requireGroup, settleMany, subtreeOfGroup, toGroupViews } from '../../_core/community'

/** Memberships a move settles itself; a larger tower is finished by the sweep within minutes. */
const SETTLE_INLINE = 300
import type { Action } from '../../_core/runtime/serve'

/**
 * Moves a group in the caller's scope, with every group below it, under another group of the same
 * county, or to the top of a tower of its own (`newParentId: null`). The subtree's paths are
 * rewritten in the move's one transaction (`_core/tree`). Moving to where it already is changes nothing.
 */
export const moveGroup: Action<CommunityContract, 'moveGroup'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  const { org, roles } = await requireScope(ctx, group.orgId, MANAGER_ROLES)
  const newParent = input.newParentId === null ? null : await requireGroup(ctx.db, input.newParentId)
  if (newParent) {
    assertNoGroupCycle(group, newParent)
    assertMayHangUnder(org, newParent, rolesCovering(roles, groupOrg(newParent), MANAGER_ROLES).length > 0)
  }
  if (group.parentId === (newParent?._id ?? null)) {
    // Already there: nothing changes, so nothing is written to the record either.
    ctx.audit.replay()
    return { group: (await toGroupViews(ctx.db, [group]))[0], moved: 0 }
  }
  // The memberships below count under other groups once the move lands: marked before it (so a
  // crash after its commit still leaves them for the sweep), marked again after, and as many settled
  // at once as one call affords; the sweep (sweepMemberships) finishes the rest.
  const moving = (await subtreeOfGroup(ctx.db, group)).map((g) => g._id)
  await markGroupsMoved(ctx.db, moving, ctx.clock.now())
  const result = await move(ctx.db, group, newParent, ctx.clock.now(), (tx, moved) =>
    ctx.audit.write(tx, {
      target: { type: 'group', id: group._id },
      orgId: org._id,
      orgPath: org.path,
      detail: { fromParentId: group.parentId, toParentId: moved.parentId },
    }),
  )
  await markGroupsMoved(ctx.db, moving, ctx.clock.now())
  await settleMany(ctx.db, await dueIn(ctx.db, moving, SETTLE_INLINE))
  const [view] = await toGroupViews(ctx.db, [result.node])
  return { group: view, moved: result.moved }
}
