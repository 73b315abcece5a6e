import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { putYouth } from '../../fixtures/mall'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * docs/domain.md "Adjustments": an admin's or cadre's award or deduction is a new `adjust` entry with
 * a reason — never an edit — audited, once per request key, and a deduction never takes a balance
 * below zero. Through the real SDK against the emulator.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const award = (openid: string, userId: string, amount: number, reason = '护河志愿服务表现突出', requestId: string = randomUUID()) =>
  cloud.as(openid).points.adjustPoints({ requestId, userId, amount, reason })
const account = (userId: string) => cloud.emulator.store.get(COLLECTIONS.accounts, userId) as Record<string, any>
const entries = (userId: string) => cloud.docs(COLLECTIONS.ledgerEntries, { accountId: userId })
const sum = (userId: string) => entries(userId).reduce((n, e) => n + e.amount, 0)
const audits = (userId: string) => cloud.docs(COLLECTIONS.auditLogs, { action: 'points.adjustPoints' }).filter((a) => a.target.id === userId)
const MONEY = [COLLECTIONS.accounts, COLLECTIONS.ledgerEntries, COLLECTIONS.auditLogs]

describe('adjustPoints', () => {
  it('awards as a new adjust entry answering to the cadre’s org, moves the totals with it, and writes one audit entry', async () => {
    const u = putYouth(cloud, 'aj-award', { balance: 10 })
    cloud.clock.advance(60_000)
    const { entry, account: summary } = ok(await award('dev-cadre', u, 25, '获评月度优秀志愿者'))
    expect(entry).toMatchObject({ kind: 'adjust', amount: 25, title: '奖励：获评月度优秀志愿者', reverses: null })
    expect(summary).toMatchObject({ userId: u, balance: 35, earned: 10, spent: 0, adjusted: 25, expired: 0, realName: '陈青青', phoneMasked: '138****5678' })
    const doc = cloud.emulator.store.get(COLLECTIONS.ledgerEntries, entry.id) as Record<string, any>
    // 李建国's role is at 润城镇: the entry answers to it, not to the youth's branch or the county.
    expect(doc).toMatchObject({ accountId: u, orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], ref: { type: 'adjustment', id: entry.id }, adjust: { by: 'dev-cadre', reason: '获评月度优秀志愿者' } })
    expect(account(u)).toMatchObject({ balance: 35, earned: 10, adjusted: 25 })
    expect(sum(u)).toBe(35)
    const [audit] = audits(u)
    expect(audits(u)).toHaveLength(1)
    expect(audit).toMatchObject({ actor: 'dev-cadre', orgId: 'yc-rc-b1', detail: { amount: 25, before: 10, after: 35, entryId: entry.id } })
    // The youth reads it in their own ledger, newest first.
    const ledger = ok(await cloud.as('aj-award').points.listLedger({}))
    expect(ledger.items[0]).toMatchObject({ id: entry.id, kind: 'adjust', amount: 25 })
  })

  it('answers to the county when the county’s admin adjusts', async () => {
    const u = putYouth(cloud, 'aj-county', { balance: 5 })
    const { entry } = ok(await award('dev-admin', u, 3))
    expect(cloud.emulator.store.get(COLLECTIONS.ledgerEntries, entry.id)).toMatchObject({ orgId: 'yc', underOrgs: ['yc'] })
  })

  it('deducts down to exactly zero, and refuses a deduction beyond the balance with nothing written', async () => {
    const u = putYouth(cloud, 'aj-deduct', { balance: 12 })
    const before = snapshot(cloud, MONEY)
    expect(errCode(await award('dev-cadre', u, -13, '重复登记的时长'))).toBe('POINTS.ADJUST_BELOW_ZERO')
    expect(snapshot(cloud, MONEY)).toBe(before)
    const { entry, account: summary } = ok(await award('dev-cadre', u, -12, '重复登记的时长'))
    expect(entry).toMatchObject({ kind: 'adjust', amount: -12, title: '扣减：重复登记的时长' })
    expect(summary.balance).toBe(0)
    expect(errCode(await award('dev-cadre', u, -1, '重复登记的时长'))).toBe('POINTS.ADJUST_BELOW_ZERO')
    expect(account(u)).toMatchObject({ balance: 0, earned: 12, adjusted: -12 })
  })

  it('refuses a deduction while a debt is owed, but still allows an award (it pays the debt)', async () => {
    const u = putYouth(cloud, 'aj-debt')
    cloud.emulator.store.upsert(COLLECTIONS.accounts, { _id: u, openid: 'aj-debt', balance: -4, earned: -4, spent: 0, updatedAt: cloud.clock.now() })
    cloud.emulator.store.upsert(COLLECTIONS.ledgerEntries, { _id: `le_rv_fixture_${u}`, accountId: u, openid: 'aj-debt', amount: -4, kind: 'reversal', title: '撤销', ref: { type: 'participation', id: 'p' }, reverses: 'x', orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], at: cloud.clock.now() })
    expect(errCode(await award('dev-cadre', u, -1))).toBe('POINTS.ADJUST_BELOW_ZERO')
    expect(ok(await award('dev-cadre', u, 6)).account.balance).toBe(2)
    expect(sum(u)).toBe(2)
  })

  it('moves the balance once per request key: a retry answers the first entry, fifty copies at once land once, another payload is refused', async () => {
    const u = putYouth(cloud, 'aj-replay', { balance: 1 })
    const key = randomUUID()
    const first = ok(await award('dev-cadre', u, 7, '活动摄影', key))
    const again = ok(await award('dev-cadre', u, 7, '活动摄影', key))
    expect(again.entry).toEqual(first.entry)
    expect(again.account.balance).toBe(8)
    expect(errCode(await award('dev-cadre', u, 8, '活动摄影', key))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(errCode(await award('dev-cadre', u, 7, '活动摄影（改）', key))).toBe('GENERIC.DUPLICATE_REQUEST')

    const storm = randomUUID()
    const answers = await Promise.all(Array.from({ length: 50 }, () => award('dev-cadre', u, 5, '暴雨抢险', storm)))
    expect(answers.map((a) => (a.ok ? a.data.entry.id : a.error.code))).toEqual(Array(50).fill(answers[0].ok && answers[0].data.entry.id))
    expect(account(u).balance).toBe(13)
    expect(sum(u)).toBe(13)
    expect(audits(u)).toHaveLength(2)
    // The same key from another cadre is another adjustment: the key is the caller's.
    expect(ok(await award('dev-admin', u, 7, '活动摄影', key)).entry.id).not.toBe(first.entry.id)
  })

  it('refuses anyone whose roles do not cover the youth, and an unknown youth, before anything is read or written', async () => {
    const u = putYouth(cloud, 'aj-scope', { balance: 9 })
    const before = snapshot(cloud, MONEY)
    expect(errCode(await award('dev-yuci-admin', u, 5))).toBe('AUTH.FORBIDDEN') // another county
    expect(errCode(await award('dev-youth', u, 5))).toBe('AUTH.FORBIDDEN') // no role
    expect(errCode(await award('dev-rep', u, 5))).toBe('AUTH.FORBIDDEN') // not a managing role
    expect(errCode(await award('aj-scope', u, 5))).toBe('AUTH.FORBIDDEN') // oneself, without a role
    // A cadre never adjusts their own 益币, though their role covers their own org.
    expect(errCode(await award('dev-cadre', userIdFor(cloud.secrets, 'dev-cadre'), 5))).toBe('POINTS.ADJUST_SELF')
    expect(errCode(await award(null as unknown as string, u, 5))).toBe('AUTH.UNAUTHENTICATED')
    expect(errCode(await award('dev-cadre', userIdFor(cloud.secrets, 'nobody-at-all'), 5))).toBe('USER.NOT_FOUND')
    expect(errCode(await cloud.as('dev-yuci-admin').points.youthAccount({ userId: u }))).toBe('AUTH.FORBIDDEN')
    expect(snapshot(cloud, MONEY)).toBe(before)
  })

  it('refuses a reason that fails the content check, with no trace', async () => {
    const u = putYouth(cloud, 'aj-risky', { balance: 9 })
    const before = snapshot(cloud, MONEY)
    expect(errCode(await award('dev-cadre', u, 5, '参与赌博活动奖励'))).toBe('GENERIC.CONTENT_RISKY')
    expect(snapshot(cloud, MONEY)).toBe(before)
  })

  it.each([
    ['a zero amount', { amount: 0 }],
    ['a fraction', { amount: 1.5 }],
    ['an amount as text', { amount: '10' }],
    ['more than one award may give', { amount: 100001 }],
    ['more than one deduction may take', { amount: -100001 }],
    ['NaN', { amount: Number.NaN }],
    ['a one-character reason', { reason: '好' }],
    ['a long reason', { reason: '奖'.repeat(61) }],
    ['a reason with a control character', { reason: '奖励\u0007说明' }],
    ['a reason with a line break', { reason: '奖励\n说明' }],
    ['a malformed request key', { requestId: 'not-a-uuid' }],
    ['a malformed user id', { userId: '../u' }],
    ['an extra field', { orgId: 'yc' }],
    ['an operator key', { $inc: { balance: 5 } }],
  ])('refuses %s with GENERIC.BAD_INPUT and no trace', async (_l, over) => {
    const u = putYouth(cloud, 'aj-bad', { balance: 9 })
    const before = snapshot(cloud, MONEY)
    const res = await cloud.as('dev-cadre').points.adjustPoints({ requestId: randomUUID(), userId: u, amount: 5, reason: '护河志愿服务', ...over })
    expect(errCode(res)).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud, MONEY)).toBe(before)
  })

  it('shows a cadre in scope the account with its totals, and nobody’s full phone', async () => {
    const u = putYouth(cloud, 'aj-view', { balance: 40 })
    ok(await award('dev-cadre', u, -10, '重复登记的时长'))
    const { account: a } = ok(await cloud.as('dev-admin').points.youthAccount({ userId: u }))
    expect(a).toEqual({ userId: u, realName: '陈青青', phoneMasked: '138****5678', orgName: expect.any(String), balance: 30, earned: 40, spent: 0, adjusted: -10, expired: 0, expiring: null })
    expect(JSON.stringify(a)).not.toMatch(/1\d{10}/)
  })
})
