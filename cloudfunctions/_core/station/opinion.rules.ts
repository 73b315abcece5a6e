import {
  OPINION_AUTO_CLOSE_DAYS,
  OPINION_CATEGORY_LABEL,
  OPINION_REPLY_DAYS,
  type OpinionCategory,
  type OpinionFigures,
  type OpinionState,
  type OpinionViewT,
} from '../../../types/contract/station'
import { DAY_MS } from '../../../types/day'
import type { z } from 'zod'
import { shanghaiTime, thing, type OutboxMessage } from '../outbox/outbox.rules'
import { AppError } from '../runtime/app-error'

/**
 * 征集意见: pure rules, no I/O. An opinion moves submitted → assigned (a cadre names a representative;
 * naming another is allowed until the reply) → replied (by the assignee only) → closed (rated by its
 * author, or by the sweep when a reply goes unrated). No state is skipped, none goes back.
 *
 * An anonymous opinion hides its author from everyone but the author and the handling cadre (a
 * manager whose scope covers the opinion's org): the representative, the audit trail and the logs
 * never learn who wrote it. The document keeps the author only to show them their own and to tell
 * them of the reply.
 */

export type OpinionPhotoCheck = 'pass' | 'pending' | 'risky'

export interface OpinionPhoto {
  fileId: string
  check: OpinionPhotoCheck
  /** The mediaCheckAsync trace whose verdict WeChat will push, while pending. */
  trace: string | null
}

export interface OpinionStepDoc {
  state: OpinionState
  at: number
  /** The author, the cadre, the representative; null for the sweep. */
  byUserId: string | null
}

export interface OpinionDoc {
  _id: string
  authorUserId: string
  authorOpenid: string
  anonymous: boolean
  /** The station or youth home it was left at; null when sent online. */
  venueId: string | null
  /** The station's org (online: the org chosen in the youth's own chain), and the orgs above it. */
  orgId: string
  underOrgs: string[]
  category: OpinionCategory
  text: string
  photos: OpinionPhoto[]
  /** Traces of the photos still waiting for their verdict (indexed: a push finds its opinion by it). */
  photoTraces: string[]
  state: OpinionState
  assigneeUserId: string | null
  assigneeOpenid: string | null
  assigneeName: string | null
  reply: string | null
  repliedAt: number | null
  rating: number | null
  ratingComment: string | null
  closedAt: number | null
  submittedAt: number
  steps: OpinionStepDoc[]
  /** When the assignee was told it is overdue; cleared by a reassignment, so the new one is told too. */
  remindedAt: number | null
  requestHash: string
  updatedAt: number
}

/** What the author's steps are signed with, to anyone but the author and the handling cadre. */
export const ANONYMOUS_AUTHOR = '匿名青年'
/** What the sweep's steps are signed with. */
export const OPINION_SYSTEM_NAME = '系统'

const REPLY_MS = OPINION_REPLY_DAYS * DAY_MS
const AUTO_CLOSE_MS = OPINION_AUTO_CLOSE_DAYS * DAY_MS

/** The states that still wait for a reply: these can be overdue. */
export const OPINION_OPEN_STATES: readonly OpinionState[] = ['submitted', 'assigned']

/** Submitted before this and still unanswered: overdue. */
export function opinionOverdueBefore(now: number): number {
  return now - REPLY_MS
}

/** Replied before this and still unrated: the sweep closes it. */
export function opinionAutoCloseBefore(now: number): number {
  return now - AUTO_CLOSE_MS
}

export function opinionOverdue(o: Pick<OpinionDoc, 'state' | 'submittedAt'>, now: number): boolean {
  return OPINION_OPEN_STATES.includes(o.state) && o.submittedAt < opinionOverdueBefore(now)
}

/** A photo's check right after submission: a verdict at once must be pass (else the opinion is refused). */
export function submittedPhoto(fileId: string, check: { verdict: string } | { pending: string }): OpinionPhoto {
  if ('pending' in check) return { fileId, check: 'pending', trace: check.pending }
  if (check.verdict !== 'pass') throw new AppError('OPINION.PHOTO_RISKY')
  return { fileId, check: 'pass', trace: null }
}

export function pendingPhotoTraces(photos: OpinionPhoto[]): string[] {
  return photos.filter((p) => p.check === 'pending').map((p) => p.trace!)
}

/**
 * The photos once WeChat's verdict for `trace` arrives; null when no photo waits for that very check
 * (a push is applied once). Anything but pass is risky: a photo in review is not shown either.
 */
export function afterPhotoVerdict(photos: OpinionPhoto[], trace: string, verdict: string): OpinionPhoto[] | null {
  if (!photos.some((p) => p.check === 'pending' && p.trace === trace)) return null
  const check: OpinionPhotoCheck = verdict === 'pass' ? 'pass' : 'risky'
  return photos.map((p) => (p.check === 'pending' && p.trace === trace ? { ...p, check, trace: null } : p))
}

// ── the state machine ────────────────────────────────────────────────────────────────────────

/** Assigning (or reassigning) is for an opinion not yet replied to. */
export function assertAssignable(o: Pick<OpinionDoc, 'state'>): void {
  if (!OPINION_OPEN_STATES.includes(o.state)) throw new AppError('OPINION.WRONG_STATE')
}

/** Only the current assignee replies, and only while it is assigned. */
export function assertReplyable(o: Pick<OpinionDoc, 'state' | 'assigneeUserId'>, userId: string): void {
  if (o.state !== 'assigned') throw new AppError('OPINION.WRONG_STATE')
  if (o.assigneeUserId !== userId) throw new AppError('OPINION.NOT_ASSIGNEE')
}

/** Only the author rates, and only a replied opinion. */
export function assertRateable(o: Pick<OpinionDoc, 'state' | 'authorUserId'>, userId: string): void {
  if (o.authorUserId !== userId) throw new AppError('OPINION.NOT_AUTHOR')
  if (o.state !== 'replied') throw new AppError('OPINION.WRONG_STATE')
}

/**
 * Has the opinion changed, since the caller read it, in what their step depends on? Then the step
 * was decided on a stale picture: two cadres assigning at once, or a reply racing a reassignment,
 * answer the later one OPINION.WRONG_STATE rather than silently undoing the other.
 */
export function opinionChangedSince(seen: Pick<OpinionDoc, 'state' | 'assigneeUserId'>, fresh: Pick<OpinionDoc, 'state' | 'assigneeUserId'>): boolean {
  return seen.state !== fresh.state || seen.assigneeUserId !== fresh.assigneeUserId
}

export function assignedOpinion(o: OpinionDoc, to: { userId: string; openid: string; name: string }, byUserId: string, now: number): OpinionDoc {
  return {
    ...o,
    state: 'assigned',
    assigneeUserId: to.userId,
    assigneeOpenid: to.openid,
    assigneeName: to.name,
    remindedAt: null,
    steps: [...o.steps, { state: 'assigned', at: now, byUserId }],
    updatedAt: now,
  }
}

export function repliedOpinion(o: OpinionDoc, text: string, byUserId: string, now: number): OpinionDoc {
  return { ...o, state: 'replied', reply: text, repliedAt: now, steps: [...o.steps, { state: 'replied', at: now, byUserId }], updatedAt: now }
}

export function ratedOpinion(o: OpinionDoc, rating: number, comment: string, now: number): OpinionDoc {
  return { ...o, state: 'closed', rating, ratingComment: comment, closedAt: now, steps: [...o.steps, { state: 'closed', at: now, byUserId: o.authorUserId }], updatedAt: now }
}

/** The fields the sweep sets when it closes an unrated reply (a conditional update on `replied`). */
export function autoClosedFields(o: Pick<OpinionDoc, 'steps'>, now: number): Pick<OpinionDoc, 'state' | 'closedAt' | 'steps' | 'updatedAt'> {
  return { state: 'closed', closedAt: now, steps: [...o.steps, { state: 'closed', at: now, byUserId: null }], updatedAt: now }
}

// ── who sees what ────────────────────────────────────────────────────────────────────────────

/** How the viewer stands to the opinion; none of the three: they are not shown it at all. */
export interface OpinionStanding {
  author: boolean
  assignee: boolean
  /** A manager whose scope covers the opinion's org: the handling cadre. */
  cadre: boolean
}

export function opinionStanding(o: Pick<OpinionDoc, 'authorUserId' | 'assigneeUserId'>, userId: string, cadre: boolean): OpinionStanding {
  return { author: o.authorUserId === userId, assignee: o.assigneeUserId !== null && o.assigneeUserId === userId, cadre }
}

export function canSeeOpinion(s: OpinionStanding): boolean {
  return s.author || s.assignee || s.cadre
}

/** Nobody outside the three learns that an opinion exists: the same answer as a wrong id. */
export function assertCanSeeOpinion(s: OpinionStanding): void {
  if (!canSeeOpinion(s)) throw new AppError('OPINION.NOT_FOUND')
}

/** Passed photos to all three; pending ones to the author and the cadre; risky ones to nobody. */
export function shownOpinionPhotos(o: Pick<OpinionDoc, 'photos'>, s: OpinionStanding): string[] {
  return o.photos.filter((p) => p.check === 'pass' || (p.check === 'pending' && (s.author || s.cadre))).map((p) => p.fileId)
}

/** The author's name: to the author and the cadre always; to the representative only when not anonymous. */
export function showsAuthor(o: Pick<OpinionDoc, 'anonymous'>, s: OpinionStanding): boolean {
  return s.author || s.cadre || !o.anonymous
}

export interface OpinionViewNames {
  /** Real names by user id (authors, cadres, representatives). */
  people: Map<string, string>
  /** The author's masked mobile (138****1234), or null. */
  authorMobile: string | null
  venueName: string | null
  orgName: string
  urls: Map<string, string | null>
}

/** How a step is signed for this viewer. */
function stepBy(o: OpinionDoc, step: OpinionStepDoc, s: OpinionStanding, people: Map<string, string>): string {
  if (step.byUserId === null) return OPINION_SYSTEM_NAME
  if (step.byUserId === o.authorUserId && !showsAuthor(o, s)) return ANONYMOUS_AUTHOR
  return people.get(step.byUserId) ?? (step.byUserId === o.authorUserId ? '青年' : '团干部')
}

export function toOpinionView(o: OpinionDoc, s: OpinionStanding, names: OpinionViewNames, now: number): OpinionViewT {
  const author = showsAuthor(o, s)
  return {
    id: o._id,
    state: o.state,
    category: o.category,
    text: o.text,
    photoUrls: shownOpinionPhotos(o, s)
      .map((f) => names.urls.get(f))
      .filter((u): u is string => !!u),
    anonymous: o.anonymous,
    authorName: author ? (names.people.get(o.authorUserId) ?? null) : null,
    authorMobile: s.cadre ? names.authorMobile : null,
    venueId: o.venueId,
    venueName: names.venueName,
    orgId: o.orgId,
    orgName: names.orgName,
    assigneeUserId: o.assigneeUserId,
    assigneeName: o.assigneeName,
    reply: o.reply,
    rating: o.rating,
    ratingComment: o.ratingComment,
    submittedAt: o.submittedAt,
    overdue: opinionOverdue(o, now),
    steps: o.steps.map((step) => ({ state: step.state, at: step.at, by: stepBy(o, step, s, names.people) })),
    mine: s.author,
    canReply: s.assignee && o.state === 'assigned',
    canAssign: s.cadre && OPINION_OPEN_STATES.includes(o.state),
  }
}

// ── figures ──────────────────────────────────────────────────────────────────────────────────

const oneDecimal = (n: number) => Math.round(n * 10) / 10

export function medianOf(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * The opinion loop's figures over the opinions received in a period: how many, how many replied (or
 * closed after a reply), closed, overdue now; the median time to reply in hours and the mean rating,
 * each to one decimal.
 */
export function opinionFiguresOf(docs: Pick<OpinionDoc, 'state' | 'submittedAt' | 'repliedAt' | 'rating'>[], now: number): z.infer<typeof OpinionFigures> {
  const repliedDocs = docs.filter((o) => o.repliedAt !== null)
  const ratings = docs.map((o) => o.rating).filter((r): r is number => r !== null)
  const hours = medianOf(repliedDocs.map((o) => (o.repliedAt! - o.submittedAt) / 3_600_000))
  return {
    received: docs.length,
    replied: repliedDocs.length,
    closed: docs.filter((o) => o.state === 'closed').length,
    overdue: docs.filter((o) => opinionOverdue(o, now)).length,
    medianReplyHours: hours === null ? null : oneDecimal(hours),
    satisfaction: ratings.length ? oneDecimal(ratings.reduce((a, b) => a + b, 0) / ratings.length) : null,
    rated: ratings.length,
  }
}

// ── messages ─────────────────────────────────────────────────────────────────────────────────

/** The page a message opens: the opinion with its steps. */
export function opinionPage(opinionId: string): string {
  return `packages/station/pages/opinion/index?id=${opinionId}`
}

/**
 * 意见已答复, to the author (named 匿名青年 in the cadres' message list when anonymous). The field
 * names must match the template chosen in the WeChat console (docs/deploy.md).
 */
export function repliedMessage(o: Pick<OpinionDoc, '_id' | 'orgId' | 'category' | 'reply' | 'repliedAt' | 'authorOpenid' | 'anonymous'>, authorName: string): OutboxMessage {
  return {
    template: 'opinion_replied',
    subject: o._id,
    orgId: o.orgId,
    to: { openid: o.authorOpenid, name: o.anonymous ? ANONYMOUS_AUTHOR : authorName },
    page: opinionPage(o._id),
    data: { thing1: thing(OPINION_CATEGORY_LABEL[o.category]), thing2: thing(o.reply ?? ''), time3: shanghaiTime(o.repliedAt ?? 0) },
  }
}

/**
 * 意见超期未答复, to the assignee: one per assignment (the occurrence is the assignee), so a sweep run
 * again, or twice at once, tells them once, and a new assignee is told in turn.
 */
export function overdueMessage(o: Pick<OpinionDoc, '_id' | 'orgId' | 'category' | 'submittedAt' | 'assigneeUserId' | 'assigneeOpenid' | 'assigneeName'>): OutboxMessage | null {
  if (!o.assigneeOpenid || !o.assigneeUserId) return null
  return {
    template: 'opinion_overdue',
    subject: o._id,
    orgId: o.orgId,
    occurrence: o.assigneeUserId,
    to: { openid: o.assigneeOpenid, name: o.assigneeName ?? '' },
    page: opinionPage(o._id),
    data: { thing1: thing(OPINION_CATEGORY_LABEL[o.category]), time2: shanghaiTime(o.submittedAt), thing3: thing(`已超过${OPINION_REPLY_DAYS}天未答复，请尽快答复`) },
  }
}
