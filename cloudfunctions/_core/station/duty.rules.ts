import { DUTY_MINIMUM } from '../../../types/contract/station'
import { DUTY_TYPES, type DutyType } from '../../../types/enums'
import { SHANGHAI_OFFSET_MS, shanghaiYearSpan } from '../../../types/day'
import type { ActivityDoc, ParticipationDoc } from '../activity/activity.rules'
import type { VisitDoc } from './visit.rules'

/**
 * 履职: a representative's or committee member's year, filled from what they did — the station
 * activities they checked in to or hosted — against the yearly minimum (DUTY_MINIMUM). Pure: the
 * documents are read by duty.repo.ts.
 */

export type DutyCounts = Record<DutyType, number>

export interface DutyItemT {
  activityId: string
  title: string
  dutyType: DutyType
  venueId: string
  at: number
  how: 'host' | 'attended'
}

type Counted = Pick<ActivityDoc, '_id' | 'kind' | 'dutyType' | 'status' | 'startAt' | 'endAt' | 'title' | 'venueId' | 'hosts'>

/** A station activity that counts in `year`: published, with a duty type and a station, starting in the year. */
export function countsInYear(a: Counted, year: number): boolean {
  const [from, to] = shanghaiYearSpan(year)
  return a.kind === 'station' && !!a.dutyType && !!a.venueId && a.status === 'published' && a.startAt >= from && a.startAt < to
}

/**
 * One item per activity: `host` when the person is among its hosts and it has ended (it was held),
 * else `attended` when they checked in (a cancelled sign-up does not count, whatever it recorded).
 * Newest first.
 */
export function dutyItems(
  userId: string,
  activities: Iterable<Counted>,
  participations: Iterable<Pick<ParticipationDoc, 'activityId' | 'status' | 'checkIn'>>,
  year: number,
  now: number,
): DutyItemT[] {
  const attended = new Set<string>()
  for (const p of participations) if (p.checkIn && p.status !== 'cancelled') attended.add(p.activityId)
  const items: DutyItemT[] = []
  const seen = new Set<string>()
  for (const a of activities) {
    if (seen.has(a._id) || !countsInYear(a, year)) continue
    seen.add(a._id)
    const hosted = (a.hosts ?? []).includes(userId) && a.endAt <= now
    const how = hosted ? 'host' : attended.has(a._id) ? 'attended' : null
    if (how) items.push({ activityId: a._id, title: a.title, dutyType: a.dutyType!, venueId: a.venueId!, at: a.startAt, how })
  }
  return items.sort((x, y) => y.at - x.at || (x.activityId < y.activityId ? -1 : 1))
}

export function dutyCounts(items: readonly Pick<DutyItemT, 'dutyType'>[]): DutyCounts {
  const counts = Object.fromEntries(DUTY_TYPES.map((t) => [t, 0])) as DutyCounts
  for (const i of items) counts[i.dutyType] += 1
  return counts
}

/** The duty types still short of the minimum, in the order of DUTY_TYPES. */
export function missingDuties(counts: DutyCounts): DutyType[] {
  return DUTY_TYPES.filter((t) => counts[t] < DUTY_MINIMUM[t])
}

/** Visits begun in the year, and the minutes of those that ended. */
export function visitTotals(visits: Iterable<Pick<VisitDoc, 'startedAt' | 'endedAt' | 'minutes'>>, year: number): { visits: number; visitMinutes: number } {
  const [from, to] = shanghaiYearSpan(year)
  let n = 0
  let minutes = 0
  for (const v of visits) {
    if (v.startedAt < from || v.startedAt >= to) continue
    n += 1
    if (v.endedAt !== null && v.minutes) minutes += v.minutes
  }
  return { visits: n, visitMinutes: minutes }
}

/** 履职提醒 goes out from 1 December (Shanghai) until the year ends. */
export function remindingSeason(now: number): boolean {
  return new Date(now + SHANGHAI_OFFSET_MS).getUTCMonth() === 11
}

/** What the duties know of one person's year. */
export interface PersonYear {
  items: DutyItemT[]
  counts: DutyCounts
  missing: DutyType[]
  visits: number
  visitMinutes: number
}

export function personYear(items: DutyItemT[], visits: { visits: number; visitMinutes: number }): PersonYear {
  const counts = dutyCounts(items)
  return { items, counts, missing: missingDuties(counts), ...visits }
}

/** One post's year as the contract's DutyYear (the counts are the person's, the same on each of their posts). */
export function toDutyYear(
  p: { userId: string; name: string; post: 'representative' | 'committee'; venueId: string },
  venueName: string,
  year: number,
  y: PersonYear,
) {
  return {
    userId: p.userId,
    name: p.name,
    post: p.post,
    venueId: p.venueId,
    venueName,
    year,
    counts: { ...y.counts },
    minimum: { ...DUTY_MINIMUM },
    missing: [...y.missing],
    visits: y.visits,
    visitMinutes: y.visitMinutes,
  }
}
