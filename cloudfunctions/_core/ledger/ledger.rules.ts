import { shanghaiYear } from '../../../types/day'
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

/**
 * credit / reversal: hours approved and taken back; debit / refund: the mall; adjust: a cadre's award
 * (positive) or deduction (negative) with a reason; expiry: 益币 unspent past the county's deadline.
 */
export type EntryKind = 'credit' | 'reversal' | 'debit' | 'refund' | 'adjust' | 'expiry'

export const ENTRY_KINDS: readonly EntryKind[] = ['credit', 'reversal', 'debit', 'refund', 'adjust', 'expiry']

/** What an entry answers for: a participation, an order, an adjustment (its id), or a county's expiry (`<county>:<year>`). */
export interface LedgerRef {
  type: 'participation' | 'order' | 'adjustment' | 'expiry'
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
  /** Net of cadres' awards and deductions (absent on accounts written before adjustments existed). */
  adjusted?: number
  /** 益币 expired, as a positive amount. */
  expired?: number
  /**
   * The 益币 that came in, by the Shanghai year they came in (credits and awards; a reversal takes
   * from its credit's year). With the balance this is all expiry needs: see `unspentOf`.
   */
  lots?: Record<string, number>
  /** The youth asked for a subscription message before 益币 expire. */
  remindExpiry?: boolean
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
  /** The year whose lot an inflow joins (credits, awards) or leaves (reversals, expiries); null otherwise. */
  lot?: number | null
  /** Who adjusted, why, and the request's fingerprint (adjust entries only). */
  adjust?: { by: string; reason: string; requestHash: string }
  at: number
}

/** An entry before it is posted: the poster supplies the deterministic id (the idempotency key). */
export type EntryDraft = Pick<LedgerEntryDoc, '_id' | 'amount' | 'kind' | 'title' | 'ref' | 'reverses' | 'orgId' | 'underOrgs'> &
  Partial<Pick<LedgerEntryDoc, 'lot' | 'adjust'>>

/** The Shanghai calendar year of an instant (types/day.ts). */
export { shanghaiYear }

/** Whether an entry brings 益币 into a lot: a credit, or a cadre's award. */
function joinsLot(d: Pick<EntryDraft, 'kind' | 'amount'>): boolean {
  return d.kind === 'credit' || (d.kind === 'adjust' && d.amount > 0)
}

/** The lot an entry moves: its own when given, else the year it is posted in for an inflow; null for outflows. */
export function lotOf(d: EntryDraft, now: number): number | null {
  if (d.lot !== undefined && d.lot !== null) return d.lot
  return joinsLot(d) ? shanghaiYear(now) : null
}

/** The entry a draft becomes when posted to an account at `now`. */
export function entryDoc(draft: EntryDraft, owner: { userId: string; openid: string }, now: number): LedgerEntryDoc {
  return { ...draft, lot: lotOf(draft, now), accountId: owner.userId, openid: owner.openid, at: now }
}

/** What an entry needs of the org it answers to. */
export interface EntryOrg {
  _id: string
  path: string[]
}

export function entryOrg(org: EntryOrg | null): Pick<LedgerEntryDoc, 'orgId' | 'underOrgs'> {
  return org ? { orgId: org._id, underOrgs: [...org.path, org._id] } : { orgId: null, underOrgs: [] }
}

export interface AccountTotals {
  balance: number
  earned: number
  spent: number
  adjusted: number
  expired: number
  lots: Record<string, number>
}

export const EMPTY_TOTALS: AccountTotals = { balance: 0, earned: 0, spent: 0, adjusted: 0, expired: 0, lots: {} }

/** An account's totals, with what accounts written before adjustments and expiry lack read as zero. */
export function totalsOf(a: Partial<AccountTotals> | null | undefined): AccountTotals {
  return { balance: a?.balance ?? 0, earned: a?.earned ?? 0, spent: a?.spent ?? 0, adjusted: a?.adjusted ?? 0, expired: a?.expired ?? 0, lots: { ...(a?.lots ?? {}) } }
}

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
    // It leaves the lot its credit joined.
    lot: credit.lot ?? shanghaiYear(credit.at),
  }
}

/** The sign an entry's amount must have; an adjustment may go either way. */
const SIGN: Record<EntryKind, 1 | -1 | 0> = { credit: 1, refund: 1, debit: -1, reversal: -1, adjust: 0, expiry: -1 }

/** A malformed draft is a programming error, not a user's mistake: it must never reach the ledger. */
export function assertWellFormed(d: EntryDraft): void {
  const sign = SIGN[d.kind]
  if (!Number.isSafeInteger(d.amount) || d.amount === 0 || (sign !== 0 && Math.sign(d.amount) !== sign)) {
    throw new Error(`ledger entry ${d._id}: amount ${d.amount} does not fit kind ${d.kind}`)
  }
  const answers = d.kind === 'reversal' || d.kind === 'refund'
  if (answers !== (d.reverses !== null)) throw new Error(`ledger entry ${d._id}: ${d.kind} ${answers ? 'must' : 'must not'} name the entry it answers`)
}

/**
 * The account after the drafts, in order, posted at `now` (which dates an inflow's lot when the draft
 * names none). A debit that would take the balance below zero is refused (POINTS.INSUFFICIENT), and
 * so is a deduction (POINTS.ADJUST_BELOW_ZERO); an expiry never may (it is computed to fit). A
 * reversal is never refused: taking back a wrong approval must always be possible, and what it takes
 * beyond the balance stays as a negative balance — a debt that later credits pay before anything can
 * be spent again.
 */
export function applyEntries(totals: Partial<AccountTotals>, drafts: EntryDraft[], now: number): AccountTotals {
  const t = totalsOf(totals)
  for (const d of drafts) {
    assertWellFormed(d)
    t.balance += d.amount
    if (d.kind === 'credit' || d.kind === 'reversal') t.earned += d.amount
    else if (d.kind === 'debit' || d.kind === 'refund') t.spent -= d.amount
    else if (d.kind === 'adjust') t.adjusted += d.amount
    else t.expired -= d.amount
    // A reversal leaves its credit's lot and an expiry empties what it expires of its lot, so nothing is expired twice.
    const lot = d.kind === 'reversal' || d.kind === 'expiry' || joinsLot(d) ? lotOf(d, now) : null
    if (lot !== null) t.lots[lot] = (t.lots[lot] ?? 0) + d.amount
    if (t.balance < 0) {
      if (d.kind === 'debit') throw new AppError('POINTS.INSUFFICIENT')
      if (d.kind === 'adjust') throw new AppError('POINTS.ADJUST_BELOW_ZERO')
      if (d.kind === 'expiry') throw new Error(`ledger entry ${d._id}: an expiry may not take the balance below zero`)
    }
  }
  return t
}

/** What a negative balance owes: later credits pay it first. */
export function owedOf(totals: Pick<AccountTotals, 'balance'>): number {
  return Math.max(0, -totals.balance)
}

/** Net 益币 of each kind, every kind present. */
export function zeroByKind(): Record<EntryKind, number> {
  return Object.fromEntries(ENTRY_KINDS.map((k) => [k, 0])) as Record<EntryKind, number>
}

export function toEntryView(e: LedgerEntryDoc) {
  return { id: e._id, amount: e.amount, kind: e.kind, title: e.title, at: e.at, reverses: e.reverses }
}
