import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { requireActivity } from '../../_core/activity'
import { countsFor, messagesPage, shownStatus } from '../../_core/outbox'
import type { Action } from '../../_core/runtime/serve'

/** What an activity's cadres see of the messages it sent: how many stand where, and each one with its reason. */
export const activityMessages: Action<ActivityContract, 'activityMessages'> = async (input, ctx) => {
  const activity = await requireActivity(ctx.db, input.activityId)
  await requireScope(ctx, activity.orgId, MANAGER_ROLES)
  const [counts, page] = await Promise.all([countsFor(ctx.db, activity._id), messagesPage(ctx.db, activity._id, input.status, input)])
  const items = page.items.map((m) => ({
    id: m._id,
    template: m.template,
    toName: m.to?.name ?? '',
    status: shownStatus(m.status),
    attempts: m.attempts,
    lastError: m.lastError,
    dueAt: m.dueAt,
    sentAt: m.sentAt,
    createdAt: m.createdAt,
  }))
  return { counts, items, nextCursor: page.nextCursor }
}
