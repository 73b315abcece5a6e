import type { ParticipationDoc } from '../activity/activity.rules'
import { COLLECTIONS } from '../runtime/collections'
import { readAll, transaction, txGet, type Db } from '../runtime/db'
import { asReplay } from '../runtime/idempotency'
import { DAY_MS, shanghaiDayStart } from '../../../types/day'
import { assertDayRoom, minutesOnDay } from './declare.rules'
import type { DeclarationDoc } from './hours.rules'

const DECLARATIONS = COLLECTIONS.declarations
const PARTICIPATIONS = COLLECTIONS.participations
const DAYS = COLLECTIONS.hourDays

/** The minutes a youth already holds on a Shanghai day, attended and declared (see `minutesOnDay`). */
export async function dayMinutesOf(db: Db, openid: string, date: string): Promise<number> {
  const from = shanghaiDayStart(date)
  const _ = db.command
  const [parts, decls] = await Promise.all([
    readAll<ParticipationDoc>(db, PARTICIPATIONS, { openid, 'checkIn.at': _.gte(from) }),
    readAll<DeclarationDoc>(db, DECLARATIONS, { openid, date }),
  ])
  return minutesOnDay(date, parts.filter((p) => p.checkIn && p.checkIn.at < from + DAY_MS), decls)
}

/**
 * A new declaration, exactly once and within the day's 24 hours. Declarations of one youth for one
 * day take turns on that day's document (`hour_days`), so two made at once cannot both fit in room
 * that only one of them has: the later one conflicts, runs again and counts the first. A retry of
 * the same request is answered with the declaration it made.
 */
export function insertDeclaration(db: Db, doc: DeclarationDoc & { requestHash: string }, now: number): Promise<DeclarationDoc> {
  const dayId = `${doc.userId}_${doc.date}`
  return transaction(db, async (tx) => {
    const earlier = asReplay(await txGet<DeclarationDoc>(tx, DECLARATIONS, doc._id), doc.requestHash)
    if (earlier) return earlier
    const day = await txGet<{ declarations: number }>(tx, DAYS, dayId)
    assertDayRoom(await dayMinutesOf(db, doc.openid, doc.date), doc.minutes)
    const { _id, ...data } = doc
    await tx.collection(DECLARATIONS).doc(_id).set({ data })
    await tx.collection(DAYS).doc(dayId).set({ data: { userId: doc.userId, date: doc.date, declarations: (day?.declarations ?? 0) + 1, updatedAt: now } })
    return doc
  })
}
