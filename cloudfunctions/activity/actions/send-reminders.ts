import type { ActivityContract } from '../../../types/contract/activity'
import { activitiesStartingSoon, dueReminders, enqueueReminder } from '../../_core/activity'
import { dispatch } from '../../_core/outbox'
import type { Action } from '../../_core/runtime/serve'

/**
 * Timer: about an hour before the start, one reminder to each subscribed sign-up — put in the
 * outbox, then sent at once; what fails is retried by `sendOutbox`.
 */
export const sendReminders: Action<ActivityContract, 'sendReminders'> = async (_input, ctx) => {
  const now = ctx.clock.now()
  const soon = await activitiesStartingSoon(ctx.db, now)
  const ids: (string | null)[] = []
  for (const a of soon) {
    for (const p of await dueReminders(ctx.db, a._id)) ids.push(await enqueueReminder(ctx.db, a, p, now))
  }
  const { sent } = await dispatch(ctx, ids)
  return { activities: soon.length, sent }
}
