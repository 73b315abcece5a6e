import { COLLECTIONS } from '../runtime/collections'
import type { Db } from '../runtime/db'
import { pageById } from '../runtime/paging'
import type { ActivityDoc, ParticipationDoc } from './activity.rules'

/** How long before the start a reminder goes out; the timer runs every 10 minutes within it. */
export const REMIND_AHEAD_MS = 60 * 60_000

export async function activitiesStartingSoon(db: Db, now: number): Promise<ActivityDoc[]> {
  const _ = db.command
  const res = await db
    .collection(COLLECTIONS.activities)
    .where({ startAt: _.and(_.gt(now), _.lte(now + REMIND_AHEAD_MS)), status: 'published' })
    .limit(1000)
    .get()
  return res.data as ActivityDoc[]
}

/** Signed-up people who asked to be told and have not been yet. */
export async function dueReminders(db: Db, activityId: string): Promise<ParticipationDoc[]> {
  const _ = db.command
  const out: ParticipationDoc[] = []
  let cursor: string | undefined
  do {
    const page = await pageById<ParticipationDoc>(
      db,
      COLLECTIONS.participations,
      { activityId, status: 'signed', subscribed: true, remindedAt: _.exists(false) },
      { cursor, limit: 500 },
    )
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
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
