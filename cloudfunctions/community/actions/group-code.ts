import type { CommunityContract } from '../../../types/contract/community'
import { requireGroup, requireManager } from '../../_core/community'
import { GROUP_PAGE, groupScene } from '../../_core/community/discover.rules'
import type { Action } from '../../_core/runtime/serve'

/**
 * The group's mini-program code, for its owner and admins and the cadres in scope to print or share:
 * scanning it opens the group's page and its join flow; an invite-only group's code carries the
 * invite code, so the scan is the invitation (and so members who are not admins never get it).
 */
export const groupCode: Action<CommunityContract, 'groupCode'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  await requireManager(ctx, group)
  const scene = groupScene(group)
  const imageUrl = await ctx.platform.miniCode.image({ scene, page: GROUP_PAGE })
  return { scene, imageUrl, inviteCode: group.joinPolicy === 'invite' ? (group.inviteCode ?? null) : null }
}
