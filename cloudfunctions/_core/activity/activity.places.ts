import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { enqueue } from '../outbox/outbox.repo'
import { findByIds, transaction, type Db } from '../runtime/db'
import { dropEntry, join, leave, newTicket, promote, readPlaces, ticketTime, type Left, type PlacesSpec } from '../runtime/places'
import { promotionMessage } from './activity.notices'
import { putParticipation, txParticipation } from './activity.repo'
import type { ActivityDoc, ParticipationDoc } from './activity.rules'

/**
 * An activity's places (报名名额) and waitlist (候补) on its own document, through runtime/places.ts:
 * `seats` and `queue` name each participation id beside the `signed` / `waitlisted` counters, and
 * every change is one conditional update of the activity — no transaction, so a storm of sign-ups
 * never answers "retry".
 *
 * The order of writes keeps one invariant whatever fails: a participation that says `signed`
 * (and is not a walk-in) always has its seat. A gain writes the place first and the participation
 * after; a loss writes the participation first and the place after. A crash in between leaves a
 * place without its participation — a seat nobody uses, or a promotion not yet written down —
 * which `sweepPlaces` finds after `SWEEP_GRACE_MS` and repairs.
 */
export const SEATS: PlacesSpec = {
  collection: COLLECTIONS.activities,
  capacity: 'capacity',
  count: 'signed',
  queued: 'waitlisted',
  holders: 'seats',
  queue: 'queue',
  touched: 'placesAt',
}

/** Places are only taken or given while the activity is published. */
const OPEN = { status: 'published' }

/** Longer than any function runs (cloudfunctions/activity/config.json), so a sweep never races a live call. */
export const SWEEP_GRACE_MS = 5 * 60_000

/**
 * A place (or a waitlist place) for the participation `id`; throws the real refusal. A place that
 * an earlier attempt of the same person took (its answer lost) is theirs again, not a second one.
 */
export async function takePlace(db: Db, a: ActivityDoc, id: string, now: number): Promise<{ status: 'signed' | 'waitlisted'; waitTicket: number | null }> {
  const r = await join(db, SEATS, a._id, id, newTicket(now), { capacity: a.capacity, open: OPEN, queue: a.waitlist })
  switch (r.outcome) {
    case 'full':
      throw new AppError('SIGNUP.FULL')
    case 'closed':
      // Closed under us: say how, as a sign-up before the change would have been told.
      throw new AppError('ACTIVITY.CANCELLED')
    case 'present':
      return r.where === 'held' ? { status: 'signed', waitTicket: null } : { status: 'waitlisted', waitTicket: r.ticket }
    default:
      return r.outcome === 'held' ? { status: 'signed', waitTicket: null } : { status: 'waitlisted', waitTicket: r.ticket }
  }
}

/** Gives up `p`'s place or waitlist place (after `p` itself says so). Answers where it was. */
export function givePlace(db: Db, activityId: string, p: Pick<ParticipationDoc, '_id' | 'status'>, now: number): Promise<Left> {
  return leave(db, SEATS, activityId, p._id, now, p.status === 'waitlisted' ? 'queued' : 'held')
}

/** Participations moved from the waitlist to a place, and the ids of their notices (for `dispatch`). */
export interface Promoted {
  promoted: ParticipationDoc[]
  messages: (string | null)[]
}

type Told = Pick<ActivityDoc, '_id' | 'orgId' | 'title' | 'startAt' | 'place'>

/**
 * Moves the head of the waitlist into free places, then writes each moved participation down
 * (waitlisted → signed, only if it still waits) together with its notice in the outbox.
 */
export async function fillFromWaitlist(db: Db, a: Told, now: number): Promise<Promoted> {
  const moved = await promote(db, SEATS, a._id, newTicket(now), OPEN)
  return markPromoted(db, a, moved, now)
}

/** One small transaction per promoted person (their own participation and their own message: nothing contended). */
async function markPromoted(db: Db, a: Told, ids: string[], now: number): Promise<Promoted> {
  const out: Promoted = { promoted: [], messages: [] }
  for (const id of ids) {
    const done = await transaction(db, async (tx) => {
      const p = await txParticipation(tx, id)
      if (p?.status !== 'waitlisted') return null
      const next: ParticipationDoc = { ...p, status: 'signed', waitTicket: null, updatedAt: now }
      await putParticipation(tx, next)
      return { next, message: await enqueue(tx, promotionMessage(a, next), now) }
    })
    if (done) {
      out.promoted.push(done.next)
      out.messages.push(done.message)
    }
  }
  return out
}

export interface SweepReport {
  activities: number
  /** Places whose participation never got written (or was given up without its place): freed. */
  freed: number
  /** Waitlist places whose participation no longer waits: dropped. */
  dropped: number
  /** Promotions whose participation had not been written down yet (written now), and any place filled now. */
  finished: Promoted
}

/**
 * Repairs what a crash between the two writes of a sign-up, a cancel or a promotion left: entries
 * older than the grace whose participation disagrees. Then fills any free place from the waitlist.
 * Each repair is conditional on the entry the sweep saw, so a sweep running twice repairs once.
 */
export async function sweepActivityPlaces(db: Db, a: Told & Pick<ActivityDoc, 'status'>, now: number): Promise<Omit<SweepReport, 'activities'>> {
  const s = await readPlaces(db, SEATS, a._id)
  const out = { freed: 0, dropped: 0, finished: { promoted: [], messages: [] } as Promoted }
  if (!s) return out
  const old = (m: Record<string, number>) => Object.entries(m).filter(([, t]) => ticketTime(t) <= now - SWEEP_GRACE_MS)
  const held = old(s.holders)
  const queued = old(s.queue)
  const parts = await findByIds<ParticipationDoc>(db, COLLECTIONS.participations, [...held, ...queued].map(([k]) => k))
  const unfinished: string[] = []
  for (const [id, ticket] of held) {
    const p = parts.get(id)
    if (p?.status === 'signed' && !p.flags.includes('walk_in')) continue
    if (p?.status === 'waitlisted') unfinished.push(id)
    else if (await dropEntry(db, SEATS, a._id, 'held', id, ticket, now)) out.freed++
  }
  for (const [id, ticket] of queued) {
    if (parts.get(id)?.status === 'waitlisted') continue
    if (await dropEntry(db, SEATS, a._id, 'queued', id, ticket, now)) out.dropped++
  }
  const finished = await markPromoted(db, a, unfinished, now)
  const filled = a.status === 'published' ? await fillFromWaitlist(db, a, now) : { promoted: [], messages: [] }
  out.finished = { promoted: [...finished.promoted, ...filled.promoted], messages: [...finished.messages, ...filled.messages] }
  return out
}

/** Activities whose places changed since `since` (indexed by `placesAt`), a page at a time by id. */
export async function activitiesTouchedSince(db: Db, since: number, after: string | null, limit: number): Promise<(Told & Pick<ActivityDoc, 'status'>)[]> {
  const _ = db.command
  const where: Record<string, unknown> = { placesAt: _.gte(since) }
  if (after) where._id = _.gt(after)
  const res = await db.collection(COLLECTIONS.activities).where(where).field({ _id: true, status: true, orgId: true, title: true, startAt: true, place: true }).orderBy('_id', 'asc').limit(limit).get()
  return res.data as (Told & Pick<ActivityDoc, 'status'>)[]
}
