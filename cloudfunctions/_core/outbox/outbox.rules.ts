import { splitShanghai } from '../../../types/day'

/**
 * The outbox: a message is a document written with the change that causes it, and a timer sends what
 * is due. These are its pure rules — the states a message goes through, when a failed one is tried
 * again, and what a cadre is told about it. The database side is `outbox.repo.ts`.
 *
 *   pending ──claim──▶ sending ──sent──▶ sent
 *      ▲                  │
 *      └──── backoff ─────┤ (a failure while attempts remain)
 *                         └──────────▶ failed (attempts used up, or a refusal no retry can change)
 *
 * A claim moves `dueAt` to the end of its lease, so a sender that dies mid-send leaves a message that
 * comes due again when the lease runs out; one query (status, dueAt) finds both kinds of due message.
 */

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/** Tries before a message is given up as failed. */
export const MAX_ATTEMPTS = 5
/** The first retry waits this long; each further one twice as long (1, 2, 4, 8 minutes). */
export const BACKOFF_BASE_MS = 60_000
export const BACKOFF_MAX_MS = 60 * 60_000
/** How long a claim holds a message; far beyond a send's timeout, so only a dead sender's claim lapses. */
export const LEASE_MS = 5 * 60_000

export interface Recipient {
  openid: string
  /** Shown to cadres in the message list. */
  name: string
}

/** What a module hands the outbox: one subscription message about one subject, to one person or many. */
export interface OutboxMessage {
  /** The subscription template (notify.ts `NotifyTemplate`), also the message's kind. */
  template: string
  /** What the message is about (an activity's id): cadres list an activity's messages by it. */
  subject: string
  /** The org whose cadres see it. */
  orgId: string
  /**
   * Tells apart two causes of the same kind for the same person and subject (a second promotion
   * after a re-sign-up); the id is derived from it, so the same cause always makes the same id.
   */
  occurrence?: string | number
  /** Many recipients make one fan-out document, expanded by the sender into one message each. */
  to: Recipient | Recipient[]
  page: string
  data: Record<string, string>
  /** Not before this time (a reminder written early); now when absent. */
  dueAt?: number
}

export interface OutboxDoc {
  _id: string
  template: string
  subject: string
  orgId: string
  occurrence: string
  /** The one recipient, or null for a fan-out. */
  to: Recipient | null
  /** A fan-out's recipients (expanded once, by the sender), or null. */
  fanout: Recipient[] | null
  /** How many a fan-out tells (0 for a one-recipient message): what listings and counts filter on. */
  fanoutSize: number
  page: string
  data: Record<string, string>
  status: OutboxStatus
  attempts: number
  dueAt: number
  lastError: string | null
  createdAt: number
  updatedAt: number
  sentAt: number | null
}

/** The text the message's id is hashed from: kind | subject | occurrence | recipient ('*' for a fan-out). */
export function outboxKey(m: { template: string; subject: string; occurrence?: string | number }, openid: string | null): string {
  return [m.template, m.subject, String(m.occurrence ?? ''), openid ?? '*'].join('|')
}

export function newOutboxDoc(_id: string, m: OutboxMessage, to: Recipient | null, now: number): OutboxDoc {
  return {
    _id,
    template: m.template,
    subject: m.subject,
    orgId: m.orgId,
    occurrence: String(m.occurrence ?? ''),
    to,
    fanout: to ? null : (m.to as Recipient[]),
    fanoutSize: to ? 0 : (m.to as Recipient[]).length,
    page: m.page,
    data: { ...m.data },
    status: 'pending',
    attempts: 0,
    dueAt: m.dueAt ?? now,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
  }
}

/** The wait before try `attempts + 1`, after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1))
}

/** A transport's failure, as the outbox records it. */
export interface SendFailure {
  reason: string
  /** True when no retry can change the answer (the youth refused the message, the template is not set up). */
  permanent: boolean
}

/** The fields a failed try `attempts` (counted, 1-based) leaves on the message. */
export function afterFailure(attempts: number, failure: SendFailure, now: number): Pick<OutboxDoc, 'status' | 'dueAt' | 'lastError' | 'updatedAt'> {
  const reason = failure.reason.slice(0, 200)
  if (failure.permanent || attempts >= MAX_ATTEMPTS) return { status: 'failed', dueAt: now, lastError: reason, updatedAt: now }
  return { status: 'pending', dueAt: now + backoffMs(attempts), lastError: reason, updatedAt: now }
}

/** Cadres see the state as the youth would feel it; `sending` is a moment, shown as waiting. */
export type ShownStatus = 'pending' | 'sent' | 'failed'
export function shownStatus(s: OutboxStatus): ShownStatus {
  return s === 'sending' ? 'pending' : s
}

/** WeChat refuses a `thing` value over 20 characters. */
export function thing(s: string): string {
  const chars = [...s]
  return chars.length <= 20 ? s : `${chars.slice(0, 19).join('')}…`
}

/** `time` values as WeChat shows them (2026年11月28日 10:00), in Shanghai time. */
export function shanghaiTime(ms: number): string {
  const { date, time } = splitShanghai(ms)
  return `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8)}日 ${time}`
}
