import type { StationContract } from '../../../types/contract/station'
import { assertPublishable } from '../../_core/platform'
import { assertRateable, opinionAuditPlace, opinionViews, putOpinion, ratedOpinion, requireVisibleOpinion, txOpinion } from '../../_core/station'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * The author rates the reply (1–5 stars, an optional comment that passes the content check) and the
 * opinion closes. Of an anonymous opinion the audit entry names no actor: the trail shows it was
 * rated, never by whom. A retry of the same rating after a lost reply is answered with the closed opinion.
 */
export const rateOpinion: Action<StationContract, 'rateOpinion'> = async (input, ctx) => {
  const { opinion: seen, viewer } = await requireVisibleOpinion(ctx, input.opinionId)
  if (seen.anonymous) ctx.audit.anonymous()
  const again = (o: typeof seen) => o.state === 'closed' && o.authorUserId === viewer.userId && o.rating === input.rating && o.ratingComment === input.comment
  const now = ctx.clock.now()
  if (again(seen)) {
    ctx.audit.replay()
    return { opinion: (await opinionViews(ctx, [seen], viewer, now))[0] }
  }
  assertRateable(seen, viewer.userId)
  await assertPublishable(ctx.platform.contentCheck, viewer.openid, [input.comment])
  const done = await transaction(ctx.db, async (tx) => {
    const fresh = await txOpinion(tx, seen._id)
    if (!fresh) throw new AppError('OPINION.NOT_FOUND')
    if (again(fresh)) {
      ctx.audit.replay()
      return fresh
    }
    assertRateable(fresh, viewer.userId)
    const next = ratedOpinion(fresh, input.rating, input.comment, now)
    await putOpinion(tx, next)
    await ctx.audit.write(tx, { ...opinionAuditPlace(next), detail: { venueId: next.venueId, rating: input.rating } })
    return next
  })
  return { opinion: (await opinionViews(ctx, [done], viewer, now))[0] }
}
