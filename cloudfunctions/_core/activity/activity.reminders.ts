import { COLLECTIONS } from '../runtime/collections'
import { readAll, type Db } from '../runtime/db'
import type { ActivityDoc, ParticipationDoc } from './activity.rules'

/** How long before the start a reminder goes out; the timer runs every 10 minutes within it. */
export const REMIND_AHEAD_MS = 60 * 60_000

export function activitiesStartingSoon(db: Db, now: number): Promise<ActivityDoc[]> {
  const _ = db.command
  return readAll<ActivityDoc>(db, COLLECTIONS.activities, { startAt: _.and(_.gt(now), _.lte(now + REMIND_AHEAD_MS)), status: 'published' })
}

/** Signed-up people who asked to be told and have not been yet. */
export function dueReminders(db: Db, activityId: string): Promise<ParticipationDoc[]> {
  return readAll<ParticipationDoc>(db, COLLECTIONS.participations, { activityId, status: 'signed', subscribed: true, remindedAt: db.command.exists(false) })
}

/**
 * Marks the reminder as sent before sending: a conditional single-document update, so two timer
 * runs that overlap remind each person once.
 */
export async function claimReminder(db: Db, participationId: string, now: number): Promise<boolean> {
  const _ = db.command
  const res = await db
    .collection(COLLECTIONS.participations)
    .where({ _id: participationId, remindedAt: _.exists(false) })
    .update({ data: { remindedAt: now } })
  return res.stats.updated === 1
}
