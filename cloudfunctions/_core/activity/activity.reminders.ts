import { enqueueNow } from '../outbox'
import { COLLECTIONS } from '../runtime/collections'
import { readAll, type Db } from '../runtime/db'
import { reminderMessage } from './activity.notices'
import type { ActivityDoc, ParticipationDoc } from './activity.rules'

/** How long before the start a reminder goes out; the timer runs every 10 minutes within it. */
export const REMIND_AHEAD_MS = 60 * 60_000

export function activitiesStartingSoon(db: Db, now: number): Promise<ActivityDoc[]> {
  const _ = db.command
  return readAll<ActivityDoc>(db, COLLECTIONS.activities, { startAt: _.and(_.gt(now), _.lte(now + REMIND_AHEAD_MS)), status: 'published' })
}

/** Signed-up people who asked to be told and whose reminder is not in the outbox yet. */
export function dueReminders(db: Db, activityId: string): Promise<ParticipationDoc[]> {
  return readAll<ParticipationDoc>(db, COLLECTIONS.participations, { activityId, status: 'signed', subscribed: true, remindedAt: db.command.exists(false) })
}

/**
 * Puts `p`'s reminder in the outbox, then marks the sign-up reminded (a conditional update, so it
 * stops being due). In that order: a run cut short between the two leaves the sign-up due, and the
 * next run enqueues the same message id again — found there, not sent twice. Answers the id.
 */
export async function enqueueReminder(db: Db, a: ActivityDoc, p: ParticipationDoc, now: number): Promise<string | null> {
  const id = await enqueueNow(db, reminderMessage(a, p), now)
  await db
    .collection(COLLECTIONS.participations)
    .where({ _id: p._id, remindedAt: db.command.exists(false) })
    .update({ data: { remindedAt: now } })
  return id
}
