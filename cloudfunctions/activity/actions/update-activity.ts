import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import {
  assertCapacity,
  assertEditable,
  assertSchedule,
  checkCover,
  checkAudience,
  fillFromWaitlist,
  getActivity,
  putActivity,
  requireActivity,
  managedView,
  txActivity,
  type ActivityDoc,
  EDIT_ATTEMPTS,
} from '../../_core/activity'
import { checkHosts, checkVenue } from '../../_core/activity/activity.venue'
import { dispatch } from '../../_core/outbox'
import { assertPublishable } from '../../_core/platform'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/** Edits before the start; a larger capacity then lets the waitlist in, in ticket order. */
export const updateActivity: Action<ActivityContract, 'updateActivity'> = async (input, ctx) => {
  const { activityId, ...changes } = input
  if (changes.checkInModes) changes.checkInModes = [...new Set(changes.checkInModes)]
  const current = await requireActivity(ctx.db, activityId)
  const { org, roles } = await requireScope(ctx, current.orgId, MANAGER_ROLES)
  const now = ctx.clock.now()
  assertEditable(current, now)
  assertSchedule({ ...current, ...changes }, now)
  if (changes.capacity !== undefined) assertCapacity(changes.capacity, current)
  if (changes.audience) await checkAudience(ctx.db, changes.audience, current.orgId)
  // The kind never changes; a new venue or duty type is checked against it (a saved venue is not re-judged).
  if (changes.venueId !== undefined || changes.dutyType !== undefined) {
    const venueId = changes.venueId !== undefined ? changes.venueId : (current.venueId ?? null)
    const dutyType = changes.dutyType !== undefined ? changes.dutyType : (current.dutyType ?? null)
    await checkVenue(ctx.db, roles, { kind: current.kind, venueId, dutyType }, venueId !== (current.venueId ?? null))
  }
  if (changes.hosts) changes.hosts = await checkHosts(ctx.db, changes.hosts)
  await assertPublishable(ctx.platform.contentCheck, ctx.openid(), [changes.title ?? '', changes.description ?? '', changes.place?.name ?? ''])
  // A new cover (or none) is checked afresh; keeping the current one changes nothing.
  const cover = changes.cover !== undefined && changes.cover !== current.cover ? await checkCover(ctx, ctx.openid(), changes.cover) : {}

  const withChanges = (a: ActivityDoc): ActivityDoc => ({ ...a, ...changes, ...cover, updatedAt: now })
  const activity = await transaction(ctx.db, async (tx) => {
    const fresh = await txActivity(tx, activityId)
    if (!fresh) throw new AppError('ACTIVITY.NOT_FOUND')
    assertEditable(fresh, now)
    const next = withChanges(fresh)
    assertCapacity(next.capacity, fresh)
    await putActivity(tx, next)
    await ctx.audit.write(tx, { target: { type: 'activity', id: activityId }, orgId: org._id, orgPath: org.path, detail: { fields: Object.keys(changes) } })
    return next
  }, EDIT_ATTEMPTS)
  // A larger capacity lets the waitlist in, head first (each move one conditional update).
  const grew = activity.status === 'published' && changes.capacity !== undefined && changes.capacity > current.capacity
  const { promoted, messages } = grew ? await fillFromWaitlist(ctx.db, activity, now) : { promoted: [], messages: [] }
  await dispatch(ctx, messages)
  const shown = promoted.length ? ((await getActivity(ctx.db, activityId)) ?? activity) : activity
  return { activity: await managedView(ctx, shown, org.name) }
}
