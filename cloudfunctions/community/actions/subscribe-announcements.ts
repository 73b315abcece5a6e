import type { CommunityContract } from '../../../types/contract/community'
import { isActive, membershipOf, requireGroup, setSubscribed, toMembershipView } from '../../_core/community'
import { userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** A member turns the message for each new announcement on or off (the page asks WeChat's permission first). */
export const subscribeAnnouncements: Action<CommunityContract, 'subscribeAnnouncements'> = async (input, ctx) => {
  const group = await requireGroup(ctx.db, input.groupId)
  const seen = await membershipOf(ctx.db, group._id, userIdFor(ctx.secrets(), ctx.openid()))
  if (!isActive(seen)) throw new AppError('GROUP.NOT_MEMBER')
  return { membership: toMembershipView(await setSubscribed(ctx.db, seen, input.subscribed, ctx.clock.now())) }
}
