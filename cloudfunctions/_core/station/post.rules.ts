import type { Post } from '../../../types/contract/station'
import { AppError } from '../runtime/app-error'

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

/** Was the post in force at some time in `year` (for the year's duties)? */
export function postInYear(p: Pick<PostDoc, 'endedAt' | 'termStart' | 'termEnd' | 'createdAt'>, year: number): boolean {
  return p.termStart <= `${year}-12-31` && p.termEnd >= `${year}-01-01`
}

export function assertActivePost(p: PostDoc | null | undefined, today: string): PostDoc {
  if (!p) throw new AppError('POST.NOT_FOUND')
  if (!postActive(p, today)) throw new AppError('POST.ENDED')
  return p
}
