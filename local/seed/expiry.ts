import { shanghaiEpoch } from '../../types/day'
import { applyEntries, EMPTY_TOTALS, entryDoc, entryOrg, shanghaiYear, withVersion, type AccountDoc, type EntryDraft, type LedgerEntryDoc, type PointsPolicyDoc } from '../../cloudfunctions/_core/ledger'
import type { OrgDoc } from '../../cloudfunctions/_core/org/org.rules'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { requestHash } from '../../cloudfunctions/_core/runtime/idempotency'
import type { Secrets } from '../../cloudfunctions/_core/runtime/secrets'
import { adjustIdFor } from '../../cloudfunctions/points/actions/adjust/adjust-points'
import { uuidFrom } from './activities'
import type { SeedStore } from './store'

/**
 * 阳城's expiry of 益币 (docs/domain.md "益币 that expire") and an award that falls under it:
 * 张文静 (dev-admin, the county's admin) set "the end of the year after" in March of last year, and
 * in December of last year she awarded 王晓青 (dev-youth) 30 益币 as that year's 优秀志愿者. That lot
 * expires at the start of next year, so in the weeks before the year end the 益币 tab tells her how
 * much of it is left to expire — less what she spent since, as spending takes the oldest first.
 * Both are built as setPointsPolicy and adjustPoints build them.
 */

const COUNTY = 'yc'
const COUNTY_ADMIN = 'dev-admin'

/** The award: to whom, how much, and the reason of last year's (`year`) honour. */
export const SEED_AWARD = { openid: 'dev-youth', amount: 30, reason: (year: number) => `${year}年度优秀志愿者` } as const

/** When the seed says the award was made: December 20 of the year before `now`'s, at 10:00. */
export function seedAwardAt(now: number): number {
  return shanghaiEpoch(`${shanghaiYear(now) - 1}-12-20`, '10:00')!
}

/** The policy as the county admin set it on March 1 of the year before `now`'s: 益币 expire at the end of the year after. */
export function seedPolicy(now: number): PointsPolicyDoc {
  return withVersion(null, COUNTY, 1, COUNTY_ADMIN, shanghaiEpoch(`${shanghaiYear(now) - 1}-03-01`, '09:00')!)
}

/**
 * Writes the policy and posts the award onto the youth's account. Called by the mall seed before
 * its orders, so their debits see the award (the account then stays the sum of its entries in the
 * order they happened: the award is older than everything the activities credited).
 */
export function seedExpiry(store: SeedStore, secrets: Secrets, now: number): LedgerEntryDoc {
  const policy = seedPolicy(now)
  store.upsert(COLLECTIONS.pointsPolicies, { ...policy })

  const at = seedAwardAt(now)
  const reason = SEED_AWARD.reason(shanghaiYear(at))
  const owner = { userId: userIdFor(secrets, SEED_AWARD.openid), openid: SEED_AWARD.openid }
  const id = adjustIdFor(COUNTY_ADMIN, uuidFrom(`award|${owner.openid}|${reason}`))
  const county = store.get(COLLECTIONS.orgs, COUNTY) as OrgDoc | null | undefined
  if (!county) throw new Error(`seed award: no org ${COUNTY}`)
  const draft: EntryDraft = {
    _id: id,
    kind: 'adjust',
    amount: SEED_AWARD.amount,
    title: `奖励：${reason}`,
    ref: { type: 'adjustment', id },
    reverses: null,
    // The county admin's role is at the county itself: the award answers to it.
    ...entryOrg(county),
    adjust: { by: COUNTY_ADMIN, reason, requestHash: requestHash({ userId: owner.userId, amount: SEED_AWARD.amount, reason }) },
  }
  const account = store.get(COLLECTIONS.accounts, owner.userId) as AccountDoc | null | undefined
  // `at` dates the award's lot (last year's), whatever the account already holds.
  const totals = applyEntries(account ?? EMPTY_TOTALS, [draft], at)
  const entry = entryDoc(draft, owner, at)
  store.upsert(COLLECTIONS.ledgerEntries, { ...entry })
  store.upsert(COLLECTIONS.accounts, { _id: owner.userId, openid: owner.openid, ...account, ...totals, updatedAt: Math.max(account?.updatedAt ?? at, at) })
  return entry
}
