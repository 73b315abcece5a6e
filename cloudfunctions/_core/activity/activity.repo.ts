import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { database, findById, findByIds, readAll, replacing, txGet, type Db, type Tx } from '../runtime/db'
import { asReplay, requestDocId } from '../runtime/idempotency'
import { toParticipationView, type ActivityDoc, type ParticipationDoc } from './activity.rules'

/** 活动 and 报名 documents: reading and writing them (the places protocol is in activity.places.ts). */

const ACTIVITIES = COLLECTIONS.activities
const PARTICIPATIONS = COLLECTIONS.participations

/** One participation per (activity, youth): its id is derived from both, so a second insert is a duplicate. */
export function participationIdFor(activityId: string, openid: string): string {
  return `pt_${createHash('sha256').update(`${activityId}|${openid}`).digest('base64url').slice(0, 24)}`
}

/**
 * Reads leave out the places maps (`seats`, `queue`: one entry per person, see activity.places.ts):
 * only the places protocol and transactions that rewrite the whole document need them.
 */
export const WITHOUT_PLACES = { seats: false, queue: false } as const

export async function getActivity(db: Db, id: string): Promise<ActivityDoc | null> {
  const res = await db.collection(ACTIVITIES).where({ _id: id }).field(WITHOUT_PLACES).limit(1).get()
  return (res.data[0] as ActivityDoc | undefined) ?? null
}

export async function requireActivity(db: Db, id: string): Promise<ActivityDoc> {
  const a = await getActivity(db, id)
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  return a
}

export function getParticipation(db: Db, id: string): Promise<ParticipationDoc | null> {
  return findById<ParticipationDoc>(db, PARTICIPATIONS, id)
}

// ---------------------------------------------------------------------------------------------
// Writing (doc-level only, so everything here works inside a transaction)

/**
 * The id of the activity a cadre's create request makes (derived from the request's key, so a retry
 * lands on the same activity): `a` + 11 base-36 characters — at most 12, so the rotating code
 * `<activityId>.<step36>.<mac12>` fits the 32 characters of a mini-program code's `scene`.
 */
export function activityIdFor(openid: string, requestId: string): string {
  return requestDocId('a', openid, requestId, 11)
}

export function newActivitySecret(): string {
  return randomBytes(32).toString('hex')
}

export function txActivity(tx: Tx, id: string): Promise<ActivityDoc | null> {
  return txGet<ActivityDoc>(tx, ACTIVITIES, id)
}

export function txParticipation(tx: Tx, id: string): Promise<ParticipationDoc | null> {
  return txGet<ParticipationDoc>(tx, PARTICIPATIONS, id)
}

/**
 * Creates the activity under its derived id, or answers the one an earlier attempt of the same
 * request made (`replay`); the same key with another payload is refused. A new activity starts with
 * empty places maps.
 */
export async function insertActivity(tx: Tx, doc: ActivityDoc & { requestHash: string }): Promise<{ activity: ActivityDoc; replay: boolean }> {
  const earlier = asReplay(await txActivity(tx, doc._id), doc.requestHash)
  if (earlier) return { activity: earlier, replay: true }
  const { _id, ...rest } = doc
  await tx.collection(ACTIVITIES).doc(_id).set({ data: { ...rest, seats: {}, queue: {} } })
  return { activity: doc, replay: false }
}

/**
 * Attempts for a cadre's transaction on an activity document (edit, cancel, cover verdict). Sign-ups
 * change that document by conditional updates, and each one that lands between the transaction's
 * read and its write makes it start again: enough attempts, with the backoff in runtime/db.ts, to wait
 * out a storm of sign-ups rather than tell the cadre to retry.
 */
export const EDIT_ATTEMPTS = 40

/** Fields only the places protocol writes (activity.places.ts): a cadre's edit never carries them back. */
const PLACE_FIELDS = ['signed', 'waitlisted', 'seats', 'queue', 'placesAt'] as const

/**
 * Writes every field of `a` except the places (so a copy read earlier, or read without the maps,
 * cannot undo a sign-up that landed since). Objects are replaced whole (`_.set`), not merged.
 */
export async function putActivity(tx: Tx, a: ActivityDoc): Promise<void> {
  const data: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(a)) {
    if (k === '_id' || (PLACE_FIELDS as readonly string[]).includes(k) || v === undefined) continue
    data[k] = replacing(database(), v)
  }
  await tx.collection(ACTIVITIES).doc(a._id).update({ data })
}

export async function putParticipation(tx: Tx, p: ParticipationDoc): Promise<void> {
  const { _id, ...rest } = p
  await tx.collection(PARTICIPATIONS).doc(_id).set({ data: rest })
}

// ---------------------------------------------------------------------------------------------
// Participations

/** 1-based place in the waitlist: one more than the waitlisted before it in (ticket, id) order. */
export async function waitlistPosition(db: Db, p: ParticipationDoc): Promise<number | null> {
  if (p.status !== 'waitlisted' || p.waitTicket === null) return null
  const _ = db.command
  const before = _.or([{ waitTicket: _.lt(p.waitTicket) }, { waitTicket: p.waitTicket, _id: _.lt(p._id) }])
  const res = await db.collection(PARTICIPATIONS).where(_.and([{ activityId: p.activityId, status: 'waitlisted' }, before]) as Record<string, unknown>).count()
  return res.total + 1
}

export async function participationView(db: Db, p: ParticipationDoc) {
  return toParticipationView(p, await waitlistPosition(db, p))
}

/** Signed or waitlisted people who asked to be told, for the cancellation notice. */
export function subscribersOf(db: Db, activityId: string): Promise<ParticipationDoc[]> {
  return readAll<ParticipationDoc>(db, PARTICIPATIONS, { activityId, status: db.command.in(['signed', 'waitlisted']), subscribed: true })
}

/** How many have checked in to an activity (walk-ins included). */
export async function countCheckedIn(db: Db, activityId: string): Promise<number> {
  const res = await db.collection(PARTICIPATIONS).where({ activityId, checkIn: db.command.neq(null) }).count()
  return res.total
}

/**
 * A youth's live sign-ups, all of them (a sign-up stays `signed` after its activity ends, so years of
 * them add up): one person's never come near readAll's cap, and past it the read fails loudly.
 */
export function activeParticipationsOf(db: Db, openid: string): Promise<ParticipationDoc[]> {
  return readAll<ParticipationDoc>(db, PARTICIPATIONS, { openid, status: db.command.in(['signed', 'waitlisted']) })
}

export function getActivities(db: Db, ids: string[]): Promise<Map<string, ActivityDoc>> {
  return findByIds<ActivityDoc>(db, ACTIVITIES, ids, WITHOUT_PLACES)
}

/** The activity whose cover waits for this check's verdict, if any. */
export async function activityByCoverTrace(db: Db, traceId: string): Promise<ActivityDoc | null> {
  const res = await db.collection(ACTIVITIES).where({ coverTrace: traceId }).field(WITHOUT_PLACES).limit(1).get()
  return (res.data[0] as ActivityDoc | undefined) ?? null
}

/**
 * Published activities held at any of `venueIds` starting in [from, to), over the (venueId, startAt)
 * index: every one (a station's season, a map's week), or a loud refusal past readAll's cap.
 */
export function activitiesAtVenues(db: Db, venueIds: string[], from: number, to: number): Promise<ActivityDoc[]> {
  if (!venueIds.length) return Promise.resolve([])
  const _ = db.command
  const venueId = venueIds.length === 1 ? venueIds[0] : _.in([...new Set(venueIds)])
  return readAll<ActivityDoc>(db, ACTIVITIES, { venueId, startAt: _.and(_.gte(from), _.lt(to)), status: 'published' }, undefined, WITHOUT_PLACES)
}
