import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { MANAGER_ROLES, removeRole, rolesOf } from '../../_core/access'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'
import { getPost, postsOf, putPost, roleOfPost, roleStillNeeded, toPersonViews, txPost } from '../../_core/station'
import { venueInScope } from '../../_core/venue'

/**
 * A cadre over the station ends a post early: the post stays on record with its end, and the role it
 * granted goes with it unless another of the person's posts grants the same role (two stations of
 * one org both make someone a committee member there).
 */
export const endPost: Action<StationContract, 'endPost'> = async (input, ctx) => {
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const seen = await getPost(ctx.db, input.postId)
  if (!seen) throw new AppError('POST.NOT_FOUND')
  const roles = await rolesOf(ctx.db, ctx.openid())
  if (!venueInScope(roles, seen, MANAGER_ROLES)) throw new AppError('AUTH.FORBIDDEN')
  if (seen.endedAt !== null) throw new AppError('POST.ENDED')
  const keepRole = roleStillNeeded(seen, await postsOf(ctx.db, seen.userId), today)
  const ended = await transaction(ctx.db, async (tx) => {
    const fresh = await txPost(tx, seen._id)
    if (!fresh) throw new AppError('POST.NOT_FOUND')
    if (fresh.endedAt !== null) throw new AppError('POST.ENDED')
    const done = { ...fresh, endedAt: now, updatedAt: now }
    await putPost(tx, done)
    if (!keepRole) await removeRole(tx, roleOfPost(fresh, null, now)._id)
    await ctx.audit.write(tx, {
      target: { type: 'station_post', id: fresh._id },
      orgId: fresh.orgId,
      orgPath: fresh.underOrgs.slice(0, -1),
      detail: { venueId: fresh.venueId, userId: fresh.userId, post: fresh.post, roleRemoved: !keepRole },
    })
    return done
  })
  const [person] = await toPersonViews(ctx.db, [ended], today)
  return { person }
}
