import { roleIdFor } from '../access/access.repo'
import type { RoleDoc } from '../access/access.rules'
import { getProfiles } from '../profile/profile.repo'
import { COLLECTIONS } from '../runtime/collections'
import { findById, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { pageById, type PageRequest, type PageResult } from '../runtime/paging'
import { getVenues } from '../venue/venue.repo'
import { GONE_VENUE } from '../venue/venue.rules'
import { postActive, postRole, toPersonView, type PostDoc } from './post.rules'

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

export function txPost(tx: Tx, id: string): Promise<PostDoc | null> {
  return txGet<PostDoc>(tx, POSTS, id)
}

export async function putPost(into: Tx, p: PostDoc): Promise<void> {
  const { _id, ...rest } = p
  await into.collection(POSTS).doc(_id).set({ data: rest })
}

/** The posts a person has held at one station (a handful), over the userId index. */
export function postsOfAt(db: Db, userId: string, venueId: string): Promise<PostDoc[]> {
  return readAll<PostDoc>(db, POSTS, { userId, venueId })
}

/** One page of the posts at one station, or at every station of an org's subtree, in id order. */
export function pagePosts(db: Db, where: { venueId: string } | { underOrgs: string }, page: PageRequest): Promise<PageResult<PostDoc>> {
  return pageById<PostDoc>(db, POSTS, where, page)
}

/** The role document a post grants its holder (postRole), granted by `by` at `at`. */
export function roleOfPost(p: Pick<PostDoc, 'openid' | 'userId' | 'post' | 'venueId' | 'orgId'>, by: string | null, at: number): RoleDoc {
  const r = postRole(p)
  return { _id: roleIdFor(p.openid, r.role, r.orgId, r.venueId), openid: p.openid, userId: p.userId, role: r.role, orgId: r.orgId, venueId: r.venueId, via: 'grant', grantedBy: by, grantedAt: at }
}

/**
 * Posts as people see them: the holder's current real name and masked mobile (copied names stand in
 * for a profile since removed) and the station's name.
 */
export async function toPersonViews(db: Db, posts: PostDoc[], today: string) {
  const [profiles, venues] = await Promise.all([getProfiles(db, posts.map((p) => p.userId)), getVenues(db, posts.map((p) => p.venueId))])
  return posts.map((p) => {
    const holder = profiles.get(p.userId)
    return toPersonView(p, { name: holder?.realName ?? null, mobile: holder?.phoneMasked ?? null, venueName: venues.get(p.venueId)?.name ?? GONE_VENUE }, today)
  })
}
