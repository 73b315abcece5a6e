import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { database } from '../../../cloudfunctions/_core/runtime/db'
import { expiryIdFor, runExpiry, unspentOf } from '../../../cloudfunctions/_core/ledger'
import { putYouth } from '../../fixtures/mall'
import { spend } from '../hours/fixtures'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * docs/domain.md "益币 that expire": a county's optional policy; spending takes the oldest 益币
 * first; at a year end what is left of the lot due becomes one expiry entry, once, never below zero;
 * the balance says so ahead of time and the youth who asked are reminded a month before.
 */
const at = (iso: string) => Date.parse(`${iso}+08:00`)
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())
afterEach(() => cloud.clock.set(TEST_NOW))

const account = (userId: string) => cloud.emulator.store.get(COLLECTIONS.accounts, userId) as Record<string, any>
const entries = (userId: string) => cloud.docs(COLLECTIONS.ledgerEntries, { accountId: userId })
const sum = (userId: string) => entries(userId).reduce((n, e) => n + e.amount, 0)
const runAt = async (iso: string) => {
  cloud.clock.set(at(iso))
  return ok(await cloud.timer('points', 'expirePoints')) as { expired: number; reminded: number; more: boolean }
}
/** 益币 that came in at `iso`: a cadre's award, so it joins that year's lot. */
async function earn(openid: string, userId: string, amount: number, iso: string) {
  cloud.clock.set(at(iso))
  ok(await cloud.as('dev-cadre').points.adjustPoints({ requestId: randomUUID(), userId, amount, reason: '志愿服务奖励' }))
}
async function policy(years: number | null, iso: string, county = 'yc', who = 'dev-admin') {
  cloud.clock.set(at(iso))
  return cloud.as(who).points.setPointsPolicy({ countyId: county, expireAfterYears: years })
}
const clearPolicies = () => {
  for (const d of cloud.docs(COLLECTIONS.pointsPolicies)) cloud.emulator.store.remove(COLLECTIONS.pointsPolicies, { _id: d._id })
}

describe('the county policy', () => {
  afterEach(clearPolicies)

  it('is set by the county’s admin only, audited, and read back with its next year end; the youth’s balance says whether it expires 益币', async () => {
    const offered = async () => ok(await cloud.as('dev-youth').points.balance({})).expiryPolicy
    cloud.clock.set(at('2026-02-01T09:00'))
    expect(await offered()).toBe(false)
    const set = ok(await policy(1, '2026-03-01T09:00'))
    expect(await offered()).toBe(true)
    expect(set.policy).toEqual({ countyId: 'yc', countyName: expect.any(String), expireAfterYears: 1, nextDeadline: at('2027-01-01T00:00'), setAt: at('2026-03-01T09:00') })
    expect(cloud.docs(COLLECTIONS.auditLogs, { action: 'points.setPointsPolicy' }).at(-1)).toMatchObject({ actor: 'dev-admin', orgId: 'yc', detail: { before: null, after: 1 } })
    cloud.clock.set(at('2026-06-01T09:00'))
    expect(ok(await cloud.as('dev-cadre').points.getPointsPolicy({ countyId: 'yc' })).policy.expireAfterYears).toBe(1)
    // A change less than 30 days before a year end leaves that year end to the version before it.
    const late = ok(await policy(null, '2026-12-10T09:00'))
    expect(late.policy).toMatchObject({ expireAfterYears: null, nextDeadline: at('2027-01-01T00:00') })
    expect(await offered()).toBe(true) // the coming year end still expires what is due
    cloud.clock.set(at('2027-01-02T09:00'))
    expect(await offered()).toBe(false)
    expect(ok(await cloud.as('dev-admin').points.getPointsPolicy({ countyId: 'yc' })).policy).toMatchObject({ expireAfterYears: null, nextDeadline: null })
  })

  it('refuses a township cadre, another county’s admin, an org that is not a county, and bad years', async () => {
    const before = snapshot(cloud, [COLLECTIONS.pointsPolicies, COLLECTIONS.auditLogs])
    expect(errCode(await policy(1, '2026-03-01T09:00', 'yc', 'dev-cadre'))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await policy(1, '2026-03-01T09:00', 'yc', 'dev-yuci-admin'))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await policy(1, '2026-03-01T09:00', 'yc-rc', 'dev-admin'))).toBe('POINTS.POLICY_COUNTY_ONLY')
    for (const years of [0, 6, 1.5, '1', -1]) {
      expect(errCode(await cloud.as('dev-admin').points.setPointsPolicy({ countyId: 'yc', expireAfterYears: years as number }))).toBe('GENERIC.BAD_INPUT')
    }
    expect(snapshot(cloud, [COLLECTIONS.pointsPolicies, COLLECTIONS.auditLogs])).toBe(before)
  })
})

describe('expiry', () => {
  afterEach(clearPolicies)

  it('spends the oldest 益币 first, says ahead what will expire, reminds once a month before, and expires the rest once at the year end', async () => {
    ok(await policy(1, '2025-01-10T09:00'))
    const u = putYouth(cloud, 'ex-fifo')
    await earn('ex-fifo', u, 50, '2025-06-01T10:00') // the 2025 lot: expires at the end of 2026
    await earn('ex-fifo', u, 30, '2026-03-01T10:00') // the 2026 lot: the end of 2027
    cloud.clock.set(at('2026-04-01T10:00'))
    await spend(cloud, 'ex-fifo', 20, `ex-fifo-${randomUUID()}`) // taken from 2025's 50
    expect(account(u).lots).toEqual({ 2025: 50, 2026: 30 })

    // Months ahead the balance says nothing; within 90 days it says what and when.
    cloud.clock.set(at('2026-08-01T10:00'))
    expect(ok(await cloud.as('ex-fifo').points.balance({})).expiring).toBeNull()
    cloud.clock.set(at('2026-11-01T10:00'))
    const b = ok(await cloud.as('ex-fifo').points.balance({}))
    expect(b).toMatchObject({ balance: 60, adjusted: 80, spent: 20, expiring: { amount: 30, at: at('2026-12-31T23:59') }, remindExpiry: false })

    // The reminder goes a month ahead, to those who asked, once however often the timer runs.
    ok(await cloud.as('ex-fifo').points.setExpiryReminder({ on: true }))
    expect(account(u)).toMatchObject({ remindExpiry: true, balance: 60 })
    expect(await runAt('2026-11-20T10:30')).toEqual({ expired: 0, reminded: 0, more: false })
    cloud.clock.set(at('2026-12-02T10:30'))
    const reminders = await Promise.all([cloud.timer('points', 'expirePoints'), cloud.timer('points', 'expirePoints')])
    // Two runs at once may both reach the account: the message is written once either way.
    expect(reminders.map((r) => (ok(r) as { reminded: number }).reminded).reduce((a, n) => a + n, 0)).toBeGreaterThanOrEqual(1)
    expect(await runAt('2026-12-03T10:30')).toEqual({ expired: 0, reminded: 0, more: false })
    const sent = cloud.docs(COLLECTIONS.outbox, { template: 'points_expiring', subject: u })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ to: { openid: 'ex-fifo' }, data: { thing1: '30 益币即将过期', time2: expect.stringContaining('2026') } })

    // Spending in between is taken from the old lot first: less is left to expire.
    cloud.clock.set(at('2026-12-20T10:00'))
    await spend(cloud, 'ex-fifo', 5, `ex-fifo-${randomUUID()}`)
    expect(ok(await cloud.as('ex-fifo').points.balance({})).expiring).toEqual({ amount: 25, at: at('2026-12-31T23:59') })

    // The year end: two runs at once expire it once.
    cloud.clock.set(at('2027-01-01T00:30'))
    const runs = await Promise.all([cloud.timer('points', 'expirePoints'), cloud.timer('points', 'expirePoints')])
    expect(runs.map((r) => ok(r as never) as { expired: number }).reduce((a, r) => a + r.expired, 0)).toBe(1)
    expect(await runAt('2027-01-01T01:30')).toEqual({ expired: 0, reminded: 0, more: false })
    const expiry = cloud.emulator.store.get(COLLECTIONS.ledgerEntries, expiryIdFor(u, 2025)) as Record<string, any>
    expect(expiry).toMatchObject({ kind: 'expiry', amount: -25, title: '2025年获得的益币到期', orgId: 'yc', underOrgs: ['yc'], lot: 2025 })
    // The lot keeps what was spent of it, not what expired: nothing is left of it to expire again.
    expect(account(u)).toMatchObject({ balance: 30, expired: 25, lots: { 2025: 25, 2026: 30 } })
    expect(unspentOf(account(u) as never, 2025)).toBe(0)
    expect(sum(u)).toBe(30)
    const after = ok(await cloud.as('ex-fifo').points.balance({}))
    expect(after).toMatchObject({ balance: 30, expired: 25, expiring: null })
    expect(ok(await cloud.as('ex-fifo').points.listLedger({})).items[0]).toMatchObject({ kind: 'expiry', amount: -25 })
    // The 2026 lot is whole and goes at the end of 2027.
    cloud.clock.set(at('2027-12-01T10:00'))
    expect(ok(await cloud.as('ex-fifo').points.balance({})).expiring).toEqual({ amount: 30, at: at('2027-12-31T23:59') })
  })

  it('expires nothing without a policy, under a policy set less than 30 days before the year end, or of a balance in debt', async () => {
    const none = putYouth(cloud, 'ex-none')
    await earn('ex-none', none, 40, '2025-05-01T10:00')
    expect(await runAt('2027-01-01T00:30')).toMatchObject({ expired: 0 })
    expect(entries(none).filter((e) => e.kind === 'expiry')).toEqual([])

    ok(await policy(1, '2026-12-15T10:00'))
    expect(await runAt('2027-01-01T02:30')).toMatchObject({ expired: 0 }) // the run for 2027 is done already
    cloud.emulator.store.remove(COLLECTIONS.pointsPolicies, { _id: 'run_expire_2027' })
    expect(await runAt('2027-01-01T03:30')).toMatchObject({ expired: 0 }) // and even run again, the late policy does not govern it
    expect(account(none).balance).toBe(40)

    clearPolicies()
    ok(await policy(1, '2025-01-10T09:00'))
    const debt = putYouth(cloud, 'ex-debt')
    await earn('ex-debt', debt, 10, '2025-05-01T10:00')
    cloud.emulator.store.upsert(COLLECTIONS.accounts, { ...account(debt), balance: -5, earned: -15 })
    cloud.emulator.store.upsert(COLLECTIONS.ledgerEntries, { _id: `le_rv_fx_${debt}`, accountId: debt, openid: 'ex-debt', amount: -15, kind: 'reversal', title: '撤销', ref: { type: 'participation', id: 'p' }, reverses: 'x', orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], lot: 2026, at: at('2026-05-01T10:00') })
    expect(unspentOf(account(debt) as never, 2025)).toBe(0)
    cloud.emulator.store.remove(COLLECTIONS.pointsPolicies, { _id: 'run_expire_2027' })
    await runAt('2027-01-01T04:30')
    expect(entries(debt).filter((e) => e.kind === 'expiry')).toEqual([])
    expect(account(debt).balance).toBe(-5)
  })

  it('works in chunks within its budget, keeps its place, and covers every account once across runs', async () => {
    ok(await policy(1, '2025-01-10T09:00'))
    const many = Array.from({ length: 230 }, (_, i) => putYouth(cloud, `ex-many-${String(i).padStart(3, '0')}`))
    cloud.clock.set(at('2025-07-01T10:00'))
    for (const u of many) {
      const a = account(u) ?? { _id: u, openid: `o-${u}`, balance: 0, earned: 0, spent: 0, updatedAt: 0 }
      cloud.emulator.store.upsert(COLLECTIONS.accounts, { ...a, balance: 3, adjusted: 3, lots: { 2025: 3 } })
      cloud.emulator.store.upsert(COLLECTIONS.ledgerEntries, { _id: `le_aj_fx_${u}`, accountId: u, openid: a.openid, amount: 3, kind: 'adjust', title: '奖励', ref: { type: 'adjustment', id: `le_aj_fx_${u}` }, reverses: null, orgId: 'yc', underOrgs: ['yc'], lot: 2025, at: at('2025-07-01T10:00') })
    }
    cloud.emulator.store.remove(COLLECTIONS.pointsPolicies, { _id: 'run_expire_2027' })
    const now = at('2027-01-01T05:30')
    // Every account with something left of 2025 (these 230, and any earlier test's) is due exactly once.
    const due = cloud.docs(COLLECTIONS.accounts).filter((a) => unspentOf(a as never, 2025) > 0).length
    expect(due).toBeGreaterThanOrEqual(230)
    // A spent budget: each run does one chunk and says there is more.
    let total = 0
    let runs = 0
    for (let more = true; more; runs++) {
      const r = await runExpiry(database(), now, 0)
      total += r.expired
      more = r.more
    }
    expect(runs).toBeGreaterThanOrEqual(3)
    for (const u of many) {
      expect(account(u)).toMatchObject({ balance: 0, expired: 3 })
      expect(cloud.emulator.store.get(COLLECTIONS.ledgerEntries, expiryIdFor(u, 2025))).toMatchObject({ amount: -3 })
    }
    expect(total).toBe(due)
    expect(await runExpiry(database(), now, Date.now() + 10_000)).toEqual({ expired: 0, reminded: 0, more: false })
    expect(cloud.emulator.store.get(COLLECTIONS.pointsPolicies, 'run_expire_2027')).toMatchObject({ done: true })
  })

  it('never expires more than is left when spending races the sweep', async () => {
    ok(await policy(1, '2025-01-10T09:00'))
    cloud.emulator.store.remove(COLLECTIONS.pointsPolicies, { _id: 'run_expire_2027' })
    const u = putYouth(cloud, 'ex-race')
    await earn('ex-race', u, 20, '2025-05-01T10:00')
    cloud.clock.set(at('2027-01-01T06:30'))
    const [spent] = await Promise.allSettled([spend(cloud, 'ex-race', 15, `ex-race-${randomUUID()}`), cloud.timer('points', 'expirePoints')])
    const expired = -(entries(u).find((e) => e.kind === 'expiry')?.amount ?? 0)
    const spentNow = spent.status === 'fulfilled' ? 15 : 0
    expect(spentNow + expired).toBeLessThanOrEqual(20)
    expect(account(u).balance).toBeGreaterThanOrEqual(0)
    expect(account(u).balance).toBe(sum(u))
    expect(account(u).balance).toBe(20 - spentNow - expired)
  })

  it('a shortened period expires, at its first year end, the lot the longer one would have taken too; lots from before the policy stay', async () => {
    ok(await policy(2, '2024-01-10T09:00'))
    const u = putYouth(cloud, 'ex-short')
    // The first year end the policy governs is the end of 2024 (set more than 30 days before), which takes 2022's lot: 2021's is older.
    await earn('ex-short', u, 15, '2021-05-01T10:00')
    await earn('ex-short', u, 40, '2024-05-01T10:00') // under 2 years: the end of 2026
    await earn('ex-short', u, 30, '2025-05-01T10:00') // under 2 years: the end of 2027; under 1: the end of 2026
    ok(await policy(1, '2026-06-01T10:00'))
    // The end of 2026 now takes both: 2024's lot under the old period and 2025's under the new.
    cloud.clock.set(at('2026-11-01T10:00'))
    expect(ok(await cloud.as('ex-short').points.balance({})).expiring).toEqual({ amount: 70, at: at('2026-12-31T23:59') })
    ok(await cloud.as('ex-short').points.setExpiryReminder({ on: true }))
    await runAt('2026-12-02T10:30')
    expect(cloud.docs(COLLECTIONS.outbox, { template: 'points_expiring', subject: u }).map((m) => m.data.thing1)).toEqual(['70 益币即将过期'])
    await runAt('2027-01-01T00:30')
    expect(entries(u).filter((e) => e.kind === 'expiry').map((e) => [e.lot, e.amount]).sort()).toEqual([
      [2024, -40],
      [2025, -30],
    ])
    // 2021's lot is older than any the policy reaches back to: it never expires.
    expect(account(u)).toMatchObject({ balance: 15, expired: 70 })
    expect(await runAt('2027-01-01T01:30')).toEqual({ expired: 0, reminded: 0, more: false })
    cloud.clock.set(at('2027-11-01T10:00'))
    expect(ok(await cloud.as('ex-short').points.balance({})).expiring).toBeNull()
    expect(sum(u)).toBe(15)
  })
})
