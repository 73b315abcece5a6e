import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'
import { byTermDesc, postsOf, toPersonViews } from '../../_core/station'

/** A representative's or committee member's own posts, in force or not, newest term first. */
export const myPosts: Action<StationContract, 'myPosts'> = async (_input, ctx) => {
  const me = userIdFor(ctx.secrets(), ctx.openid())
  const posts = byTermDesc(await postsOf(ctx.db, me))
  return { posts: await toPersonViews(ctx.db, posts, shanghaiDate(ctx.clock.now())) }
}
