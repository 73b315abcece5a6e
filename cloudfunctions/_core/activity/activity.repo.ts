import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, readAll, transaction, txGet, type Db, type Tx, containing } from '../runtime/db'
import { asReplay, requestDocId } from '../runtime/idempotency'
import type { PageRequest } from '../runtime/paging'
import { MANAGER_ROLES, rolesCovering } from '../access/access.rules'
import { rolesOf } from '../access/access.repo'
import { getOrg, getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import { urlsFor, type Storage } from '../platform/storage'
import {
  assertAudience,
  parseStartCursor,
  startCursor,
  toActivityCard,
  toActivityView,
  visibleCover,
  toParticipationView,
  type ActivityDoc,
  type Audience,
  type ParticipationDoc,
} from './activity.rules'

const ACTIVITIES = COLLECTIONS.activities
const PARTICIPATIONS = COLLECTIONS.participations

/** One participation per (activity, youth): its id is derived from both, so a second insert is a duplicate. */
export function participationIdFor(activityId: string, openid: string): string {
  return `pt_${createHash('sha256').update(`${activityId}|${openid}`).digest('base64url').slice(0, 24)}`
}

export function getActivity(db: Db, id: string): Promise<ActivityDoc | null> {
  return findById<ActivityDoc>(db, ACTIVITIES, id)
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
 * request made (`replay`); the same key with another payload is refused.
 */
export async function insertActivity(tx: Tx, doc: ActivityDoc & { requestHash: string }): Promise<{ activity: ActivityDoc; replay: boolean }> {
  const earlier = asReplay(await txActivity(tx, doc._id), doc.requestHash)
  if (earlier) return { activity: earlier, replay: true }
  await putActivity(tx, doc)
  return { activity: doc, replay: false }
}

/** Whole-document writes: no nested merge surprises, and a transaction's write conflict guards them. */
export async function putActivity(tx: Tx, a: ActivityDoc): Promise<void> {
  const { _id, ...rest } = a
  await tx.collection(ACTIVITIES).doc(_id).set({ data: rest })
}

export async function putParticipation(tx: Tx, p: ParticipationDoc): Promise<void> {
  const { _id, ...rest } = p
  await tx.collection(PARTICIPATIONS).doc(_id).set({ data: rest })
}

// ---------------------------------------------------------------------------------------------
// The waitlist

/** The first `n` waitlisted participations in ticket order. */
export async function firstWaitlisted(db: Db, activityId: string, n: number): Promise<ParticipationDoc[]> {
  const out: ParticipationDoc[] = []
  const _ = db.command
  let after = -1
  while (out.length < n) {
    const take = Math.min(1000, n - out.length)
    const res = await db
      .collection(PARTICIPATIONS)
      .where({ activityId, status: 'waitlisted', waitTicket: _.gt(after) })
      .orderBy('waitTicket', 'asc')
      .limit(take)
      .get()
    const rows = res.data as ParticipationDoc[]
    out.push(...rows)
    if (rows.length < take) break
    after = rows[rows.length - 1].waitTicket ?? after
  }
  return out
}

/** The waitlist head read before a transaction no longer matches what the transaction sees. */
export class StaleWaitlist extends Error {
  constructor() {
    super('stale waitlist head')
  }
}

/**
 * A transaction cannot query, so the waitlist head is found just before it (`plan` says how many
 * are needed) and `run` re-reads and re-checks each inside (see `promoteHead`). When the head moved
 * meanwhile, the head is read again and the transaction runs again.
 */
export async function withWaitlistHead<T>(
  db: Db,
  activityId: string,
  plan: () => Promise<number>,
  run: (tx: Tx, head: ParticipationDoc[]) => Promise<T>,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const n = await plan()
    const head = n > 0 ? await firstWaitlisted(db, activityId, n) : []
    try {
      return await transaction(db, (tx) => run(tx, head))
    } catch (e) {
      if (!(e instanceof StaleWaitlist)) throw e
      if (attempt >= attempts) throw new AppError('GENERIC.CONFLICT')
    }
  }
}

/**
 * Inside the transaction: moves the first `count` of `head` from the waitlist to signed, after
 * re-reading each. Throws StaleWaitlist when the pre-read head is short or has changed.
 */
export async function promoteHead(tx: Tx, head: ParticipationDoc[], count: number, now: number): Promise<ParticipationDoc[]> {
  if (count <= 0) return []
  if (head.length < count) throw new StaleWaitlist()
  const promoted: ParticipationDoc[] = []
  for (const seen of head.slice(0, count)) {
    const p = await txParticipation(tx, seen._id)
    if (!p || p.status !== 'waitlisted' || p.waitTicket !== seen.waitTicket) throw new StaleWaitlist()
    const next: ParticipationDoc = { ...p, status: 'signed', waitTicket: null, updatedAt: now }
    await putParticipation(tx, next)
    promoted.push(next)
  }
  return promoted
}

/** 1-based place in the waitlist: one more than the waitlisted with a smaller ticket. */
export async function waitlistPosition(db: Db, p: ParticipationDoc): Promise<number | null> {
  if (p.status !== 'waitlisted' || p.waitTicket === null) return null
  const res = await db
    .collection(PARTICIPATIONS)
    .where({ activityId: p.activityId, status: 'waitlisted', waitTicket: db.command.lt(p.waitTicket) })
    .count()
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

/** A youth's live sign-ups (at most `cap`, newest first). */
export async function activeParticipationsOf(db: Db, openid: string, cap = 1000): Promise<ParticipationDoc[]> {
  const res = await db
    .collection(PARTICIPATIONS)
    .where({ openid, status: db.command.in(['signed', 'waitlisted']) })
    .orderBy('signedAt', 'desc')
    .limit(cap)
    .get()
  return res.data as ParticipationDoc[]
}

// ---------------------------------------------------------------------------------------------
// Listing


export interface ActivityFilter {
  statuses: ActivityDoc['status'][]
  /** Only activities that have not ended by this time. */
  endsAfter?: number
  /** Only activities of these orgs. */
  orgIds?: string[]
  /** Only audiences "everyone" or an org audience naming one of these orgs. */
  audienceOrgIds?: string[]
  titleContains?: string
}

function conditions(db: Db, f: ActivityFilter): Record<string, unknown>[] {
  const _ = db.command
  const conds: Record<string, unknown>[] = []
  // Always a condition of its own: the local emulator's planner (local/emulator/planner.ts) skips the
  // rest of a top-level $and when exactly one plain indexed field sits beside an $or.
  conds.push({ status: f.statuses.length === 1 ? f.statuses[0] : _.in(f.statuses) })
  if (f.endsAfter !== undefined) conds.push({ endAt: _.gt(f.endsAfter) })
  if (f.orgIds) conds.push({ orgId: _.in(f.orgIds) })
  if (f.audienceOrgIds) {
    conds.push(
      f.audienceOrgIds.length
        ? (_.or([{ 'audience.type': 'everyone' }, { 'audience.type': 'org', 'audience.orgId': _.in(f.audienceOrgIds) }]) as Record<string, unknown>)
        : { 'audience.type': 'everyone' },
    )
  }
  if (f.titleContains) conds.push({ title: containing(db, f.titleContains, true) })
  return conds
}

function where(db: Db, conds: Record<string, unknown>[]): Record<string, unknown> {
  return conds.length === 1 ? conds[0] : (db.command.and(conds) as Record<string, unknown>)
}

/** A page in (startAt, _id) order, ascending or descending; the cursor is the last activity's position. */
export async function pageByStart(
  db: Db,
  filter: ActivityFilter,
  dir: 'asc' | 'desc',
  page: PageRequest,
): Promise<{ items: ActivityDoc[]; nextCursor: string | null }> {
  const _ = db.command
  const conds = conditions(db, filter)
  if (page.cursor) {
    const c = parseStartCursor(page.cursor)
    const beyond = (v: unknown) => (dir === 'asc' ? _.gt(v) : _.lt(v))
    conds.push(_.or([{ startAt: beyond(c.startAt) }, { startAt: c.startAt, _id: beyond(c.id) }]) as Record<string, unknown>)
  }
  const res = await db
    .collection(ACTIVITIES)
    .where(where(db, conds))
    .orderBy('startAt', dir)
    .orderBy('_id', dir)
    .limit(page.limit + 1)
    .get()
  const rows = res.data as ActivityDoc[]
  const items = rows.slice(0, page.limit)
  return { items, nextCursor: rows.length > page.limit ? startCursor(items[items.length - 1]) : null }
}

/** Every activity matching `filter`, soonest first, up to `cap` (the nearby list sorts them in memory). */
export async function loadByStart(db: Db, filter: ActivityFilter, cap = 1000): Promise<ActivityDoc[]> {
  const res = await db.collection(ACTIVITIES).where(where(db, conditions(db, filter))).orderBy('startAt', 'asc').orderBy('_id', 'asc').limit(cap).get()
  return res.data as ActivityDoc[]
}

export function getActivities(db: Db, ids: string[]): Promise<Map<string, ActivityDoc>> {
  return findByIds<ActivityDoc>(db, ACTIVITIES, ids)
}

/** What building cards and views needs: the database and storage (for cover URLs). */
export interface ViewDeps {
  db: Db
  platform: { storage: Storage }
}

function coverUrls(deps: ViewDeps, activities: ActivityDoc[], canManage = false): Promise<Map<string, string | null>> {
  return urlsFor(deps.platform.storage, activities.map((a) => visibleCover(a, canManage)))
}

const coverUrlOf = (a: ActivityDoc, urls: Map<string, string | null>, canManage = false) => {
  const cover = visibleCover(a, canManage)
  return cover ? (urls.get(cover) ?? null) : null
}

/** Cards with their org names and cover URLs (covers that passed their check), in the given order. */
export async function toActivityCards(deps: ViewDeps, activities: ActivityDoc[], near?: { lat: number; lng: number } | null) {
  const [orgs, covers] = await Promise.all([getOrgs(deps.db, activities.map((a) => a.orgId)), coverUrls(deps, activities)])
  return activities.map((a) => toActivityCard(a, { orgName: orgs.get(a.orgId)?.name ?? GONE_ORG, near, coverUrl: coverUrlOf(a, covers) }))
}

/** The detail for a cadre who has just changed it (scope already checked). */
export async function managedView(deps: ViewDeps, a: ActivityDoc, orgName: string) {
  const covers = await coverUrls(deps, [a], true)
  return toActivityView(a, { orgName, canManage: true, coverUrl: coverUrlOf(a, covers, true) })
}

/** The detail as this caller sees it: `canManage` when one of their roles covers the activity's org. */
export async function viewFor(deps: ViewDeps, a: ActivityDoc, openid: string, near?: { lat: number; lng: number } | null) {
  const [org, roles] = await Promise.all([getOrg(deps.db, a.orgId), rolesOf(deps.db, openid)])
  const canManage = !!org && rolesCovering(roles, org, MANAGER_ROLES).length > 0
  const covers = await coverUrls(deps, [a], canManage)
  return { view: toActivityView(a, { orgName: org?.name ?? GONE_ORG, near, canManage, coverUrl: coverUrlOf(a, covers, canManage) }), canManage }
}

/** The activity whose cover waits for this check's verdict, if any. */
export async function activityByCoverTrace(db: Db, traceId: string): Promise<ActivityDoc | null> {
  const res = await db.collection(ACTIVITIES).where({ coverTrace: traceId }).limit(1).get()
  return (res.data[0] as ActivityDoc | undefined) ?? null
}

/** An org audience must name an existing org inside the activity org's subtree. */
export async function checkAudience(db: Db, audience: Audience, activityOrgId: string): Promise<void> {
  const org = audience.type === 'org' ? await getOrg(db, audience.orgId) : null
  assertAudience(audience, activityOrgId, org)
}
