import type { CommunityContract } from '../../../types/contract/community'
import { getGroup, groupAuthority, isActive, reachOfGroups, requireGroup, toGroupCards, toMembershipView } from '../../_core/community'
import type { Action } from '../../_core/runtime/serve'

/**
 * A group's page for whoever opens it (a shared card, its code, discover): what any youth may see,
 * their own membership, and — for active members only — the QR of the group's WeChat chat once it
 * passed its check.
 */
export const openGroup: Action<CommunityContract, 'openGroup'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  const [authority, parent, reach] = await Promise.all([
    groupAuthority(ctx, group),
    group.parentId ? getGroup(ctx.db, group.parentId) : Promise.resolve(null),
    reachOfGroups(ctx.db, [group._id]),
  ])
  const [card] = await toGroupCards(ctx.db, ctx.platform.storage, [group])
  const showQr = group.chatQr && group.chatQrCheck === 'pass' && (isActive(authority.membership) || authority.manager)
  const qrUrl = showQr ? ((await ctx.platform.storage.urls([group.chatQr!])).get(group.chatQr!) ?? null) : null
  return {
    group: {
      ...card,
      parentId: group.parentId,
      parentName: parent?.name ?? null,
      chatQrUrl: qrUrl,
      membership: authority.membership ? toMembershipView(authority.membership) : null,
      canManage: authority.manager,
      reach: reach.get(group._id) ?? 0,
    },
  }
}
