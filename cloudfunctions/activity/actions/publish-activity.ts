import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { putActivity, requireActivity, managedView, txActivity } from '../../_core/activity'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

export const publishActivity: Action<ActivityContract, 'publishActivity'> = async (input, ctx) => {
  const current = await requireActivity(ctx.db, input.activityId)
  const { org } = await requireScope(ctx, current.orgId, MANAGER_ROLES)
  const now = ctx.clock.now()
  const activity = await transaction(ctx.db, async (tx) => {
    const fresh = await txActivity(tx, input.activityId)
    if (!fresh) throw new AppError('ACTIVITY.NOT_FOUND')
    if (fresh.status === 'cancelled') throw new AppError('ACTIVITY.CANCELLED')
    // Someone else published it first: say so rather than write a second audit entry for nothing.
    if (fresh.status === 'published') throw new AppError('GENERIC.CONFLICT')
    if (fresh.startAt <= now) throw new AppError('ACTIVITY.IN_PAST')
    const next = { ...fresh, status: 'published' as const, publishedAt: now, updatedAt: now }
    await putActivity(tx, next)
    await ctx.audit.write(tx, { target: { type: 'activity', id: next._id }, orgId: org._id, orgPath: org.path })
    return next
  })
  return { activity: await managedView(ctx, activity, org.name) }
}
