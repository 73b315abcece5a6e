import { containing, readAll, READ_ALL_CAP, type Db } from '../runtime/db'
import { COLLECTIONS } from '../runtime/collections'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import { WITHOUT_PLACES } from './activity.repo'
import type { ActivityDoc } from './activity.rules'

/** 活动 lists: the filters a list page can ask for, as indexed queries (database/indexes.json). */

const ACTIVITIES = COLLECTIONS.activities

export interface ActivityFilter {
  statuses: ActivityDoc['status'][]
  /** Only activities that have not ended by this time. */
  endsAfter?: number
  /** Only activities of these orgs. */
  orgIds?: string[]
  /**
   * Only activities open to a youth: audience "everyone", an org audience naming one of `orgIds`
   * (their org and those above it), or a group audience naming one of `groupIds` (every group of
   * their groups' chains).
   */
  openTo?: { orgIds: string[]; groupIds: string[] }
  /** Only group audiences naming one of these groups (a group's page: the group and those above it). */
  audienceGroupIds?: string[]
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
  if (f.openTo) {
    const open: Record<string, unknown>[] = [{ 'audience.type': 'everyone' }]
    if (f.openTo.orgIds.length) open.push({ 'audience.type': 'org', 'audience.orgId': _.in(f.openTo.orgIds) })
    if (f.openTo.groupIds.length) open.push({ 'audience.type': 'group', 'audience.groupId': _.in(f.openTo.groupIds) })
    conds.push(open.length === 1 ? open[0] : (_.or(open) as Record<string, unknown>))
  }
  if (f.audienceGroupIds) conds.push({ 'audience.type': 'group', 'audience.groupId': _.in(f.audienceGroupIds) })
  if (f.titleContains) conds.push({ title: containing(db, f.titleContains, true) })
  return conds
}

function where(db: Db, conds: Record<string, unknown>[]): Record<string, unknown> {
  return conds.length === 1 ? conds[0] : (db.command.and(conds) as Record<string, unknown>)
}

/** A page in (startAt, _id) order, ascending or descending, by the shared keyset paging (runtime/paging.ts). */
export function pageByStart(db: Db, filter: ActivityFilter, dir: 'asc' | 'desc', page: PageRequest): Promise<PageResult<ActivityDoc>> {
  const source = collectionSource<ActivityDoc>(db, {
    tag: 'a',
    collection: ACTIVITIES,
    where: where(db, conditions(db, filter)),
    field: 'startAt',
    dir,
    at: (a) => a.startAt,
    fields: WITHOUT_PLACES,
  })
  return keysetPage([source], dir, page)
}

/**
 * Every activity matching `filter` (the nearby list sorts them by distance in memory, which no index
 * can do here). All of them, never the first `cap`: past it the read fails loudly (readAll).
 */
export function loadAll(db: Db, filter: ActivityFilter, cap = READ_ALL_CAP): Promise<ActivityDoc[]> {
  return readAll<ActivityDoc>(db, ACTIVITIES, where(db, conditions(db, filter)), cap, WITHOUT_PLACES)
}

