import type { StationLevel, StationViewT } from '../../../types/contract/station'
import { shanghaiDayStart } from '../../../types/day'
import { countyOf } from '../org/org.rules'
import { AppError } from '../runtime/app-error'
import { covers, type TreeNode } from '../tree/tree.rules'
import { GONE_VENUE, venueOrg, type VenueDoc } from '../venue/venue.rules'

/**
 * 联络站 and 青年之家 as venues: where a station may sit in the station tree (总站 → 分站 → 站), what a
 * youth home may share a room with, how they are shown, and the months their figures fall in. Pure
 * rules, no I/O.
 */

/** A station as its tree sees it: a venue with its place filled in (stations always have one). */
export type StationDoc = VenueDoc & TreeNode

/** The levels a station of each level may sit under (a main station sits under none). */
export const PARENT_LEVELS: Record<StationLevel, readonly StationLevel[]> = {
  main: [],
  area: ['main'],
  station: ['main', 'area'],
}

/** The county a venue belongs to: the root of its org's chain. */
export function countyOfVenue(v: Pick<VenueDoc, 'orgId' | 'underOrgs'>): string {
  return countyOf(venueOrg(v))
}

type Placed = Pick<VenueDoc, '_id' | 'kind' | 'level' | 'orgId' | 'underOrgs'> & Partial<Pick<TreeNode, 'path'>>

/**
 * May a station of `level`, in the county `county`, sit under `parent` (null: at the top)? Only a main
 * station stands alone; an area station sits under a main one, a themed station under either; the
 * parent is a station of the same county. When the station already exists (`self`), the parent may
 * not be the station itself or anything below it (STATION.CYCLE), checked first: a move under one's
 * own branch is a cycle whatever the levels say.
 */
export function assertPlacement(level: StationLevel, parent: Placed | null, county: string, self?: Pick<TreeNode, '_id'>): void {
  if (self && parent && covers(self._id, { _id: parent._id, path: parent.path ?? [] })) throw new AppError('STATION.CYCLE')
  if (!parent) {
    if (level !== 'main') throw new AppError('STATION.BAD_PARENT')
    return
  }
  if (parent.kind !== 'station' || !parent.level || !PARENT_LEVELS[level].includes(parent.level)) throw new AppError('STATION.BAD_PARENT')
  if (countyOfVenue(parent) !== county) throw new AppError('STATION.BAD_PARENT')
}

/**
 * A station's new level must still hold the stations directly below it: an area station cannot
 * become a themed one while stations sit under it, nor a main station an area one while area
 * stations do.
 */
export function assertChildrenFit(level: StationLevel, childLevels: readonly (StationLevel | undefined)[]): void {
  if (childLevels.some((c) => !c || !PARENT_LEVELS[c].includes(level))) throw new AppError('STATION.BAD_PARENT')
}

/** A youth home shares its room with a station (not a youth home or a pickup point) of its own county. */
export function assertHomeStation(station: Pick<VenueDoc, 'kind' | 'orgId' | 'underOrgs'>, county: string): void {
  if (station.kind !== 'station') throw new AppError('STATION.NOT_STATION')
  if (countyOfVenue(station) !== county) throw new AppError('VENUE.NOT_IN_ORG')
}

const byName = (a: Pick<VenueDoc, '_id' | 'name'>, b: Pick<VenueDoc, '_id' | 'name'>) =>
  a.name.localeCompare(b.name, 'zh-CN') || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)

/** Venues by name (pinyin order), then id. */
export function sortByName<T extends Pick<VenueDoc, '_id' | 'name'>>(venues: T[]): T[] {
  return [...venues].sort(byName)
}

/**
 * Stations in tree order: each station followed by the stations below it, siblings by name. A
 * station whose parent is not among them (an org's listing may hold area stations under another
 * org's main one) starts a branch of its own, in name order with the others at the top.
 */
export function treeOrder<T extends Pick<VenueDoc, '_id' | 'name' | 'parentId'>>(stations: T[]): T[] {
  const ids = new Set(stations.map((s) => s._id))
  const children = new Map<string | null, T[]>()
  for (const s of stations) {
    const key = s.parentId && ids.has(s.parentId) ? s.parentId : null
    children.set(key, [...(children.get(key) ?? []), s])
  }
  const out: T[] = []
  const walk = (key: string | null) => {
    for (const s of sortByName(children.get(key) ?? [])) {
      out.push(s)
      walk(s._id)
    }
  }
  walk(null)
  return out
}

/**
 * A station or youth home as people see it: never its door secret, its request fingerprint or who
 * made it. `stationName` is the name of the station a youth home shares its room with.
 */
export function toStationView(v: VenueDoc, orgName: string, stationName: string | null): StationViewT {
  const home = v.kind === 'youth_home'
  return {
    id: v._id,
    kind: home ? 'youth_home' : 'station',
    name: v.name,
    address: v.address,
    lat: v.lat,
    lng: v.lng,
    hours: v.hours,
    description: v.description ?? '',
    orgId: v.orgId,
    orgName,
    status: v.status,
    level: home ? null : (v.level ?? null),
    theme: home ? '' : (v.theme ?? ''),
    parentId: home ? null : (v.parentId ?? null),
    depth: home ? 0 : (v.depth ?? 0),
    tier: home ? (v.tier ?? null) : null,
    funding: home ? (v.funding ?? []).map((f) => ({ year: f.year, yuan: f.yuan, note: f.note })) : [],
    stationId: home ? (v.stationId ?? null) : null,
    stationName: home && v.stationId ? (stationName ?? GONE_VENUE) : null,
  }
}

/** The twelve months of a year in Shanghai, each as 'YYYY-MM' with its span [from, to). */
export function monthsOf(year: number): { month: string; from: number; to: number }[] {
  const start = (y: number, m: number) => shanghaiDayStart(`${y}-${String(m).padStart(2, '0')}-01`)
  return Array.from({ length: 12 }, (_x, i) => ({
    month: `${year}-${String(i + 1).padStart(2, '0')}`,
    from: start(year, i + 1),
    to: i === 11 ? start(year + 1, 1) : start(year, i + 2),
  }))
}

/** The month of `year` an instant falls in (0–11), or -1 outside the year. */
export function monthIndex(months: readonly { from: number; to: number }[], at: number): number {
  return months.findIndex((m) => m.from <= at && at < m.to)
}

/** What the figures count, from records already read: held activities, check-ins and visits. */
export interface FigureRecords {
  activities: { _id: string; startAt: number }[]
  checkIns: { activityId: string; userId: string }[]
  visits: { startedAt: number }[]
}

export interface FiguresRow {
  month: string
  activities: number
  attendances: number
  youth: number
  visits: number
}

/**
 * A venue's figures per month of `year` and for the year: activities held, check-ins (人次) and
 * distinct youth, counted in the month the activity started; visits in the month they began. The
 * year's youth are distinct over the whole year, not the sum of the months.
 */
export function stationFiguresOf(year: number, r: FigureRecords): { months: FiguresRow[]; year: FiguresRow } {
  const months = monthsOf(year)
  const rows = months.map((m) => ({ month: m.month, activities: 0, attendances: 0, youth: new Set<string>(), visits: 0 }))
  const monthOfActivity = new Map<string, number>()
  for (const a of r.activities) {
    const i = monthIndex(months, a.startAt)
    if (i < 0) continue
    monthOfActivity.set(a._id, i)
    rows[i].activities++
  }
  const yearYouth = new Set<string>()
  for (const c of r.checkIns) {
    const i = monthOfActivity.get(c.activityId)
    if (i === undefined) continue
    rows[i].attendances++
    rows[i].youth.add(c.userId)
    yearYouth.add(c.userId)
  }
  for (const v of r.visits) {
    const i = monthIndex(months, v.startedAt)
    if (i >= 0) rows[i].visits++
  }
  const out = rows.map((row) => ({ month: row.month, activities: row.activities, attendances: row.attendances, youth: row.youth.size, visits: row.visits }))
  const sum = (k: 'activities' | 'attendances' | 'visits') => out.reduce((n, row) => n + row[k], 0)
  return { months: out, year: { month: String(year), activities: sum('activities'), attendances: sum('attendances'), youth: yearYouth.size, visits: sum('visits') } }
}
