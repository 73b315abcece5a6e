import { AppError } from '../runtime/app-error'

/**
 * 益币: an account per user and a ledger of immutable entries (docs/domain.md, invariants 1–3). The
 * account's balance is a cache of the sum of its entries, kept in the same transaction as each entry.
 * Amounts are integers: positive for credits and refunds, negative for debits and reversals.
 *
 * A balance goes below zero only through a reversal of 益币 already spent: the reversal is always
 * posted in full, and the shortfall is a debt that later credits pay first (they add to the same
 * sum). A debit never takes a balance below zero. See docs/domain.md, "Reversing an approval whose 益币 were spent".
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
  /** The org the entry answers to: the activity's for a credit, the goods' for a debit. */
  orgId: string | null
  /** That org and every org above it, so a subtree's figures are one indexed match (no joins). */
  underOrgs: string[]
  at: number
}

/** An entry before it is posted: the poster supplies the deterministic id (the idempotency key). */
export type EntryDraft = Pick<LedgerEntryDoc, '_id' | 'amount' | 'kind' | 'title' | 'ref' | 'reverses' | 'orgId' | 'underOrgs'>

/** The entry a draft becomes when posted to an account at `now`. */
export function entryDoc(draft: EntryDraft, owner: { userId: string; openid: string }, now: number): LedgerEntryDoc {
  return { ...draft, accountId: owner.userId, openid: owner.openid, at: now }
}

/** What an entry needs of the org it answers to. */
export interface EntryOrg {
  _id: string
  path: string[]
}

export function entryOrg(org: EntryOrg | null): Pick<LedgerEntryDoc, 'orgId' | 'underOrgs'> {
  return org ? { orgId: org._id, underOrgs: [...org.path, org._id] } : { orgId: null, underOrgs: [] }
}

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

/** Whole hours only (docs/domain.md: 1 益币 per approved attended hour, or the activity's rate). */
export function pointsFor(approvedMinutes: number, pointsPerHour: number): number {
  return Math.floor((approvedMinutes * pointsPerHour) / 60)
}

/**
 * The credit of a participation's n-th approval, or null when its minutes earn nothing. The seed
 * builds its credits with this too, so demo data cannot disagree with the approval.
 */
export function creditDraft(
  participationId: string,
  approval: number,
  approvedMinutes: number,
  activity: { title: string; pointsPerHour: number },
  org: EntryOrg | null,
): EntryDraft | null {
  const amount = pointsFor(approvedMinutes, activity.pointsPerHour)
  if (amount <= 0) return null
  return {
    _id: creditIdFor(participationId, approval),
    kind: 'credit',
    amount,
    title: `参加活动「${activity.title}」`,
    ref: { type: 'participation', id: participationId },
    reverses: null,
    ...entryOrg(org),
  }
}

/** The reversal of that credit: the same amount taken back, answering to the same org. */
export function reversalDraft(participationId: string, approval: number, credit: LedgerEntryDoc): EntryDraft {
  return {
    _id: reversalIdFor(participationId, approval),
    kind: 'reversal',
    amount: -credit.amount,
    title: `撤销：${credit.title}`,
    ref: credit.ref,
    reverses: credit._id,
    orgId: credit.orgId ?? null,
    underOrgs: credit.underOrgs ?? [],
  }
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

/**
 * The account after the drafts, in order. A debit that would take the balance below zero is refused
 * (POINTS.INSUFFICIENT); a reversal is never refused: taking back a wrong approval must always be
 * possible, and what it takes beyond the balance stays as a negative balance — a debt that later
 * credits pay before anything can be spent again.
 */
export function applyEntries(totals: AccountTotals, drafts: EntryDraft[]): AccountTotals {
  let { balance, earned, spent } = totals
  for (const d of drafts) {
    assertWellFormed(d)
    balance += d.amount
    if (d.kind === 'credit' || d.kind === 'reversal') earned += d.amount
    else spent -= d.amount
    if (d.kind === 'debit' && balance < 0) throw new AppError('POINTS.INSUFFICIENT')
  }
  return { balance, earned, spent }
}

/** What a negative balance owes: later credits pay it first. */
export function owedOf(totals: Pick<AccountTotals, 'balance'>): number {
  return Math.max(0, -totals.balance)
}

export function toEntryView(e: LedgerEntryDoc) {
  return { id: e._id, amount: e.amount, kind: e.kind, title: e.title, at: e.at, reverses: e.reverses }
}
