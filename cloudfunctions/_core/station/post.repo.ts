import { COLLECTIONS } from '../runtime/collections'
import { findById, readAll, type Db } from '../runtime/db'
import { postActive, type PostDoc } from './post.rules'

const POSTS = COLLECTIONS.stationPosts

export function getPost(db: Db, id: string): Promise<PostDoc | null> {
  return findById<PostDoc>(db, POSTS, id)
}

/** Every post a person has held (a person holds a handful). */
export function postsOf(db: Db, userId: string): Promise<PostDoc[]> {
  return readAll<PostDoc>(db, POSTS, { userId })
}

/** The posts in force today for a person, optionally at one venue. */
export async function activePostsOf(db: Db, userId: string, today: string, venueId?: string): Promise<PostDoc[]> {
  return (await postsOf(db, userId)).filter((p) => postActive(p, today) && (venueId === undefined || p.venueId === venueId))
}

/** Every post at a venue, in force or not (a station has dozens). */
export function postsAt(db: Db, venueId: string): Promise<PostDoc[]> {
  return readAll<PostDoc>(db, POSTS, { venueId })
}

/** Every post at the venues of an org's subtree, over the underOrgs index. */
export function postsUnder(db: Db, orgId: string): Promise<PostDoc[]> {
  return readAll<PostDoc>(db, POSTS, { underOrgs: orgId })
}
