import type { CommunityContract } from '../../../types/contract/community'
import { groupsOf, pageMine, toGroupCards, toMembershipView } from '../../_core/community'
import { userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'

/** The youth's groups and waiting requests, newest first (a group deleted meanwhile is left out). */
export const myGroups: Action<CommunityContract, 'myGroups'> = async (input, ctx) => {
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const page = await pageMine(ctx.db, userId, input)
  const groups = await groupsOf(ctx.db, page.items)
  const ms = page.items.filter((m) => groups.has(m.groupId))
  const cards = await toGroupCards(ctx.db, ctx.platform.storage, ms.map((m) => groups.get(m.groupId)!))
  return { items: ms.map((m, i) => ({ group: cards[i], membership: toMembershipView(m) })), nextCursor: page.nextCursor }
}
