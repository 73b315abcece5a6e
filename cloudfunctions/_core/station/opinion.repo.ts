import { shanghaiYearSpan } from '../../../types/day'
import type { OpinionFigures, OpinionState } from '../../../types/contract/station'
import type { z } from 'zod'
import { MANAGER_ROLES, rolesCovering, type RoleDoc } from '../access/access.rules'
import { rolesOf } from '../access/access.repo'
import { enqueueNow } from '../outbox/outbox.repo'
import { getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import { urlsFor, type Storage } from '../platform'
import { getProfiles, userIdFor } from '../profile/profile.repo'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { requestDocId } from '../runtime/idempotency'
import type { Secrets } from '../runtime/secrets'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import { activePostsOf } from './post.repo'
import type { PostDoc } from './post.rules'
import { getVenues } from '../venue/venue.repo'
import { GONE_VENUE, venueOrg } from '../venue/venue.rules'
import {
  opinionAutoCloseBefore,
  autoClosedFields,
  opinionFiguresOf,
  OPINION_OPEN_STATES,
  opinionOverdueBefore,
  overdueMessage,
  shownOpinionPhotos,
  opinionStanding,
  toOpinionView,
  type OpinionDoc,
  assertCanSeeOpinion,
  type OpinionStanding,
} from './opinion.rules'

const OPINIONS = COLLECTIONS.opinions

/** A new opinion's id, from its author and the request key: a retry after a lost reply lands on the same one. */
export function opinionIdFor(openid: string, requestId: string): string {
  return requestDocId('op', openid, requestId, 20)
}

export function getOpinion(db: Db, id: string): Promise<OpinionDoc | null> {
  return findById<OpinionDoc>(db, OPINIONS, id)
}

export async function requireOpinion(db: Db, id: string): Promise<OpinionDoc> {
  const o = await getOpinion(db, id)
  if (!o) throw new AppError('OPINION.NOT_FOUND')
  return o
}

/** Read inside a transaction, with its id (a transaction's read may answer the fields alone). */
export async function txOpinion(tx: Tx, id: string): Promise<OpinionDoc | null> {
  const o = await txGet<OpinionDoc>(tx, OPINIONS, id)
  return o && { ...o, _id: id }
}

/**
 * Writes a step of the opinion inside its transaction. The transaction read the opinion first, so
 * the read is the step's condition: anyone else's write to it since makes this write conflict, and
 * the retry decides again on what is there now (CloudBase's snapshot reads, first writer wins).
 */
export async function putOpinion(tx: Tx, o: OpinionDoc): Promise<void> {
  const { _id, ...rest } = o
  await tx.collection(OPINIONS).doc(_id).set({ data: rest })
}

/** The opinion one of whose photos waits for the media check `trace` (over the photoTraces index). */
export async function opinionByTrace(db: Db, trace: string): Promise<OpinionDoc | null> {
  const res = await db.collection(OPINIONS).where({ photoTraces: trace }).limit(1).get()
  return (res.data[0] as OpinionDoc | undefined) ?? null
}

/** The opinion's org as the scope rules see it. */
export const opinionOrg = venueOrg

/** Is someone holding `roles` the handling cadre: a manager whose scope covers the opinion's org? */
export function handlesOpinion(roles: RoleDoc[], o: Pick<OpinionDoc, 'orgId' | 'underOrgs'>): boolean {
  return rolesCovering(roles, opinionOrg(o), MANAGER_ROLES).length > 0
}

export function standingFor(o: OpinionDoc, viewer: { userId: string; roles: RoleDoc[] }): OpinionStanding {
  return opinionStanding(o, viewer.userId, handlesOpinion(viewer.roles, o))
}

/**
 * Opinions as this viewer may see them: names, the author's masked mobile (for the cadre only),
 * venue and org names and the photos' URLs, each fetched once for the page. Only what the viewer is
 * shown is looked up: the mobile of an anonymous author is not even read for a representative.
 */
export async function opinionViews(deps: { db: Db; platform: { storage: Storage } }, docs: OpinionDoc[], viewer: { userId: string; roles: RoleDoc[] }, now: number) {
  const standings = docs.map((o) => standingFor(o, viewer))
  const people = new Set<string>()
  for (const o of docs) {
    people.add(o.authorUserId)
    for (const s of o.steps) if (s.byUserId) people.add(s.byUserId)
  }
  const [profiles, venues, orgs, urls] = await Promise.all([
    getProfiles(deps.db, [...people]),
    getVenues(deps.db, docs.map((o) => o.venueId).filter((v): v is string => !!v)),
    getOrgs(deps.db, docs.map((o) => o.orgId)),
    urlsFor(deps.platform.storage, docs.flatMap((o, i) => shownOpinionPhotos(o, standings[i]))),
  ])
  const names = new Map([...profiles.values()].map((p) => [p._id, p.realName]))
  return docs.map((o, i) =>
    toOpinionView(
      o,
      standings[i],
      {
        people: names,
        authorMobile: standings[i].cadre ? (profiles.get(o.authorUserId)?.phoneMasked ?? null) : null,
        venueName: o.venueId ? (venues.get(o.venueId)?.name ?? GONE_VENUE) : null,
        orgName: orgs.get(o.orgId)?.name ?? GONE_ORG,
        urls,
      },
      now,
    ),
  )
}

const newestFirst = (db: Db, tag: string, where: Record<string, unknown>) =>
  collectionSource<OpinionDoc>(db, { tag, collection: OPINIONS, where, field: 'submittedAt', dir: 'desc', at: (o) => o.submittedAt })

/** A youth's own opinions, newest first (authorUserId, submittedAt). */
export function pageMine(db: Db, userId: string, page: PageRequest): Promise<PageResult<OpinionDoc>> {
  return keysetPage([newestFirst(db, 'm', { authorUserId: userId })], 'desc', page)
}

/** The opinions assigned to a representative, newest first (assigneeUserId, state). */
export function pageAssigned(db: Db, userId: string, state: OpinionState | undefined, page: PageRequest): Promise<PageResult<OpinionDoc>> {
  return keysetPage([newestFirst(db, 'a', { assigneeUserId: userId, ...(state ? { state } : {}) })], 'desc', page)
}

/**
 * The opinions of an org's subtree (or one venue in it), newest first (underOrgs, state); only the
 * overdue ones — still unanswered, submitted more than OPINION_REPLY_DAYS ago — when asked.
 */
export function pageUnder(
  db: Db,
  filter: { orgId: string; venueId?: string; state?: OpinionState; overdue?: boolean },
  now: number,
  page: PageRequest,
): Promise<PageResult<OpinionDoc>> {
  const _ = db.command
  const where: Record<string, unknown> = { underOrgs: filter.orgId }
  if (filter.venueId) where.venueId = filter.venueId
  if (filter.overdue) {
    const states = filter.state ? OPINION_OPEN_STATES.filter((s) => s === filter.state) : OPINION_OPEN_STATES
    if (!states.length) return Promise.resolve({ items: [], nextCursor: null })
    where.state = states.length === 1 ? states[0] : _.in([...states])
    where.submittedAt = _.lt(opinionOverdueBefore(now))
  } else if (filter.state) where.state = filter.state
  return keysetPage([newestFirst(db, 'o', where)], 'desc', page)
}

/** The opinions a venue received in a year (a station receives hundreds), read to the end. */
export async function opinionFigures(db: Db, where: { venueId: string }, year: number, now: number): Promise<z.infer<typeof OpinionFigures>> {
  const _ = db.command
  const [start, end] = shanghaiYearSpan(year)
  const docs = await readAll<OpinionDoc>(db, OPINIONS, { venueId: where.venueId, submittedAt: _.and(_.gte(start), _.lt(end)) }, undefined, {
    state: true,
    submittedAt: true,
    repliedAt: true,
    rating: true,
  })
  return opinionFiguresOf(docs, now)
}

// ── the sweep ────────────────────────────────────────────────────────────────────────────────

/** Opinions the sweep handles per read; it reads again until none are left or its budget is spent. */
const SWEEP_CHUNK = 100
/** Real time a run may spend, well inside the function's 20 s. */
const SWEEP_BUDGET_MS = 8_000

/**
 * The timer's part of the opinion loop. Overdue opinions (assigned, unanswered past
 * OPINION_REPLY_DAYS, their assignee not yet told) get one 'opinion_overdue' message to the assignee,
 * enqueued under its derived id and then marked by a conditional update of `remindedAt`, so a sweep
 * run twice, or two at once, tells them once. An overdue opinion nobody has been assigned waits in
 * the cadres' list (listOpinions, overdue) and is reminded once it has an assignee. Replies unrated
 * past OPINION_AUTO_CLOSE_DAYS close, each by a conditional update on `replied`, signed by the system.
 */
export async function sweepOpinions(db: Db, now: number): Promise<{ overdueReminded: number; autoClosed: number; messages: string[] }> {
  const _ = db.command
  const until = Date.now() + SWEEP_BUDGET_MS
  const messages: string[] = []
  let overdueReminded = 0
  let autoClosed = 0
  for (let seen = new Set<string>(); Date.now() < until; ) {
    const res = await db
      .collection(OPINIONS)
      .where({ state: 'assigned', submittedAt: _.lt(opinionOverdueBefore(now)), remindedAt: null })
      .limit(SWEEP_CHUNK)
      .get()
    const due = (res.data as OpinionDoc[]).filter((o) => !seen.has(o._id))
    if (!due.length) break
    for (const o of due) {
      seen.add(o._id)
      const id = await enqueueNow(db, overdueMessage(o), now)
      const marked = await db
        .collection(OPINIONS)
        .where({ _id: o._id, state: 'assigned', assigneeUserId: o.assigneeUserId, remindedAt: null })
        .update({ data: { remindedAt: now } })
      if (marked.stats.updated === 1) {
        overdueReminded++
        if (id) messages.push(id)
      }
    }
  }
  for (let seen = new Set<string>(); Date.now() < until; ) {
    const res = await db
      .collection(OPINIONS)
      .where({ state: 'replied', rating: null, repliedAt: _.lt(opinionAutoCloseBefore(now)) })
      .limit(SWEEP_CHUNK)
      .get()
    const due = (res.data as OpinionDoc[]).filter((o) => !seen.has(o._id))
    if (!due.length) break
    for (const o of due) {
      seen.add(o._id)
      const fields = autoClosedFields(o, now)
      const closed = await db
        .collection(OPINIONS)
        .where({ _id: o._id, state: 'replied', rating: null })
        .update({ data: { ...fields, steps: _.set(fields.steps) } })
      if (closed.stats.updated === 1) autoClosed++
    }
  }
  return { overdueReminded, autoClosed, messages }
}

/** Who is looking: their user id and roles, read once for a page of opinions. */
export async function opinionViewer(ctx: { db: Db; secrets: () => Secrets; openid(): string }): Promise<{ userId: string; openid: string; roles: RoleDoc[] }> {
  const openid = ctx.openid()
  return { userId: userIdFor(ctx.secrets(), openid), openid, roles: await rolesOf(ctx.db, openid) }
}

/**
 * The opinion as the caller stands to it, or OPINION.NOT_FOUND for anyone who is neither its author,
 * its assignee nor its handling cadre — the same answer as for an id that does not exist.
 */
export async function requireVisibleOpinion(
  ctx: { db: Db; secrets: () => Secrets; openid(): string },
  id: string,
): Promise<{ opinion: OpinionDoc; viewer: { userId: string; openid: string; roles: RoleDoc[] }; standing: OpinionStanding }> {
  const [opinion, viewer] = await Promise.all([requireOpinion(ctx.db, id), opinionViewer(ctx)])
  const standing = standingFor(opinion, viewer)
  assertCanSeeOpinion(standing)
  return { opinion, viewer, standing }
}

/** The audit entry's place: the opinion's org. Its detail never names the author. */
export function opinionAuditPlace(o: Pick<OpinionDoc, '_id' | 'orgId' | 'underOrgs'>) {
  return { target: { type: 'opinion', id: o._id }, orgId: o.orgId, orgPath: o.underOrgs.slice(0, -1) }
}

/**
 * The representative's post in force today that lets them answer this opinion — at its station, or
 * (online) at any station of its org subtree — or null. Assigning needs one, and so does replying:
 * a representative whose post ended since is out of scope, whatever the opinion still names.
 */
export async function answeringPost(db: Db, o: Pick<OpinionDoc, 'venueId' | 'orgId'>, userId: string, today: string): Promise<PostDoc | null> {
  const posts = (await activePostsOf(db, userId, today)).filter((p) => p.post === 'representative')
  return posts.find((p) => (o.venueId ? p.venueId === o.venueId : p.underOrgs.includes(o.orgId))) ?? null
}
