import { DUTY_TYPE_LABEL } from '../../../types/enums'
import { shanghaiDate, shanghaiYear, shanghaiYearSpan } from '../../../types/day'
import type { ActivityDoc, ParticipationDoc } from '../activity/activity.rules'
import { enqueueNow, outboxId } from '../outbox/outbox.repo'
import { shanghaiTime, thing, type OutboxMessage } from '../outbox/outbox.rules'
import { COLLECTIONS } from '../runtime/collections'
import { findByIds, readAll, type Db } from '../runtime/db'
import { dutyItems, personYear, remindingSeason, visitTotals, type PersonYear } from './duty.rules'
import { visitsOfIn } from './visit.repo'
import { postActive, type PostDoc } from './post.rules'
import type { VisitDoc } from './visit.rules'

/** Who the duties are read for: a person's id (hosts, visits) and openid (participations). */
export interface DutyPerson {
  userId: string
  openid: string
}

/** `_.in` takes a bounded list: people are read a hundred at a time. */
const CHUNK = 100
const HOUR = 3600_000
/**
 * A check-in lands from 180 minutes before the start (the longest opening) to the end (at most 24 h
 * after the start), so the year's station activities are checked in to within these margins of it.
 */
const CHECK_IN_BEFORE = 3 * HOUR
const CHECK_IN_AFTER = 24 * HOUR

/** The activity fields the duties need: never the places maps or the secret. */
const ACTIVITY_FIELDS = { _id: true, kind: true, dutyType: true, status: true, startAt: true, endAt: true, title: true, venueId: true, hosts: true }

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK))
  return out
}

/**
 * Each person's year (items, counts, what is missing, visits), in a few indexed reads per hundred
 * people: their check-ins (openid_1_checkIn.at_-1), the activities they host (hosts_1_startAt_1), the
 * activities checked in to, their visits (userId_1_startedAt_-1). Nothing is capped silently.
 */
export async function dutyYears(db: Db, people: DutyPerson[], year: number, now: number): Promise<Map<string, PersonYear>> {
  const _ = db.command
  const [from, to] = shanghaiYearSpan(year)
  const unique = [...new Map(people.map((p) => [p.userId, p])).values()]
  const parts: Pick<ParticipationDoc, 'activityId' | 'status' | 'checkIn' | 'openid' | '_id'>[] = []
  const hosted: ActivityDoc[] = []
  const visits: VisitDoc[] = []
  for (const group of chunks(unique)) {
    const openids = group.map((p) => p.openid)
    const userIds = group.map((p) => p.userId)
    const [ps, hs, vs] = await Promise.all([
      readAll<ParticipationDoc>(
        db,
        COLLECTIONS.participations,
        _.and([{ openid: _.in(openids), 'checkIn.at': _.gte(from - CHECK_IN_BEFORE) }, { 'checkIn.at': _.lt(to + CHECK_IN_AFTER) }]) as Record<string, unknown>,
        undefined,
        { _id: true, activityId: true, status: true, checkIn: true, openid: true },
      ),
      readAll<ActivityDoc>(db, COLLECTIONS.activities, _.and([{ hosts: _.in(userIds), startAt: _.gte(from) }, { startAt: _.lt(to) }]) as Record<string, unknown>, undefined, ACTIVITY_FIELDS),
      visitsOfIn(db, userIds, from, to),
    ])
    parts.push(...ps)
    hosted.push(...hs)
    visits.push(...vs)
  }
  const attendedActivities = await findByIds<ActivityDoc>(db, COLLECTIONS.activities, [...new Set(parts.map((p) => p.activityId))], ACTIVITY_FIELDS)
  const activities = [...hosted, ...attendedActivities.values()]

  const out = new Map<string, PersonYear>()
  for (const p of unique) {
    const mine = parts.filter((x) => x.openid === p.openid)
    const touched = new Set(mine.map((x) => x.activityId))
    const relevant = activities.filter((a) => touched.has(a._id) || (a.hosts ?? []).includes(p.userId))
    const items = dutyItems(p.userId, relevant, mine, year, now)
    out.set(p.userId, personYear(items, visitTotals(visits.filter((v) => v.userId === p.userId), year)))
  }
  return out
}

/** The page a duty reminder opens: 我的履职 in the station package (ROUTES.stationDuties). */
export const DUTIES_PAGE = 'packages/station/pages/duties/index'

/** The reminder to one person behind on their year: once per person and year (the id follows from both). */
export function dutyReminder(p: Pick<PostDoc, 'userId' | 'openid' | 'name' | 'orgId'>, year: number, y: Pick<PersonYear, 'missing'>): OutboxMessage {
  const [, end] = shanghaiYearSpan(year)
  return {
    template: 'duty_behind',
    subject: `${year}_${p.userId}`,
    orgId: p.orgId,
    to: { openid: p.openid, name: p.name },
    page: DUTIES_PAGE,
    data: { thing1: thing(`${y.missing.map((t) => DUTY_TYPE_LABEL[t]).join('、')}未完成`), time2: shanghaiTime(end - 60_000), thing3: thing('请在年底前完成年度履职') },
  }
}

/**
 * From 1 December, a reminder to each person holding a post today who is short of a duty type —
 * once per person and year: someone already told is not counted (nor told) again. Answers how many
 * were newly told.
 */
export async function remindBehind(db: Db, now: number): Promise<number> {
  if (!remindingSeason(now)) return 0
  const today = shanghaiDate(now)
  const year = shanghaiYear(now)
  const _ = db.command
  const posts = (await readAll<PostDoc>(db, COLLECTIONS.stationPosts, { endedAt: null, termEnd: _.gte(today) })).filter((p) => postActive(p, today))
  // One reminder per person, however many posts they hold (the first by id names the org).
  const holders: PostDoc[] = []
  const seen = new Set<string>()
  for (const p of [...posts].sort((a, b) => (a._id < b._id ? -1 : 1))) if (!seen.has(p.userId) && seen.add(p.userId)) holders.push(p)
  if (holders.length === 0) return 0
  const years = await dutyYears(db, holders, year, now)
  const behind = holders.filter((p) => (years.get(p.userId)?.missing.length ?? 0) > 0)
  const messages = behind.map((p) => dutyReminder(p, year, years.get(p.userId)!))
  const told = await findByIds<{ _id: string }>(db, COLLECTIONS.outbox, messages.map((m) => outboxId(m, (m.to as { openid: string }).openid)), { _id: true })
  let sent = 0
  for (const m of messages) {
    if (told.has(outboxId(m, (m.to as { openid: string }).openid))) continue
    await enqueueNow(db, m, now)
    sent += 1
  }
  return sent
}
