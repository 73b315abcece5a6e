import { shanghaiTime, thing, type OutboxMessage, type Recipient } from '../outbox/outbox.rules'
import { AppError } from '../runtime/app-error'

/**
 * A group's announcements (公告) and their replies: pure rules, no I/O. An announcement is published
 * only once its text and every picture passed the content check; until a picture's check answers it
 * is `pending` and only the group's managers see it, and a picture found risky later withdraws it.
 * Reads are one document per (announcement, member), so a member is counted once however often or
 * however concurrently they open it; the announcement keeps the count as a cache of those documents.
 */

export type AnnouncementStatus = 'published' | 'pending' | 'withdrawn'
export type ImageState = 'pass' | 'pending' | 'risky'

export interface AnnouncementImage {
  fileId: string
  check: ImageState
  /** The check WeChat will push the verdict of (`wxa_media_check`), while it is pending. */
  trace: string | null
}

export interface AnnouncementDoc {
  _id: string
  groupId: string
  /** The group's org and its chain, for the audit entries of what is done to it. */
  orgId: string
  underOrgs: string[]
  title: string
  body: string
  images: AnnouncementImage[]
  /** The traces of the pictures still waiting (indexed: a push finds its announcement by it). */
  imageTraces: string[]
  status: AnnouncementStatus
  pinned: boolean
  authorOpenid: string
  authorName: string
  /** When it was posted; the listing's order, kept when a pending check later publishes it. */
  publishedAt: number
  /** Active members when it was posted: the denominator of "12 / 40 已读". */
  memberCount: number
  /** Cache of its `announcement_reads` documents: raised once by each member's first open. */
  readCount: number
  /** Replies not hidden. */
  replyCount: number
  requestHash: string
  createdAt: number
  updatedAt: number
}

/** One member's first open of one announcement; its id is derived from both, so there is only ever one. */
export interface AnnouncementReadDoc {
  _id: string
  announcementId: string
  groupId: string
  userId: string
  readAt: number
}

export interface ReplyDoc {
  _id: string
  announcementId: string
  groupId: string
  authorOpenid: string
  authorUserId: string
  authorName: string
  text: string
  hidden: boolean
  hiddenBy: string | null
  requestHash: string
  createdAt: number
  updatedAt: number
}

/**
 * A picture's check as it stands after posting: a verdict at once must be `pass` (anything else
 * refuses the whole announcement, before anything is written); a pending check keeps its trace.
 */
export function postedImage(fileId: string, check: { verdict: string } | { pending: string }): AnnouncementImage {
  if ('pending' in check) return { fileId, check: 'pending', trace: check.pending }
  if (check.verdict !== 'pass') throw new AppError('ANNOUNCEMENT.IMAGE_RISKY')
  return { fileId, check: 'pass', trace: null }
}

/** Published once every picture passed; withdrawn as soon as one is risky; pending in between. */
export function statusOf(images: Pick<AnnouncementImage, 'check'>[]): AnnouncementStatus {
  if (images.some((i) => i.check === 'risky')) return 'withdrawn'
  return images.some((i) => i.check === 'pending') ? 'pending' : 'published'
}

/**
 * The announcement once WeChat's verdict for check `traceId` arrives (`mediaVerdict` of the push),
 * and whether that publishes it; null when no picture of it still waits for that very check (a push
 * is applied once). Only a pending announcement changes status: a withdrawn one stays withdrawn
 * whatever else passes. Anything but `pass` is risky: a picture in review is not shown either.
 */
export function afterImageVerdict(
  a: Pick<AnnouncementDoc, 'images' | 'status'>,
  traceId: string,
  verdict: string,
): { images: AnnouncementImage[]; imageTraces: string[]; status: AnnouncementStatus; published: boolean } | null {
  if (!a.images.some((i) => i.check === 'pending' && i.trace === traceId)) return null
  const check: ImageState = verdict === 'pass' ? 'pass' : 'risky'
  const images = a.images.map((i) => (i.check === 'pending' && i.trace === traceId ? { ...i, check, trace: null } : i))
  const status = a.status === 'pending' ? statusOf(images) : a.status
  return { images, imageTraces: images.filter((i) => i.check === 'pending').map((i) => i.trace!), status, published: a.status === 'pending' && status === 'published' }
}

/** Members see what is published; the group's managers also what waits for a check or was withdrawn. */
export function visibleTo(a: Pick<AnnouncementDoc, 'status'>, manager: boolean): boolean {
  return a.status === 'published' || manager
}

export function assertVisible(a: Pick<AnnouncementDoc, 'status'>, manager: boolean): void {
  if (!visibleTo(a, manager)) throw new AppError('ANNOUNCEMENT.NOT_FOUND')
}

/** The pictures shown: passed ones to everyone, pending ones to managers too, risky ones to nobody. */
export function shownImages(a: Pick<AnnouncementDoc, 'images'>, manager: boolean): string[] {
  return a.images.filter((i) => i.check === 'pass' || (manager && i.check === 'pending')).map((i) => i.fileId)
}

export function toAnnouncementView(a: AnnouncementDoc, viewer: { manager: boolean; read: boolean; urls: Map<string, string | null> }) {
  return {
    id: a._id,
    groupId: a.groupId,
    title: a.title,
    body: a.body,
    imageUrls: shownImages(a, viewer.manager)
      .map((f) => viewer.urls.get(f))
      .filter((u): u is string => !!u),
    status: a.status,
    pinned: a.pinned,
    authorName: a.authorName,
    publishedAt: a.publishedAt,
    readCount: viewer.manager ? a.readCount : null,
    memberCount: viewer.manager ? a.memberCount : null,
    replyCount: a.replyCount,
    read: viewer.read,
  }
}

/** A hidden reply is still there for the group's managers and for the one who wrote it. */
export function replyVisibleTo(r: Pick<ReplyDoc, 'hidden' | 'authorUserId'>, viewer: { manager: boolean; userId: string }): boolean {
  return !r.hidden || viewer.manager || r.authorUserId === viewer.userId
}

export function toReplyView(r: ReplyDoc, viewerUserId: string) {
  return { id: r._id, announcementId: r.announcementId, authorName: r.authorName, text: r.text, hidden: r.hidden, createdAt: r.createdAt, mine: r.authorUserId === viewerUserId }
}

/** The page a message opens: the announcement with its replies. */
export function announcementPage(announcementId: string): string {
  return `packages/community/pages/announcement/index?id=${announcementId}`
}

/** Recipients per fan-out document: a group of thousands makes a few documents, never one giant one. */
export const FANOUT_CHUNK = 500

/**
 * 新公告 to the subscribed members, as fan-outs of `FANOUT_CHUNK` recipients each (the outbox expands
 * each into one message per member); the chunk's number tells the fan-outs apart, so writing them
 * again after a retry finds the same documents. The field names must match the template chosen in
 * the WeChat console (docs/deploy.md).
 */
export function announcementMessages(a: Pick<AnnouncementDoc, '_id' | 'orgId' | 'title' | 'publishedAt'>, groupName: string, to: Recipient[]): OutboxMessage[] {
  const out: OutboxMessage[] = []
  for (let i = 0; i < to.length; i += FANOUT_CHUNK) {
    out.push({
      template: 'announcement_posted',
      subject: a._id,
      orgId: a.orgId,
      occurrence: i / FANOUT_CHUNK,
      to: to.slice(i, i + FANOUT_CHUNK),
      page: announcementPage(a._id),
      data: { thing1: thing(groupName), thing2: thing(a.title), time3: shanghaiTime(a.publishedAt) },
    })
  }
  return out
}
