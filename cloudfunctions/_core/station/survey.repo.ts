import type { ProfileField } from '../../../types/contract/station'
import { SHARDS, shardOf } from '../community/coverage'
import { groupChainsOf } from '../community/membership.repo'
import { covers } from '../org/org.rules'
import { chainOf } from '../tree'
import { requireStation } from './station.repo'
import { COLLECTIONS } from '../runtime/collections'
import { getOrg, getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import type { ProfileDoc } from '../profile/profile.rules'
import { AppError } from '../runtime/app-error'
import { findById, findByIds, isDuplicate, txGet, type Db, type Tx } from '../runtime/db'
import { requestDocId } from '../runtime/idempotency'
import type { Log } from '../runtime/log'
import { collectionSource, keysetPage, pageById, type PageRequest, type PageResult } from '../runtime/paging'
import { getVenues } from '../venue/venue.repo'
import { GONE_VENUE } from '../venue/venue.rules'
import {
  mergeProfile,
  tallyIncrements,
  sumTallies,
  toSurveyView,
  TALLY_GRACE_MS,
  type AnswerDoc,
  type ProfileAdds,
  type SurveyDoc,
  type Tally,
  youthKeys,
} from './survey.rules'

const SURVEYS = COLLECTIONS.surveys
const ANSWERS = COLLECTIONS.surveyAnswers
const TALLIES = COLLECTIONS.surveyTallies
const PROFILES = COLLECTIONS.profiles

/** How a survey names a group that no longer exists. */
export const GONE_GROUP = '（社群已解散）'

/** A new survey's id, from its maker and the request key: a retry after a lost reply lands on the same survey. */
export function surveyIdFor(openid: string, requestId: string): string {
  return requestDocId('q', openid, requestId, 16)
}

/** One answer per (survey, youth): the second insert of the same id is refused by the database itself. */
export const answerIdFor = (surveyId: string, userId: string) => `${surveyId}_${userId}`

export function getSurvey(db: Db, id: string): Promise<SurveyDoc | null> {
  return findById<SurveyDoc>(db, SURVEYS, id)
}

export async function requireSurvey(db: Db, id: string): Promise<SurveyDoc> {
  const s = await getSurvey(db, id)
  if (!s) throw new AppError('SURVEY.NOT_FOUND')
  return s
}

export function txSurvey(tx: Tx, id: string): Promise<SurveyDoc | null> {
  return txGet<SurveyDoc>(tx, SURVEYS, id)
}

/** Writes the whole survey under its id (a create or an edit), inside the caller's transaction. */
export async function putSurvey(into: Tx, s: SurveyDoc): Promise<void> {
  const { _id, ...rest } = s
  await into.collection(SURVEYS).doc(_id).set({ data: rest })
}

/**
 * Locks the questions at the revision an answer was validated against. False: the survey was
 * edited meanwhile (the caller reads it again and validates afresh). A survey already locked
 * needs nothing: its questions can no longer change.
 */
export async function lockSurvey(db: Db, s: SurveyDoc, now: number): Promise<boolean> {
  if (s.locked) return true
  const res = await db
    .collection(SURVEYS)
    .where({ _id: s._id, rev: s.rev, locked: false })
    .update({ data: { locked: true, lockedAt: now } })
  return res.stats.updated === 1
}

/** The survey closed now, written inside the caller's transaction. */
export async function closeSurveyDoc(into: Tx, s: SurveyDoc, now: number): Promise<SurveyDoc> {
  const next: SurveyDoc = { ...s, status: 'closed', closedAt: now, updatedAt: now, rev: s.rev + 1 }
  await putSurvey(into, next)
  return next
}

/** Stores the answer, once: a second answer of the same youth is SURVEY.ANSWERED. */
export async function insertAnswer(db: Db, a: AnswerDoc): Promise<void> {
  try {
    await db.collection(ANSWERS).add({ data: { ...a } })
  } catch (e) {
    if (isDuplicate(e)) throw new AppError('SURVEY.ANSWERED')
    throw e
  }
}

/** Which of these surveys the youth has answered. */
export async function answeredBy(db: Db, surveyIds: string[], userId: string): Promise<Set<string>> {
  if (!surveyIds.length) return new Set()
  const found = await findByIds<{ _id: string; surveyId: string }>(db, ANSWERS, surveyIds.map((s) => answerIdFor(s, userId)), { surveyId: true })
  return new Set([...found.values()].map((a) => a.surveyId))
}

// ---------------------------------------------------------------------------------------------
// Tallies: SHARDS documents per survey, each answer counted in its youth's shard

const tallyId = (surveyId: string, shard: number) => `${surveyId}~${shard}`

/**
 * Counts the answer in its shard exactly once: one conditional update that adds every increment
 * and marks `done.<userId>` together, guarded by that mark's absence — a second run (a retry, the
 * repair beside a slow live call) finds the mark and changes nothing. Answers from different youth
 * land in 16 documents by plain atomic increments, so a storm has no hot document and no conflict.
 */
export async function tallyAnswer(db: Db, s: Pick<SurveyDoc, '_id' | 'questions'>, a: AnswerDoc, now: number): Promise<void> {
  const _ = db.command
  const shard = shardOf(a.userId)
  const id = tallyId(s._id, shard)
  const data: Record<string, unknown> = { [`done.${a.userId}`]: now }
  for (const [path, n] of Object.entries(tallyIncrements(s.questions, a.answers))) data[path] = _.inc(n)
  for (let round = 0; round < 3; round++) {
    const res = await db
      .collection(TALLIES)
      .where({ _id: id, [`done.${a.userId}`]: _.exists(false) })
      .update({ data })
    if (res.stats.updated === 1) return
    const seen = await db.collection(TALLIES).where({ _id: id }).field({ [`done.${a.userId}`]: true }).limit(1).get()
    const doc = seen.data[0] as { done?: Record<string, number> } | undefined
    if (doc?.done?.[a.userId] !== undefined) return // counted already
    if (doc) continue
    try {
      await db.collection(TALLIES).add({ data: { _id: id, surveyId: s._id, shard, answers: 0, answered: {}, counts: {}, done: {} } })
    } catch (e) {
      if (!isDuplicate(e)) throw e // made by another answer at the same moment
    }
  }
  throw new Error(`survey tally ${id}: the shard did not take the answer of ${a.userId}`)
}

/** Each survey's tallies summed over its shards: one query of small documents, without the marks. */
export async function talliesOf(db: Db, surveyIds: string[]): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>()
  const unique = [...new Set(surveyIds)]
  const perQuery = Math.floor(1000 / SHARDS)
  for (let i = 0; i < unique.length; i += perQuery) {
    const part = unique.slice(i, i + perQuery)
    const res = await db
      .collection(TALLIES)
      .where({ surveyId: db.command.in(part) })
      .field({ surveyId: true, answers: true, answered: true, counts: true })
      .limit(part.length * SHARDS)
      .get()
    const bySurvey = new Map<string, Array<Partial<Tally>>>()
    for (const d of res.data as Array<Partial<Tally> & { surveyId: string }>) bySurvey.set(d.surveyId, [...(bySurvey.get(d.surveyId) ?? []), d])
    for (const id of part) out.set(id, sumTallies(bySurvey.get(id) ?? []))
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The profile, with consent

/**
 * Adds a consenting youth's choices to their profile: a conditional update on the revision read
 * (`updatedAt`), read again when the youth's own edit landed meanwhile, so neither overwrites the
 * other. A field that would now pass its limit is left as it is. Answers the fields changed.
 */
export async function addToProfile(db: Db, userId: string, adds: ProfileAdds, now: number): Promise<ProfileField[]> {
  const _ = db.command
  for (let round = 0; round < 5; round++) {
    const p = await findById<ProfileDoc>(db, PROFILES, userId)
    if (!p) return []
    const { next, changed } = mergeProfile({ needs: p.needs, skills: p.skills, interests: p.interests }, adds)
    if (!changed.length) return []
    const data: Record<string, unknown> = { updatedAt: Math.max(now, p.updatedAt + 1) }
    for (const f of changed) data[f] = _.set(next[f])
    const res = await db.collection(PROFILES).where({ _id: userId, updatedAt: p.updatedAt }).update({ data })
    if (res.stats.updated === 1) return changed
  }
  throw new AppError('GENERIC.CONFLICT')
}

/**
 * Finishes an answer once it is stored: the profile (with consent), then the tallies, then
 * `talliedAt`. Each step is safe to run again, so a crash anywhere leaves work the next run
 * finishes, and the answer is counted once. Answers the profile fields this run changed.
 */
export async function settleAnswer(db: Db, s: Pick<SurveyDoc, '_id' | 'questions'>, a: AnswerDoc, now: number): Promise<ProfileField[]> {
  const changed = a.consent ? await addToProfile(db, a.userId, a.profileAdds, now) : []
  await tallyAnswer(db, s, a, now)
  await db
    .collection(ANSWERS)
    .where({ _id: a._id, talliedAt: null })
    .update({ data: { talliedAt: now } })
  return changed
}

/** How many crash-left answers one read finishes at most (the rest wait for the next read or the sweep). */
export const SETTLE_BATCH = 200

/**
 * Answers of a survey stored over a minute ago and never counted (their call died between the
 * answer and the tally): finished here, oldest first, so results and the recount agree.
 */
export async function settleUntallied(db: Db, s: Pick<SurveyDoc, '_id' | 'questions'>, now: number, log?: Log): Promise<number> {
  const res = await db
    .collection(ANSWERS)
    .where({ surveyId: s._id, at: db.command.lt(now - TALLY_GRACE_MS), talliedAt: null })
    .orderBy('at', 'asc')
    .limit(SETTLE_BATCH)
    .get()
  const due = res.data as AnswerDoc[]
  for (const a of due) await settleAnswer(db, s, a, now)
  if (due.length) log?.info('survey.settled', { surveyId: s._id, answers: due.length })
  return due.length
}

// ---------------------------------------------------------------------------------------------
// The audience

/** The keys a youth is reached by (survey.rules youthKeys): their org's chain and their groups' chains. */
export async function youthKeysOf(db: Db, profile: Pick<ProfileDoc, '_id' | 'orgId'>): Promise<string[]> {
  const [org, chains] = await Promise.all([getOrg(db, profile.orgId), groupChainsOf(db, profile._id)])
  return youthKeys(org ? chainOf(org) : [], chains)
}

/**
 * Refuses a youth the survey is not for: an org survey takes youth whose profile org is that org or
 * below it; a group survey, active members of the group or of a group below it; a station survey,
 * youth whose org is under the station's org (read now, wherever the station is).
 */
export async function assertInAudience(db: Db, s: Pick<SurveyDoc, 'audience'>, profile: Pick<ProfileDoc, '_id' | 'orgId'>): Promise<void> {
  const a = s.audience
  let inside: boolean
  if (a.type === 'group') {
    inside = (await groupChainsOf(db, profile._id)).some((chain) => chain.includes(a.groupId))
  } else {
    const [org, holder] = await Promise.all([getOrg(db, profile.orgId), a.type === 'org' ? Promise.resolve(a.orgId) : requireStation(db, a.venueId).then((v) => v.orgId)])
    inside = !!org && covers(holder, org)
  }
  if (!inside) throw new AppError('SURVEY.NOT_IN_AUDIENCE')
}

// ---------------------------------------------------------------------------------------------
// Listings

/** A cadre's listing: the surveys of an org and every org below it (the underOrgs index), by id. */
export function pageSurveysUnder(db: Db, orgId: string, page: PageRequest): Promise<PageResult<SurveyDoc>> {
  return pageById<SurveyDoc>(db, SURVEYS, { underOrgs: orgId }, page)
}

/**
 * Published surveys open now that reach any of a youth's keys, closing soonest first, over the
 * (status, closesAt) index: only the surveys open at this moment are scanned, a small set.
 */
export function pageOpenFor(db: Db, keys: string[], now: number, page: PageRequest): Promise<PageResult<SurveyDoc>> {
  const _ = db.command
  return keysetPage(
    [
      collectionSource<SurveyDoc>(db, {
        tag: 'q',
        collection: SURVEYS,
        where: { status: 'published', closesAt: _.gt(now), opensAt: _.lte(now), reach: _.in(keys) },
        field: 'closesAt',
        dir: 'asc',
        at: (s) => s.closesAt,
      }),
    ],
    'asc',
    page,
  )
}

/** A text question's answers, newest first (the (surveyId, at) index). */
export function pageTexts(db: Db, surveyId: string, questionId: string, page: PageRequest): Promise<PageResult<AnswerDoc>> {
  return keysetPage(
    [
      collectionSource<AnswerDoc>(db, {
        tag: 'a',
        collection: ANSWERS,
        where: { surveyId, [`answers.${questionId}`]: db.command.exists(true) },
        field: 'at',
        dir: 'desc',
        at: (a) => a.at,
        fields: { at: true, [`answers.${questionId}`]: true },
      }),
    ],
    'desc',
    page,
  )
}

/** The name of whom a survey is for: the org, the group or the station. */
async function audienceNames(db: Db, surveys: SurveyDoc[]): Promise<Map<string, string>> {
  const groupIds = surveys.flatMap((s) => (s.audience.type === 'group' ? [s.audience.groupId] : []))
  const venueIds = surveys.flatMap((s) => (s.audience.type === 'station' ? [s.audience.venueId] : []))
  const [groups, venues] = await Promise.all([
    groupIds.length ? findByIds<{ _id: string; name: string }>(db, COLLECTIONS.groups, groupIds, { name: true }) : Promise.resolve(new Map<string, { _id: string; name: string }>()),
    venueIds.length ? getVenues(db, venueIds) : Promise.resolve(new Map<string, { name: string }>()),
  ])
  const names = new Map<string, string>()
  for (const [id, g] of groups) names.set(`g:${id}`, g.name)
  for (const [id, v] of venues) names.set(`v:${id}`, v.name)
  return names
}

/** Surveys as people see them: names, the answers counted so far and (for a youth) whether they answered. */
export async function toSurveyViews(db: Db, surveys: SurveyDoc[], userId: string | null) {
  const orgIds = surveys.flatMap((s) => [s.orgId, ...(s.audience.type === 'org' ? [s.audience.orgId] : [])])
  const [orgs, names, tallies, answered] = await Promise.all([
    getOrgs(db, [...new Set(orgIds)]),
    audienceNames(db, surveys),
    talliesOf(db, surveys.map((s) => s._id)),
    userId ? answeredBy(db, surveys.map((s) => s._id), userId) : Promise.resolve(new Set<string>()),
  ])
  return surveys.map((s) => {
    const a = s.audience
    const audienceName =
      a.type === 'org' ? (orgs.get(a.orgId)?.name ?? GONE_ORG) : a.type === 'group' ? (names.get(`g:${a.groupId}`) ?? GONE_GROUP) : (names.get(`v:${a.venueId}`) ?? GONE_VENUE)
    return toSurveyView(s, { orgName: orgs.get(s.orgId)?.name ?? GONE_ORG, audienceName }, tallies.get(s._id)?.answers ?? 0, answered.has(s._id))
  })
}
