import type { Post } from '../../../types/contract/station'
import { AppError } from '../runtime/app-error'
import { shanghaiYearStart } from '../../../types/day'

/**
 * 派驻: a representative (团代表) or committee member (委员) posted at a station for a term, in a
 * 专项小组. One document per (station, person, term start); ended early by a cadre (`endedAt`).
 * Authority for what representatives and committee members do at a station comes from their posts.
 */
export interface PostDoc {
  _id: string
  userId: string
  openid: string
  /** The person's real name, copied when posted (shown to cadres and on the station page). */
  name: string
  post: Post
  venueId: string
  /** The station's org and the orgs above it (a cadre over any of them manages the post). */
  orgId: string
  underOrgs: string[]
  team: string
  /** Calendar dates in Shanghai, YYYY-MM-DD, both inclusive. */
  termStart: string
  termEnd: string
  endedAt: number | null
  createdBy: string
  createdAt: number
  updatedAt: number
}

/** One post per person per station per term start: a repeated assignment lands on the same document. */
export function postIdFor(venueId: string, userId: string, termStart: string): string {
  return `${venueId}_${userId}_${termStart.replace(/-/g, '')}`
}

/** Is the post in force on `today` (a Shanghai calendar date)? */
export function postActive(p: Pick<PostDoc, 'endedAt' | 'termStart' | 'termEnd'>, today: string): boolean {
  return p.endedAt === null && p.termStart <= today && today <= p.termEnd
}

/**
 * Was the post in force at some time in `year` (for the year's duties)? Its term must overlap the
 * year, and a post a cadre ended before the year began is not in force in it, whatever its term said.
 */
export function postInYear(p: Pick<PostDoc, 'endedAt' | 'termStart' | 'termEnd'>, year: number): boolean {
  return p.termStart <= `${year}-12-31` && p.termEnd >= `${year}-01-01` && (p.endedAt === null || p.endedAt >= shanghaiYearStart(year))
}

export function assertActivePost(p: PostDoc | null | undefined, today: string): PostDoc {
  if (!p) throw new AppError('POST.NOT_FOUND')
  if (!postActive(p, today)) throw new AppError('POST.ENDED')
  return p
}

/** A post that is not ended and whose term has not run out: current, or about to begin. */
export function postOpen(p: Pick<PostDoc, 'endedAt' | 'termEnd'>, today: string): boolean {
  return p.endedAt === null && today <= p.termEnd
}

/**
 * One post per person per station at a time: a second while one is open (current or about to begin)
 * is refused, so terms at one station never overlap. `id` is the new post's id: an ended post under
 * it (same start date) stays on record, so the new term needs another start date.
 */
export function assertCanPost(existing: Pick<PostDoc, '_id' | 'endedAt' | 'termEnd'>[], id: string, today: string): void {
  if (existing.some((p) => postOpen(p, today))) throw new AppError('POST.ALREADY')
  if (existing.some((p) => p._id === id)) throw new AppError('POST.ALREADY', '这位同志在这个联络站同一天开始的任期已有记录，请换一个任期开始日期。')
}

/** A post's new term must not be over already: a record of the past is not a posting. */
export function assertTermAhead(termEnd: string, today: string): void {
  if (termEnd < today) throw new AppError('GENERIC.BAD_INPUT', '任期结束日期已过，请核对后再派驻。')
}

/**
 * The role a post grants, as (role, org, venue): a representative acts at their station (a role held
 * at the venue, under the station's org); a committee member at the station's org, an org role.
 * Posts that name the same (person, role, org, venue) grant one role document between them.
 */
export function postRole(p: Pick<PostDoc, 'post' | 'venueId' | 'orgId'>): { role: Post; orgId: string; venueId: string | null } {
  return p.post === 'representative' ? { role: 'representative', orgId: p.orgId, venueId: p.venueId } : { role: 'committee', orgId: p.orgId, venueId: null }
}

/** Does another of a person's posts still need the role the ending post granted? */
export function roleStillNeeded(ending: Pick<PostDoc, '_id' | 'post' | 'venueId' | 'orgId'>, others: Pick<PostDoc, '_id' | 'post' | 'venueId' | 'orgId' | 'endedAt' | 'termEnd'>[], today: string): boolean {
  const key = JSON.stringify(postRole(ending))
  return others.some((o) => o._id !== ending._id && postOpen(o, today) && JSON.stringify(postRole(o)) === key)
}

/** A post as a cadre or its holder sees it; the mobile is always masked (the view never needs it whole). */
export function toPersonView(p: PostDoc, names: { name: string | null; venueName: string; mobile: string | null }, today: string) {
  return {
    id: p._id,
    userId: p.userId,
    name: names.name ?? p.name,
    mobile: names.mobile,
    post: p.post,
    venueId: p.venueId,
    venueName: names.venueName,
    team: p.team,
    termStart: p.termStart,
    termEnd: p.termEnd,
    active: postActive(p, today),
  }
}

/** Newest term first, then station: how a person's own posts are listed. */
export function byTermDesc<T extends Pick<PostDoc, '_id' | 'termStart'>>(posts: T[]): T[] {
  return [...posts].sort((a, b) => (a.termStart !== b.termStart ? (a.termStart < b.termStart ? 1 : -1) : a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
}
