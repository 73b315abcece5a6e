import type { CommunityContract } from '../../../types/contract/community'
import { pageByStart, toActivityCards } from '../../_core/activity'
import { requireGroup, requireMember } from '../../_core/community'
import { chainOf } from '../../_core/tree'
import type { Action } from '../../_core/runtime/serve'

/**
 * A group's activities for its page, newest start first: those for this group and those for any
 * group above it in the tower (an activity for a group is for everyone below it, this group's members
 * included). Drafts stay with the organizers; members and the group's managers read the list.
 */
export const listGroupActivities: Action<CommunityContract, 'listGroupActivities'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  await requireMember(ctx, group)
  const page = await pageByStart(ctx.db, { statuses: ['published'], audienceGroupIds: chainOf(group) }, 'desc', input)
  return { items: await toActivityCards(ctx, page.items), nextCursor: page.nextCursor }
}
