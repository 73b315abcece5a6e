import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { assertActivityCancellable, cancellationMessage, countCheckedIn, putActivity, requireActivity, managedView, subscribersOf, txActivity, EDIT_ATTEMPTS } from '../../_core/activity'
import { dispatch, enqueue } from '../../_core/outbox'
import { assertPublishable } from '../../_core/platform'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * Sign-ups stay as they were (the youth still see the cancelled activity in 我的活动); the subscribed
 * are told by one outbox message written in the cancelling transaction, sent once it has committed.
 */
export const cancelActivity: Action<ActivityContract, 'cancelActivity'> = async (input, ctx) => {
  const current = await requireActivity(ctx.db, input.activityId)
  const { org } = await requireScope(ctx, current.orgId, MANAGER_ROLES)
  await assertPublishable(ctx.platform.contentCheck, ctx.openid(), [input.reason])
  const now = ctx.clock.now()
  const checkedIn = await countCheckedIn(ctx.db, input.activityId)
  const { activity, told, message } = await transaction(ctx.db, async (tx) => {
    const fresh = await txActivity(tx, input.activityId)
    if (!fresh) throw new AppError('ACTIVITY.NOT_FOUND')
    assertActivityCancellable(fresh, now, checkedIn)
    const next = { ...fresh, status: 'cancelled' as const, cancelReason: input.reason, updatedAt: now }
    await putActivity(tx, next)
    await ctx.audit.write(tx, { target: { type: 'activity', id: next._id }, orgId: org._id, orgPath: org.path, detail: { reason: input.reason } })
    // Read on each try, so a sign-up that committed before this one is told too.
    const people = await subscribersOf(ctx.db, next._id)
    return { activity: next, told: people.length, message: await enqueue(tx, cancellationMessage(next, input.reason, people), now) }
  }, EDIT_ATTEMPTS)
  await dispatch(ctx, [message])
  return { activity: await managedView(ctx, activity, org.name), notified: told }
}
