import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { assertActivityCancellable, countCheckedIn, noticeCancelled, putActivity, requireActivity, managedView, txActivity } from '../../_core/activity'
import { assertPublishable } from '../../_core/platform'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/** Sign-ups stay as they were (the youth still see the cancelled activity in 我的活动); the subscribed are told. */
export const cancelActivity: Action<ActivityContract, 'cancelActivity'> = async (input, ctx) => {
  const current = await requireActivity(ctx.db, input.activityId)
  const { org } = await requireScope(ctx, current.orgId, MANAGER_ROLES)
  await assertPublishable(ctx.platform.contentCheck, ctx.openid(), [input.reason])
  const now = ctx.clock.now()
  const checkedIn = await countCheckedIn(ctx.db, input.activityId)
  const activity = await transaction(ctx.db, async (tx) => {
    const fresh = await txActivity(tx, input.activityId)
    if (!fresh) throw new AppError('ACTIVITY.NOT_FOUND')
    assertActivityCancellable(fresh, now, checkedIn)
    const next = { ...fresh, status: 'cancelled' as const, cancelReason: input.reason, updatedAt: now }
    await putActivity(tx, next)
    await ctx.audit.write(tx, { target: { type: 'activity', id: next._id }, orgId: org._id, orgPath: org.path, detail: { reason: input.reason } })
    return next
  })
  const notified = await noticeCancelled(ctx, activity, input.reason)
  return { activity: await managedView(ctx, activity, org.name), notified }
}
