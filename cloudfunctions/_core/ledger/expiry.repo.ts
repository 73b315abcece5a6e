import { getOrg, getOrgs } from '../org/org.repo'
import { countyOf, type OrgDoc } from '../org/org.rules'
import { enqueueNow, shanghaiTime, type OutboxMessage } from '../outbox'
import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, readAll, transaction, txGet, type Db, type Tx } from '../runtime/db'
import {
  expiryDraft,
  lotsDueAt,
  lotsWithin,
  NOTICE_DAYS,
  policyIdFor,
  runIdFor,
  unspentOf,
  unspentWithin,
  yearStart,
  type DueLots,
  type PointsPolicyDoc,
  type SweepRunDoc,
} from './expiry.rules'
import { postEntries, txGetEntry } from './ledger.repo'
import { shanghaiYear, type AccountDoc } from './ledger.rules'
import { DAY_MS } from '../../../types/day'

const POLICIES = COLLECTIONS.pointsPolicies
const ACCOUNTS = COLLECTIONS.accounts

export function getPolicy(db: Db, countyId: string): Promise<PointsPolicyDoc | null> {
  return findById<PointsPolicyDoc>(db, POLICIES, policyIdFor(countyId))
}

export async function putPolicy(tx: Tx, p: PointsPolicyDoc): Promise<void> {
  const { _id, ...data } = p
  await tx.collection(POLICIES).doc(_id).set({ data })
}

export function txGetPolicy(tx: Tx, countyId: string): Promise<PointsPolicyDoc | null> {
  return txGet<PointsPolicyDoc>(tx, POLICIES, policyIdFor(countyId))
}

/** The policy of a youth's county, by their profile's org; null when there is none (or no profile). */
export async function policyOfUser(db: Db, userId: string): Promise<PointsPolicyDoc | null> {
  const profile = await findById<{ orgId: string }>(db, COLLECTIONS.profiles, userId)
  const org = profile ? await getOrg(db, profile.orgId) : null
  return org ? getPolicy(db, countyOf(org)) : null
}

/** What a year end's sweep does to one account it reaches: true when it wrote something. */
type Visit = (account: AccountDoc, county: OrgDoc, due: DueLots) => Promise<boolean>

const CHUNK = 100

/**
 * Goes over every account once for the year end at the start of `year`, in `_id` order, a chunk at a
 * time, keeping its place in a run document, so a run cut short by its budget (or a crash) goes on
 * where it stopped. Each account's effect is written once by its own deterministic id, so two runs
 * overlapping on a chunk do it once. Accounts whose county has no policy for that year end are passed
 * over. Answers how many accounts the visit changed and whether there is more.
 */
export async function sweepAccounts(db: Db, phase: SweepRunDoc['phase'], year: number, now: number, budgetEnd: number, visit: Visit): Promise<{ count: number; more: boolean }> {
  const runId = runIdFor(phase, year)
  const run = (await findById<SweepRunDoc>(db, POLICIES, runId)) ?? { _id: runId, kind: 'run', phase, year, cursor: null, done: false, count: 0, updatedAt: now }
  if (run.done) return { count: 0, more: false }
  const policies = new Map<string, DueLots>()
  for (const p of await readAll<PointsPolicyDoc>(db, POLICIES, { kind: 'policy' })) {
    const due = lotsDueAt(p, year)
    if (due) policies.set(p.countyId, due)
  }
  const counties = new Map<string, OrgDoc>()
  let count = 0
  let cursor = run.cursor
  let done = policies.size === 0
  while (!done) {
    const q = db.collection(ACCOUNTS).where(cursor ? { _id: db.command.gt(cursor) } : {})
    const page = (await q.orderBy('_id', 'asc').limit(CHUNK).get()).data as AccountDoc[]
    const profiles = await findByIds<{ _id: string; orgId: string }>(db, COLLECTIONS.profiles, page.map((a) => a._id), { orgId: true })
    const orgs = await getOrgs(db, [...new Set([...profiles.values()].map((p) => p.orgId))])
    const missing = [...new Set([...orgs.values()].map(countyOf))].filter((id) => !counties.has(id))
    for (const [id, c] of await getOrgs(db, missing)) counties.set(id, c)
    for (const a of page) {
      const org = orgs.get(profiles.get(a._id)?.orgId ?? '')
      const county = org ? counties.get(countyOf(org)) : undefined
      const due = county ? policies.get(county._id) : undefined
      if (county && due && (await visit(a, county, due))) count++
    }
    if (page.length < CHUNK) done = true
    else cursor = page[page.length - 1]._id
    const next: SweepRunDoc = { ...run, cursor, done, count: run.count + count, updatedAt: now }
    const { _id, ...data } = next
    await db.collection(POLICIES).doc(_id).set({ data })
    if (!done && Date.now() > budgetEnd) return { count, more: true }
  }
  return { count, more: false }
}

/**
 * Expires what is left of a due lot, in a transaction on the youth's own account: computed from the
 * account as it stands there, so a spend racing the sweep is counted first, and never more than the
 * balance. Once per (account, lot) by the entry's id.
 */
export async function expireLot(db: Db, userId: string, county: OrgDoc, lot: number, now: number): Promise<boolean> {
  return transaction(db, async (tx) => {
    const account = await txGet<AccountDoc>(tx, ACCOUNTS, userId)
    const amount = unspentOf(account, lot)
    if (!account || amount <= 0) return false
    const draft = expiryDraft(userId, lot, amount, county)
    if (await txGetEntry(tx, draft._id)) return false
    await postEntries(tx, { userId, openid: account.openid }, [draft], now)
    return true
  })
}

export const REMINDER_PAGE = 'packages/mall/pages/ledger/index'

/** The month-ahead reminder of a year end's due lots, to a youth who asked for it; null when there is nothing to tell. */
export function expiryReminder(account: AccountDoc, county: Pick<OrgDoc, '_id'>, due: DueLots, deadline: number): OutboxMessage | null {
  const amount = unspentWithin(account, due)
  if (!account.remindExpiry || amount <= 0) return null
  return {
    template: 'points_expiring',
    subject: account._id,
    // One reminder per youth and year end (the newest lot it expires names it).
    occurrence: due.last,
    orgId: county._id,
    to: { openid: account.openid, name: '' },
    page: REMINDER_PAGE,
    data: { thing1: `${amount} 益币即将过期`, time2: shanghaiTime(deadline - 60_000), thing3: '到期未使用的益币将清零，请及时兑换' },
  }
}


/**
 * The expiry timer's work at `now`: first the year end just passed (expiries), then — from
 * NOTICE_DAYS before the next year end — that year end's reminders. Stops taking new chunks at
 * `budgetEnd`; the next run goes on.
 */
export async function runExpiry(db: Db, now: number, budgetEnd: number): Promise<{ expired: number; reminded: number; more: boolean }> {
  const year = shanghaiYear(now)
  const expired = await sweepAccounts(db, 'expire', year, now, budgetEnd, async (a, county, due) => {
    let any = false
    // Oldest first, each against the account as the last one left it.
    for (const lot of lotsWithin(a, due)) if (unspentOf(a, lot) > 0 && (await expireLot(db, a._id, county, lot, now))) any = true
    return any
  })
  if (expired.more) return { expired: expired.count, reminded: 0, more: true }
  const coming = yearStart(year + 1)
  if (now < coming - NOTICE_DAYS * DAY_MS) return { expired: expired.count, reminded: 0, more: false }
  const reminded = await sweepAccounts(db, 'remind', year + 1, now, budgetEnd, (a, county, due) => {
    // Written on its own: its id is the once, and the amount is what the chunk just read.
    const m = expiryReminder(a, county, due, coming)
    return m ? enqueueNow(db, m, now).then(() => true) : Promise.resolve(false)
  })
  return { expired: expired.count, reminded: reminded.count, more: reminded.more }
}
