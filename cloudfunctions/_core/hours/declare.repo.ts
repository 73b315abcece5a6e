import type { ParticipationDoc } from '../activity/activity.rules'
import { COLLECTIONS } from '../runtime/collections'
import { readAll, transaction, txGet, type Db } from '../runtime/db'
import { asReplay } from '../runtime/idempotency'
import { DAY_MS, shanghaiDayStart } from '../../../types/day'
import { assertDayRoom, dayOf, minutesOnDay } from './declare.rules'
import type { DeclarationDoc } from './hours.rules'

const DECLARATIONS = COLLECTIONS.declarations
const PARTICIPATIONS = COLLECTIONS.participations
const DAYS = COLLECTIONS.hourDays

/** The minutes a youth already holds on a Shanghai day, attended and declared (see `minutesOnDay`), leaving out one record. */
export async function dayMinutesOf(db: Db, openid: string, date: string, opts: { approvedOnly?: boolean; except?: string } = {}): Promise<number> {
  const from = shanghaiDayStart(date)
  const _ = db.command
  // Only that day's check-ins (bounded on both sides) and only the fields the count needs; at approval only the approved.
  const approved = opts.approvedOnly ? { review: 'approved' } : {}
  const fields = { _id: true, review: true, minutes: true, approvedMinutes: true, checkIn: true, date: true }
  const [parts, decls] = await Promise.all([
    readAll<ParticipationDoc>(db, PARTICIPATIONS, _.and([{ openid, 'checkIn.at': _.gte(from), ...approved }, { 'checkIn.at': _.lt(from + DAY_MS) }]) as Record<string, unknown>, undefined, fields),
    readAll<DeclarationDoc>(db, DECLARATIONS, { openid, date, ...approved }, undefined, fields),
  ])
  const others = <T extends { _id: string }>(rs: T[]) => rs.filter((r) => r._id !== opts.except)
  return minutesOnDay(date, others(parts), others(decls))
}

/**
 * At approval, the day's approved hours with this record's must still fit in 24 hours: attendance
 * checked out after a declaration filled the day (or the other way round) is caught here. Every
 * approval writes the youth's hour totals in its transaction, so two approvals for one youth at once
 * conflict and the second, run again, counts the first.
 */
export async function assertDayRoomToApprove(db: Db, r: (ParticipationDoc | DeclarationDoc) & { minutes: number | null }): Promise<void> {
  const date = dayOf(r)
  if (!date) return
  assertDayRoom(await dayMinutesOf(db, r.openid, date, { approvedOnly: true, except: r._id }), r.minutes ?? 0)
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
