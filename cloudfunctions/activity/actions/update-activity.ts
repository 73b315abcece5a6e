import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import {
  assertCapacity,
  assertEditable,
  assertSchedule,
  checkCover,
  checkAudience,
  freePlaces,
  getActivity,
  noticePromoted,
  promoteHead,
  putActivity,
  requireActivity,
  managedView,
  txActivity,
  withWaitlistHead,
  type ActivityDoc,
} from '../../_core/activity'
import { assertPublishable } from '../../_core/platform'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** Edits before the start; a larger capacity lets the waitlist in, in ticket order, in the same transaction. */
export const updateActivity: Action<ActivityContract, 'updateActivity'> = async (input, ctx) => {
  const { activityId, ...changes } = input
  if (changes.checkInModes) changes.checkInModes = [...new Set(changes.checkInModes)]
  const current = await requireActivity(ctx.db, activityId)
  const { org } = await requireScope(ctx, current.orgId, MANAGER_ROLES)
  const now = ctx.clock.now()
  assertEditable(current, now)
  assertSchedule({ ...current, ...changes }, now)
  if (changes.capacity !== undefined) assertCapacity(changes.capacity, current)
  if (changes.audience) await checkAudience(ctx.db, changes.audience, current.orgId)
  await assertPublishable(ctx.platform.contentCheck, ctx.openid(), [changes.title ?? '', changes.description ?? '', changes.place?.name ?? ''])
  // A new cover (or none) is checked afresh; keeping the current one changes nothing.
  const cover = changes.cover !== undefined && changes.cover !== current.cover ? await checkCover(ctx, ctx.openid(), changes.cover) : {}

  const withChanges = (a: ActivityDoc): ActivityDoc => ({ ...a, ...changes, ...cover, updatedAt: now })
  const { activity, promoted } = await withWaitlistHead(
    ctx.db,
    activityId,
    async () => {
      const a = await getActivity(ctx.db, activityId)
      return a ? freePlaces(withChanges(a)) : 0
    },
    async (tx, head) => {
      const fresh = await txActivity(tx, activityId)
      if (!fresh) throw new AppError('ACTIVITY.NOT_FOUND')
      assertEditable(fresh, now)
      const next = withChanges(fresh)
      assertCapacity(next.capacity, fresh)
      const promoted = await promoteHead(tx, head, freePlaces(next), now)
      next.signed += promoted.length
      next.waitlisted -= promoted.length
      await putActivity(tx, next)
      await ctx.audit.write(tx, { target: { type: 'activity', id: activityId }, orgId: org._id, orgPath: org.path, detail: { fields: Object.keys(changes) } })
      return { activity: next, promoted }
    },
  )
  await noticePromoted(ctx, activity, promoted)
  return { activity: await managedView(ctx, activity, org.name) }
}
