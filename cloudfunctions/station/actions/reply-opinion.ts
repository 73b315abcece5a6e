import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { dispatch, enqueue } from '../../_core/outbox'
import { assertPublishable } from '../../_core/platform'
import { getProfile } from '../../_core/profile/profile.repo'
import { answeringPost, assertReplyable, opinionAuditPlace, opinionChangedSince, opinionViews, putOpinion, repliedMessage, repliedOpinion, requireVisibleOpinion, txOpinion } from '../../_core/station'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * The assignee answers — nobody else, not even the cadre who assigned it, and only while still in
 * office there (OPINION.POST_ENDED once their post ended: a cadre reassigns it). The reply passes the
 * content check; the author is told (opinion_replied) in the same transaction that records it. A
 * reassignment that landed since the call read the opinion refuses the reply (OPINION.WRONG_STATE).
 */
export const replyOpinion: Action<StationContract, 'replyOpinion'> = async (input, ctx) => {
  const { opinion: seen, viewer } = await requireVisibleOpinion(ctx, input.opinionId)
  assertReplyable(seen, viewer.userId)
  const now = ctx.clock.now()
  if (!(await answeringPost(ctx.db, seen, viewer.userId, shanghaiDate(now)))) throw new AppError('OPINION.POST_ENDED')
  await assertPublishable(ctx.platform.contentCheck, viewer.openid, [input.text])
  const author = await getProfile(ctx.db, seen.authorUserId)
  const { done, message } = await transaction(ctx.db, async (tx) => {
    const fresh = await txOpinion(tx, seen._id)
    if (!fresh) throw new AppError('OPINION.NOT_FOUND')
    if (opinionChangedSince(seen, fresh)) throw new AppError('OPINION.WRONG_STATE')
    assertReplyable(fresh, viewer.userId)
    const next = repliedOpinion(fresh, input.text, viewer.userId, now)
    await putOpinion(tx, next)
    const id = await enqueue(tx, repliedMessage(next, author?.realName ?? ''), now)
    await ctx.audit.write(tx, { ...opinionAuditPlace(next), detail: { venueId: next.venueId, replyLength: input.text.length } })
    return { done: next, message: id }
  })
  await dispatch(ctx, [message])
  return { opinion: (await opinionViews(ctx, [done], viewer, now))[0] }
}
