import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import {
  answeringPost,
  assertAssignable,
  assignedOpinion,
  opinionAuditPlace,
  opinionChangedSince,
  opinionViews,
  putOpinion,
  requireVisibleOpinion,
  txOpinion,
  type OpinionDoc,
} from '../../_core/station'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * The handling cadre names the representative who answers: one in office at the opinion's station
 * (online: at any station of the opinion's org subtree). Naming another is allowed until the reply.
 * The step is decided on the opinion as the cadre's call read it: if another cadre assigned it, or
 * the representative replied, meanwhile, this call is refused (OPINION.WRONG_STATE), never applied
 * over theirs; the same representative named twice is answered once.
 */
export const assignOpinion: Action<StationContract, 'assignOpinion'> = async (input, ctx) => {
  const { opinion: seen, viewer, standing } = await requireVisibleOpinion(ctx, input.opinionId)
  if (!standing.cadre) throw new AppError('AUTH.FORBIDDEN')
  assertAssignable(seen)
  const now = ctx.clock.now()
  const post = await answeringPost(ctx.db, seen, input.userId, shanghaiDate(now))
  if (!post) throw new AppError('OPINION.ASSIGNEE_OUT_OF_SCOPE')
  const done = await transaction(ctx.db, async (tx): Promise<OpinionDoc> => {
    const fresh = await txOpinion(tx, seen._id)
    if (!fresh) throw new AppError('OPINION.NOT_FOUND')
    if (fresh.state === 'assigned' && fresh.assigneeUserId === post.userId) {
      // Already theirs (a retry after a lost reply, or two cadres agreeing): nothing changes.
      ctx.audit.replay()
      return fresh
    }
    if (opinionChangedSince(seen, fresh)) throw new AppError('OPINION.WRONG_STATE')
    assertAssignable(fresh)
    const next = assignedOpinion(fresh, { userId: post.userId, openid: post.openid, name: post.name }, viewer.userId, now)
    await putOpinion(tx, next)
    await ctx.audit.write(tx, { ...opinionAuditPlace(next), detail: { venueId: next.venueId, assigneeUserId: post.userId, reassigned: fresh.assigneeUserId !== null } })
    return next
  })
  return { opinion: (await opinionViews(ctx, [done], viewer, now))[0] }
}
