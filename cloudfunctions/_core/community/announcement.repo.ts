import { createHash } from 'node:crypto'
import { enqueue, type Recipient } from '../outbox'
import { urlsFor, type Storage } from '../platform'
import { getProfiles } from '../profile/profile.repo'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, isDuplicate, readAll, txGet, type Db, type Tx } from '../runtime/db'
import { requestDocId } from '../runtime/idempotency'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import { announcementMessages, shownImages, toAnnouncementView, type AnnouncementDoc, type AnnouncementReadDoc, type ReplyDoc } from './announcement.rules'
import type { GroupDoc } from './group.rules'
import type { MembershipDoc } from './membership.rules'

const ANNOUNCEMENTS = COLLECTIONS.announcements
const READS = COLLECTIONS.announcementReads
const REPLIES = COLLECTIONS.announcementReplies

/** A new announcement's id, from its author and the request key: a retry lands on the same one. */
export function announcementIdFor(openid: string, requestId: string): string {
  return requestDocId('an', openid, requestId, 20)
}

export function replyIdFor(openid: string, requestId: string): string {
  return requestDocId('rp', openid, requestId, 20)
}

/** One read document per (announcement, member): a second open finds it there. */
export function readIdFor(announcementId: string, userId: string): string {
  return `ar_${createHash('sha256').update(`${announcementId}|${userId}`).digest('base64url').slice(0, 24)}`
}

export function getAnnouncement(db: Db, id: string): Promise<AnnouncementDoc | null> {
  return findById<AnnouncementDoc>(db, ANNOUNCEMENTS, id)
}

export async function requireAnnouncement(db: Db, id: string): Promise<AnnouncementDoc> {
  const a = await getAnnouncement(db, id)
  if (!a) throw new AppError('ANNOUNCEMENT.NOT_FOUND')
  return a
}

/** Read inside a transaction, with its id (a transaction's read may answer the fields alone). */
export async function txAnnouncement(tx: Tx, id: string): Promise<AnnouncementDoc | null> {
  const a = await txGet<AnnouncementDoc>(tx, ANNOUNCEMENTS, id)
  return a && { ...a, _id: id }
}

/** Writes the whole announcement under its id; inside the caller's transaction. */
export async function putAnnouncement(into: Tx, a: AnnouncementDoc): Promise<void> {
  const { _id, ...rest } = a
  await into.collection(ANNOUNCEMENTS).doc(_id).set({ data: rest })
}

/** The announcement one of whose pictures waits for the image check `traceId` (over the imageTraces index). */
export async function announcementByTrace(db: Db, traceId: string): Promise<AnnouncementDoc | null> {
  const res = await db.collection(ANNOUNCEMENTS).where({ imageTraces: traceId }).limit(1).get()
  return (res.data[0] as AnnouncementDoc | undefined) ?? null
}

/**
 * A group's announcements a page at a time: the pinned first, then the rest, each newest first —
 * two reads over (groupId, pinned, publishedAt), or (groupId, pinned, status, publishedAt) for
 * members, who see the published ones only. The cursor carries the rank, so a page boundary may
 * fall between the pinned and the rest.
 */
export function pageAnnouncements(db: Db, groupId: string, publishedOnly: boolean, page: PageRequest): Promise<PageResult<AnnouncementDoc>> {
  const source = (pinned: boolean) =>
    collectionSource<AnnouncementDoc>(db, {
      tag: 'a',
      rank: pinned ? 0 : 1,
      collection: ANNOUNCEMENTS,
      where: { groupId, pinned, ...(publishedOnly ? { status: 'published' } : {}) },
      field: 'publishedAt',
      dir: 'desc',
      at: (a) => a.publishedAt,
    })
  return keysetPage([source(true), source(false)], 'desc', page)
}

/**
 * Records a member's open: the read document under its derived id is the once — a second open, or
 * twenty at the same moment, meets the duplicate and counts nothing — and only the open that made it
 * raises the cached count, atomically. Answers whether this was the first. (A crash between the two
 * writes loses one count; it never counts twice.)
 */
export async function markRead(db: Db, a: Pick<AnnouncementDoc, '_id' | 'groupId'>, userId: string, now: number): Promise<boolean> {
  const doc: AnnouncementReadDoc = { _id: readIdFor(a._id, userId), announcementId: a._id, groupId: a.groupId, userId, readAt: now }
  try {
    await db.collection(READS).add({ data: { ...doc } })
  } catch (e) {
    if (isDuplicate(e)) return false
    throw e
  }
  await db.collection(ANNOUNCEMENTS).doc(a._id).update({ data: { readCount: db.command.inc(1) } })
  return true
}

/** Which of these announcements the user has opened: one read by id for a whole page. */
export async function readByUser(db: Db, userId: string, announcementIds: string[]): Promise<Set<string>> {
  if (!announcementIds.length) return new Set()
  const found = await findByIds<AnnouncementReadDoc>(db, READS, announcementIds.map((id) => readIdFor(id, userId)), { announcementId: true })
  return new Set([...found.values()].map((r) => r.announcementId))
}

/** Announcements as this viewer sees them: their pictures' URLs fetched once, their reads looked up once. */
export async function announcementViews(deps: { db: Db; platform: { storage: Storage } }, docs: AnnouncementDoc[], viewer: { manager: boolean; userId: string }) {
  const shown = docs.flatMap((a) => shownImages(a, viewer.manager))
  const [urls, read] = await Promise.all([urlsFor(deps.platform.storage, shown), readByUser(deps.db, viewer.userId, docs.map((a) => a._id))])
  return docs.map((a) => toAnnouncementView(a, { manager: viewer.manager, read: read.has(a._id), urls }))
}

/** The name an announcement or a reply is signed with: the author's own, or their group's org for a cadre without a profile. */
export async function authorNameOf(db: Db, userId: string, fallback: string): Promise<string> {
  const p = (await getProfiles(db, [userId])).get(userId)
  return p?.realName || fallback
}

/** A group can never hold more: the contract's largest capacity. */
const MAX_SUBSCRIBERS = 100000

/**
 * The active members of a group who asked to be told of new announcements (over the memberships'
 * (groupId, status, subscribed) index), but not the author, with the names cadres see them by.
 */
export async function subscribersOf(db: Db, group: Pick<GroupDoc, '_id'>, exceptOpenid: string): Promise<Recipient[]> {
  const members = await readAll<MembershipDoc>(db, COLLECTIONS.memberships, { groupId: group._id, status: 'active', subscribed: true }, MAX_SUBSCRIBERS, { openid: true, userId: true })
  const told = members.filter((m) => m.openid !== exceptOpenid)
  const names = await findByIds<{ _id: string; realName: string }>(db, COLLECTIONS.profiles, told.map((m) => m.userId), { realName: true })
  return told.map((m) => ({ openid: m.openid, name: names.get(m.userId)?.realName ?? '' }))
}

/** Writes the 新公告 fan-outs inside the publishing transaction; answers their ids for `dispatch`. */
export async function enqueueAnnouncement(tx: Tx, a: AnnouncementDoc, groupName: string, to: Recipient[], now: number): Promise<(string | null)[]> {
  const ids: (string | null)[] = []
  for (const m of announcementMessages(a, groupName, to)) ids.push(await enqueue(tx, m, now))
  return ids
}

// Replies ------------------------------------------------------------------------------------

export function getReply(db: Db, id: string): Promise<ReplyDoc | null> {
  return findById<ReplyDoc>(db, REPLIES, id)
}

export async function requireReply(db: Db, id: string): Promise<ReplyDoc> {
  const r = await getReply(db, id)
  if (!r) throw new AppError('REPLY.NOT_FOUND')
  return r
}

export async function txReply(tx: Tx, id: string): Promise<ReplyDoc | null> {
  const r = await txGet<ReplyDoc>(tx, REPLIES, id)
  return r && { ...r, _id: id }
}

export async function putReply(into: Tx, r: ReplyDoc): Promise<void> {
  const { _id, ...rest } = r
  await into.collection(REPLIES).doc(_id).set({ data: rest })
}

/** Moves the count of visible replies by one, inside the transaction that adds, hides or restores one. */
export async function bumpReplyCount(tx: Tx, db: Pick<Db, 'command'>, announcementId: string, delta: 1 | -1, now: number): Promise<void> {
  await tx.collection(ANNOUNCEMENTS).doc(announcementId).update({ data: { replyCount: db.command.inc(delta), updatedAt: now } })
}

/**
 * An announcement's replies a page at a time, first come first listed, over (announcementId, hidden,
 * createdAt): the visible ones, merged with the hidden ones for a manager, or with the viewer's own
 * hidden ones for anyone else (over (announcementId, authorUserId, hidden, createdAt)).
 */
export function pageReplies(db: Db, announcementId: string, viewer: { manager: boolean; userId: string }, page: PageRequest): Promise<PageResult<ReplyDoc>> {
  const source = (tag: string, where: Record<string, unknown>) =>
    collectionSource<ReplyDoc>(db, { tag, collection: REPLIES, where: { announcementId, ...where }, field: 'createdAt', dir: 'asc', at: (r) => r.createdAt })
  const hidden = viewer.manager ? { hidden: true } : { hidden: true, authorUserId: viewer.userId }
  return keysetPage([source('v', { hidden: false }), source('h', hidden)], 'asc', page)
}
