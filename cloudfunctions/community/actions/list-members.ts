import type { CommunityContract } from '../../../types/contract/community'
import { pageMemberships, requireGroup, requireManager, toMemberViews } from '../../_core/community'
import type { Action } from '../../_core/runtime/serve'

/** A group's members, owner and admins first, for its admins and the cadres in scope. */
export const listMembers: Action<CommunityContract, 'listMembers'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  await requireManager(ctx, group)
  const page = await pageMemberships(ctx.db, group._id, 'active', input)
  return { items: await toMemberViews(ctx.db, page.items), nextCursor: page.nextCursor }
}
