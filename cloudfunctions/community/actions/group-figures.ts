import type { CommunityContract } from '../../../types/contract/community'
import { figuresOf, requireGroup, requireManager, subtreeOfGroup } from '../../_core/community'
import type { Action } from '../../_core/runtime/serve'

/** A group's figures and its tower's (the group with every group below it; youth counted once). */
export const groupFigures: Action<CommunityContract, 'groupFigures'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  await requireManager(ctx, group)
  const now = ctx.clock.now()
  const tower = await subtreeOfGroup(ctx.db, group)
  const [own, all] = await Promise.all([figuresOf(ctx.db, group._id, [group._id], now), figuresOf(ctx.db, group._id, tower.map((g) => g._id), now)])
  return { group: own, tower: all }
}
