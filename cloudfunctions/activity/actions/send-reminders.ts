import type { ActivityContract } from '../../../types/contract/activity'
import { activitiesStartingSoon, claimReminder, dueReminders } from '../../_core/activity'
import { activityReminderMessage } from '../../_core/platform/notify'
import type { Action } from '../../_core/runtime/serve'

/** Timer: about an hour before the start, one reminder to each subscribed sign-up. */
export const sendReminders: Action<ActivityContract, 'sendReminders'> = async (_input, ctx) => {
  const now = ctx.clock.now()
  const soon = await activitiesStartingSoon(ctx.db, now)
  let sent = 0
  for (const a of soon) {
    for (const p of await dueReminders(ctx.db, a._id)) {
      if (!(await claimReminder(ctx.db, p._id, now))) continue
      try {
        await ctx.platform.notifier.send(activityReminderMessage(p.openid, a))
        sent++
      } catch (e) {
        // A reminder is a courtesy: a failed send is logged, not retried into a second message.
        ctx.log.error('notify_failed', { template: 'activity_reminder', detail: e instanceof Error ? e.message : String(e) })
      }
    }
  }
  return { activities: soon.length, sent }
}
