import { AppError } from '../runtime/app-error'

/**
 * 益币: an account per user and a ledger of immutable entries (DOMAIN.md invariants 1–3). The
 * account's balance is a cache of the sum of its entries, kept in the same transaction as each entry.
 * Amounts are integers: positive for credits and refunds, negative for debits and reversals.
 */

export type EntryKind = 'credit' | 'reversal' | 'debit' | 'refund'

/** What an entry answers for; the mall adds orders. */
export interface LedgerRef {
  type: 'participation' | 'order'
  id: string
}

export interface AccountDoc {
  _id: string // the user id
  openid: string
  balance: number
  /** Net 益币 earned: credits minus their reversals. */
  earned: number
  /** Net 益币 spent: debits minus their refunds. */
  spent: number
  updatedAt: number
}

export interface LedgerEntryDoc {
  _id: string
  accountId: string
  openid: string
  amount: number
  kind: EntryKind
  title: string
  ref: LedgerRef
  /** The entry a reversal or refund answers; null for credits and debits. */
  reverses: string | null
  at: number
}

/** An entry before it is posted: the poster supplies the deterministic id (the idempotency key). */
export type EntryDraft = Pick<LedgerEntryDoc, '_id' | 'amount' | 'kind' | 'title' | 'ref' | 'reverses'>

export type AccountTotals = Pick<AccountDoc, 'balance' | 'earned' | 'spent'>

export const EMPTY_TOTALS: AccountTotals = { balance: 0, earned: 0, spent: 0 }

/** The credit for a participation's n-th approval; one id per approval makes the credit exactly-once. */
export function creditIdFor(participationId: string, approval: number): string {
  return `le_cr_${participationId}_${approval}`
}

/** The reversal of that credit: at most one per credit, by construction. */
export function reversalIdFor(participationId: string, approval: number): string {
  return `le_rv_${participationId}_${approval}`
}

/** Whole hours only (DOMAIN.md: 1 益币 per approved attended hour, or the activity's rate). */
export function pointsFor(approvedMinutes: number, pointsPerHour: number): number {
  return Math.floor((approvedMinutes * pointsPerHour) / 60)
}

const SIGN: Record<EntryKind, 1 | -1> = { credit: 1, refund: 1, debit: -1, reversal: -1 }

/** A malformed draft is a programming error, not a user's mistake: it must never reach the ledger. */
export function assertWellFormed(d: EntryDraft): void {
  if (!Number.isSafeInteger(d.amount) || d.amount === 0 || Math.sign(d.amount) !== SIGN[d.kind]) {
    throw new Error(`ledger entry ${d._id}: amount ${d.amount} does not fit kind ${d.kind}`)
  }
  const answers = d.kind === 'reversal' || d.kind === 'refund'
  if (answers !== (d.reverses !== null)) throw new Error(`ledger entry ${d._id}: ${d.kind} ${answers ? 'must' : 'must not'} name the entry it answers`)
}

/** The account after the drafts; refuses a balance below zero (invariant 1). */
export function applyEntries(totals: AccountTotals, drafts: EntryDraft[]): AccountTotals {
  let { balance, earned, spent } = totals
  for (const d of drafts) {
    assertWellFormed(d)
    balance += d.amount
    if (d.kind === 'credit' || d.kind === 'reversal') earned += d.amount
    else spent -= d.amount
  }
  if (balance < 0) throw new AppError('POINTS.INSUFFICIENT')
  return { balance, earned, spent }
}

export function toEntryView(e: LedgerEntryDoc) {
  return { id: e._id, amount: e.amount, kind: e.kind, title: e.title, at: e.at, reverses: e.reverses }
}
