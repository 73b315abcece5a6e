import { shanghaiDate, shanghaiDayStart } from '../../../types/day'
import { COLLECTIONS } from '../runtime/collections'
import { readAll, READ_ALL_CAP, type Db } from '../runtime/db'
import { memberCounts, reachOfGroups } from './membership.repo'

/** "Active" means read an announcement or took part in one of the group's activities within this span. */
export const ACTIVE_SPAN_MS = 30 * 86_400_000

/** The first instant of the month `now` falls in, Beijing time. */
export function monthStart(now: number): number {
  return shanghaiDayStart(`${shanghaiDate(now).slice(0, 8)}01`)
}

/**
 * Distinct youth among the active memberships of `groupIds` that match `extra`: counted by the
 * database (an aggregation grouped by youth), so one youth in three groups of a tower is one, and
 * nothing is read into the function but the count.
 */
async function distinctMembers(db: Db, groupIds: string[], extra: Record<string, unknown>): Promise<number> {
  const _ = db.command
  const res = await db
    .collection(COLLECTIONS.memberships)
    .aggregate()
    .match({ groupId: groupIds.length === 1 ? groupIds[0] : _.in(groupIds), status: 'active', ...extra })
    .group({ _id: '$userId' })
    .count('n')
    .end()
  return (res.list[0] as { n: number } | undefined)?.n ?? 0
}

/** Activities for these groups that have taken place, and the hours approved in them. */
async function activityFigures(db: Db, groupIds: string[], now: number): Promise<{ activities: number; hours: number }> {
  const _ = db.command
  // Every one, never the first thousand: past the cap the read refuses loudly rather than undercount.
  const held = await readAll<{ _id: string }>(db, COLLECTIONS.activities, { 'audience.groupId': _.in(groupIds), status: 'published', endAt: _.lte(now) }, READ_ALL_CAP, { _id: true })
  const ids = held.map((a) => a._id)
  if (!ids.length) return { activities: 0, hours: 0 }
  const $ = db.command.aggregate
  const sums = await db
    .collection(COLLECTIONS.participations)
    .aggregate()
    .match({ activityId: _.in(ids), review: 'approved' })
    .group({ _id: null, minutes: $.sum('$approvedMinutes') })
    .end()
  const minutes = (sums.list[0] as { minutes: number } | undefined)?.minutes ?? 0
  return { activities: ids.length, hours: Math.round((minutes / 60) * 10) / 10 }
}

/**
 * One group's figures (`scope` = the group alone), or its whole subtree's (`scope` = the group and
 * every group below it), with distinct youth for the member figures.
 */
export async function figuresOf(db: Db, groupId: string, scope: string[], now: number) {
  const alone = scope.length === 1
  const [members, fresh, active, acts] = await Promise.all([
    alone ? memberCounts(db, [groupId]).then((m) => m.get(groupId) ?? 0) : reachOfGroups(db, [groupId]).then((m) => m.get(groupId) ?? 0),
    distinctMembers(db, scope, { joinedAt: db.command.gte(monthStart(now)) }),
    distinctMembers(db, scope, { lastActiveAt: db.command.gte(now - ACTIVE_SPAN_MS) }),
    activityFigures(db, scope, now),
  ])
  return { members, newThisMonth: fresh, active30d: active, activities: acts.activities, hours: acts.hours, groups: scope.length }
}
