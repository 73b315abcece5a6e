import { MAX_EXPIRE_YEARS } from '../../../types/contract/adjust'
import { DAY_MS, shanghaiYearStart } from '../../../types/day'
import { entryOrg, shanghaiYear, totalsOf, type AccountDoc, type EntryDraft, type EntryOrg } from './ledger.rules'

/**
 * A county's optional expiry of 益币 (docs/domain.md, "益币 that expire"): 益币 that came in during a
 * year expire at the end of the year `expireAfterYears` later (1: those of 2025 at the end of 2026, as
 * 志愿黄石 does). Spending uses the oldest first, so what expires of a year's lot is what is left of it
 * once everything that went out has been taken from the oldest lots: `unspentOf`.
 *
 * A policy (or a change to it) applies only to year ends at least NOTICE_DAYS after it was set, so
 * every youth is told a month ahead, and a change made near or after a year end never makes that
 * year end's outcome depend on when the sweep reached an account.
 */

export const NOTICE_DAYS = 30
/** The balance says what expires next only when it is this close. */
export const SHOW_DAYS = 90
/** A county's policy keeps its history: what applied to a year end is the version in force a month before. */
export const MAX_POLICY_HISTORY = 50

export interface PolicyVersion {
  expireAfterYears: number | null
  from: number
  by: string
}

/** `points_policies/policy_<county>`: one per county that ever set one. */
export interface PointsPolicyDoc {
  _id: string
  kind: 'policy'
  countyId: string
  expireAfterYears: number | null
  history: PolicyVersion[]
  setBy: string
  setAt: number
}

/** `points_policies/run_<expire|remind>_<year>`: how far a year end's sweep over the accounts has come. */
export interface SweepRunDoc {
  _id: string
  kind: 'run'
  phase: 'expire' | 'remind'
  /** The year whose first instant is the deadline the sweep serves. */
  year: number
  /** The last account id done; null before the first chunk. */
  cursor: string | null
  done: boolean
  count: number
  updatedAt: number
}

export function policyIdFor(countyId: string): string {
  return `policy_${countyId}`
}

export function runIdFor(phase: SweepRunDoc['phase'], year: number): string {
  return `run_${phase}_${year}`
}

/** The first instant of a Shanghai calendar year: the exclusive end of the year before. */
export const yearStart: (year: number) => number = shanghaiYearStart

/** When a lot expires under a policy: the end of the year `years` after the lot's. */
export function deadlineOf(lot: number, years: number): number {
  return yearStart(lot + years + 1)
}

/** The lot that expires at the start of `year` under a policy of `years`. */
export function lotExpiringIn(year: number, years: number): number {
  return year - years - 1
}

/** The lots a year end expires: from `first` to `last`, both included. */
export interface DueLots {
  first: number
  last: number
}

/**
 * The lots the year end at the start of `year` expires: the one its version names (`lotExpiringIn`)
 * and every older one the policy has governed without a break — so a period shortened from 2 years
 * to 1 expires, at the first year end under 1, both the lot 1 year names and the one 2 years would
 * have named a year later. The oldest governed lot is the one the first year end of the unbroken run
 * of versions expired: lots from before a county had a policy (or from a spell of 长期有效) are never
 * reached back for. Null: this year end expires nothing.
 */
export function lotsDueAt(policy: Pick<PointsPolicyDoc, 'history'> | null, year: number): DueLots | null {
  const years = yearsFor(policy, yearStart(year))
  if (years === null) return null
  let start = year
  let startYears = years
  for (let back = 1; back <= MAX_POLICY_HISTORY * 10; back++) {
    const earlier = yearsFor(policy, yearStart(year - back))
    if (earlier === null) break
    start = year - back
    startYears = earlier
  }
  const first = lotExpiringIn(start, startYears)
  const last = lotExpiringIn(year, years)
  return first <= last ? { first, last } : null
}

/** The account's lots within `due`, oldest first (spending takes the oldest first, so does expiry). */
export function lotsWithin(account: Lots | null, due: DueLots | null): number[] {
  if (!account || !due) return []
  return Object.keys(account.lots ?? {})
    .map(Number)
    .filter((lot) => lot >= due.first && lot <= due.last)
    .sort((a, b) => a - b)
}

/** What a year end would expire of the account as it stands: the unspent rest of every due lot. */
export function unspentWithin(account: Lots | null, due: DueLots | null): number {
  return lotsWithin(account, due).reduce((sum, lot) => sum + unspentOf(account, lot), 0)
}

/** The policy's years in force for the year end at `deadline` (the version set at least NOTICE_DAYS before); null: none. */
export function yearsFor(policy: Pick<PointsPolicyDoc, 'history'> | null, deadline: number): number | null {
  if (!policy) return null
  let years: number | null = null
  for (const v of policy.history) if (v.from <= deadline - NOTICE_DAYS * DAY_MS) years = v.expireAfterYears
  return years
}

/** The policy after a county admin sets `years` at `now`. */
export function withVersion(policy: PointsPolicyDoc | null, countyId: string, years: number | null, by: string, now: number): PointsPolicyDoc {
  const history = [...(policy?.history ?? []), { expireAfterYears: years, from: now, by }].slice(-MAX_POLICY_HISTORY)
  return { _id: policyIdFor(countyId), kind: 'policy', countyId, expireAfterYears: years, history, setBy: by, setAt: now }
}

type Lots = Pick<AccountDoc, 'balance' | 'lots'>

/**
 * What is left of a lot, spending having used the oldest 益币 first: the balance less what the newer
 * lots account for, at most the lot itself, never below zero (nothing is left while a debt is owed).
 */
export function unspentOf(account: Lots | null, lot: number): number {
  if (!account) return 0
  const lots = account.lots ?? {}
  let newer = 0
  for (const [y, n] of Object.entries(lots)) if (Number(y) > lot) newer += Math.max(0, n)
  return Math.max(0, Math.min(Math.max(0, lots[lot] ?? 0), account.balance - newer))
}

/** The next amount to expire under the policy after `now`, and when (the deadline); null if nothing will. */
export function nextExpiry(account: Lots | null, policy: Pick<PointsPolicyDoc, 'history'> | null, now: number): { amount: number; deadline: number } | null {
  if (!account || !policy) return null
  // A lot is this year's at the newest, and no period is longer than MAX_EXPIRE_YEARS: its year end is at most that far.
  const thisYear = shanghaiYear(now)
  for (let year = thisYear + 1; year <= thisYear + MAX_EXPIRE_YEARS + 1; year++) {
    const amount = unspentWithin(account, lotsDueAt(policy, year))
    if (amount > 0) return { amount, deadline: yearStart(year) }
  }
  return null
}

/**
 * Whether some coming year end expires 益币: the next one keeps the version in force a month before
 * it (a change to 长期有效 made in December still leaves it), every later one takes the latest version.
 */
export function policyExpires(policy: Pick<PointsPolicyDoc, 'expireAfterYears' | 'history'> | null, now: number): boolean {
  if (!policy) return false
  const nextYearEnd = yearStart(shanghaiYear(now) + 1)
  return policy.expireAfterYears !== null || yearsFor(policy, nextYearEnd) !== null
}

/** What the balance shows: the next expiry when it is within SHOW_DAYS, dated its last minute. */
export function expiringView(next: { amount: number; deadline: number } | null, now: number): { amount: number; at: number } | null {
  if (!next || next.deadline - now > SHOW_DAYS * DAY_MS) return null
  return { amount: next.amount, at: next.deadline - 60_000 }
}

/** An account's figures as the wallet shows them: the cached totals and what expires next. */
export function walletFigures(account: AccountDoc | null, policy: Pick<PointsPolicyDoc, 'history'> | null, now: number) {
  const { balance, earned, spent, adjusted, expired } = totalsOf(account)
  return { balance, earned, spent, adjusted, expired, expiring: expiringView(nextExpiry(account, policy, now), now) }
}

/** One expiry per account and lot: the id is the once. */
export function expiryIdFor(userId: string, lot: number): string {
  return `le_ex_${userId}_${lot}`
}

export function expiryDraft(userId: string, lot: number, amount: number, county: EntryOrg): EntryDraft {
  return {
    _id: expiryIdFor(userId, lot),
    kind: 'expiry',
    amount: -amount,
    title: `${lot}年获得的益币到期`,
    ref: { type: 'expiry', id: `${county._id}:${lot}` },
    reverses: null,
    ...entryOrg(county),
    lot,
  }
}
