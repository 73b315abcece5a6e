import { ended, putActivity, putAttendance } from '../../fixtures/activities'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { accountOf, att, decl, entriesOf, putDeclaration, spend as spendAs, totalsOf } from './fixtures'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const audits = (action: string) => cloud.docs('audit_logs', { action: `activity.${action}` })
const approve = (who: string, item: { kind: 'attendance' | 'declaration'; id: string }) => cloud.as(who).activity.approveHours({ items: [item] })
const reverse = (who: string, item: { kind: 'attendance' | 'declaration'; id: string }) =>
  cloud.as(who).activity.reverseApproval({ item, reason: '复核发现签到异常' })

const spend = (openid: string, amount: number, key: string) => spendAs(cloud, openid, amount, key)

describe('reverseApproval', () => {
  it('sends the record back to pending, subtracts the minutes and reverses the credit with a new entry naming it, audited in the same transaction', async () => {
    const a = putActivity(cloud, ended('rv-basic', { pointsPerHour: 2 }))
    const p = putAttendance(cloud, a, 'y-rv', { minutes: 150 })
    ok(await approve('dev-cadre', att(p)))
    const credit = entriesOf(cloud, 'y-rv')[0]
    const before = audits('reverseApproval').length

    const { result } = ok(await reverse('dev-admin', att(p)))
    expect(result).toEqual({ id: p._id, ok: true, code: null, message: null })
    expect(cloud.emulator.store.get('participations', p._id)).toMatchObject({ review: 'pending', approvedMinutes: 0, approvals: 1 })
    expect(totalsOf(cloud, 'y-rv')).toMatchObject({ attendedMinutes: 0 })
    const entries = entriesOf(cloud, 'y-rv')
    expect(entries).toHaveLength(2)
    expect(entries.find((e) => e._id === credit._id)).toEqual(credit) // the credit itself is untouched
    expect(entries.find((e) => e.kind === 'reversal')).toMatchObject({ _id: `le_rv_${p._id}_1`, amount: -5, reverses: credit._id, ref: credit.ref })
    expect(accountOf(cloud, 'y-rv')).toMatchObject({ balance: 0, earned: 0, spent: 0 })
    const after = audits('reverseApproval')
    expect(after).toHaveLength(before + 1)
    expect(after[after.length - 1]).toMatchObject({
      actor: 'dev-admin',
      target: { type: 'hours', id: p._id },
      detail: { decision: 'reverse', reason: '复核发现签到异常', items: [{ kind: 'attendance', id: p._id, ok: true, code: null }] },
    })
  })

  it('reverses once when sent twice at once', async () => {
    const a = putActivity(cloud, ended('rv-race'))
    const p = putAttendance(cloud, a, 'y-rv-race', { minutes: 60 })
    ok(await approve('dev-cadre', att(p)))
    const replies = await Promise.all(Array.from({ length: 10 }, () => reverse('dev-cadre', att(p))))
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.ok).every((r) => ['HOURS.NOT_APPROVED', 'GENERIC.CONFLICT'].includes(errCode(r)!))).toBe(true)
    expect(entriesOf(cloud, 'y-rv-race').filter((e) => e.kind === 'reversal')).toHaveLength(1)
    expect(accountOf(cloud, 'y-rv-race')).toMatchObject({ balance: 0 })
  })

  it('reverses hours whose 益币 were already spent: the reversal is posted in full and the shortfall is owed (docs/domain.md, "Reversing an approval whose 益币 were spent")', async () => {
    const a = putActivity(cloud, ended('rv-spent'))
    const p = putAttendance(cloud, a, 'y-spent', { minutes: 180 })
    ok(await approve('dev-cadre', att(p)))
    await spend('y-spent', 2, 'order-1')
    expect(accountOf(cloud, 'y-spent')).toMatchObject({ balance: 1, earned: 3, spent: 2 })

    const { result } = ok(await reverse('dev-cadre', att(p)))
    expect(result).toMatchObject({ ok: true })
    expect(cloud.emulator.store.get('participations', p._id)).toMatchObject({ review: 'pending', approvedMinutes: 0 })
    expect(totalsOf(cloud, 'y-spent')).toMatchObject({ attendedMinutes: 0 })
    expect(entriesOf(cloud, 'y-spent').find((e) => e.kind === 'reversal')).toMatchObject({ amount: -3, reverses: `le_cr_${p._id}_1` })
    // Invariant 1 holds: the balance is the sum of the entries, here 3 − 2 − 3 = −2, owed.
    expect(accountOf(cloud, 'y-spent')).toMatchObject({ balance: -2, earned: 0, spent: 2 })
    expect(entriesOf(cloud, 'y-spent').reduce((s, e) => s + e.amount, 0)).toBe(-2)
    expect(ok(await cloud.as('y-spent').points.balance({}))).toEqual({ balance: -2, earned: 0, spent: 2, adjusted: 0, expired: 0, expiring: null, remindExpiry: false, expiryPolicy: false })
  })

  it('refuses spending while a debt is owed, and lets the next credits pay the debt first', async () => {
    const a = putActivity(cloud, ended('rv-debt', { pointsPerHour: 1 }))
    const p = putAttendance(cloud, a, 'y-debt', { minutes: 240 })
    ok(await approve('dev-cadre', att(p)))
    await spend('y-debt', 4, 'order-debt-1')
    ok(await reverse('dev-cadre', att(p)))
    expect(accountOf(cloud, 'y-debt')).toMatchObject({ balance: -4 })

    const before = snapshot(cloud)
    await expect(spend('y-debt', 1, 'order-debt-2')).rejects.toMatchObject({ code: 'POINTS.INSUFFICIENT' })
    expect(snapshot(cloud)).toBe(before)

    // Approved again after review (3 h of the 4 are confirmed): 3 益币 pay 3 of the 4 owed.
    const again = putActivity(cloud, ended('rv-debt-2', { pointsPerHour: 1 }))
    ok(await approve('dev-cadre', att(putAttendance(cloud, again, 'y-debt', { minutes: 180 }))))
    expect(accountOf(cloud, 'y-debt')).toMatchObject({ balance: -1, earned: 3, spent: 4 })
    await expect(spend('y-debt', 1, 'order-debt-3')).rejects.toMatchObject({ code: 'POINTS.INSUFFICIENT' })
    ok(await approve('dev-cadre', att(putAttendance(cloud, putActivity(cloud, ended('rv-debt-3', { pointsPerHour: 1 })), 'y-debt', { minutes: 120 }))))
    expect(accountOf(cloud, 'y-debt')).toMatchObject({ balance: 1 })
    await spend('y-debt', 1, 'order-debt-4')
    expect(accountOf(cloud, 'y-debt')).toMatchObject({ balance: 0, spent: 5 })
  })

  it('reverses declared hours without touching 益币', async () => {
    const d = putDeclaration(cloud, 'dc-rv', 'y-rv-decl', { minutes: 120 })
    ok(await approve('dev-cadre', decl(d)))
    ok(await reverse('dev-cadre', decl(d)))
    expect(cloud.emulator.store.get('declarations', d._id)).toMatchObject({ review: 'pending', approvedMinutes: 0 })
    expect(totalsOf(cloud, 'y-rv-decl')).toMatchObject({ declaredMinutes: 0 })
    expect(entriesOf(cloud, 'y-rv-decl')).toEqual([])
  })

  it.each([
    ['a pending record', 'dev-cadre', 'pending', 'HOURS.NOT_APPROVED'],
    ['a rejected record', 'dev-cadre', 'rejected', 'HOURS.NOT_APPROVED'],
    ['a youth', 'dev-youth', 'approved', 'AUTH.FORBIDDEN'],
    ['a cadre of another township', 'dev-yuci-admin', 'approved', 'AUTH.FORBIDDEN'],
  ] as const)('refuses %s, leaving no trace', async (_l, who, review, code) => {
    const a = putActivity(cloud, ended(`rv-refuse-${review}-${who}`))
    const p = putAttendance(cloud, a, 'y-rv-refuse', { review })
    const before = snapshot(cloud)
    expect(errCode(await reverse(who, att(p)))).toBe(code)
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses reversing one’s own approval of one’s own hours', async () => {
    const a = putActivity(cloud, ended('rv-own', { orgId: 'yc-rc' }))
    const p = putAttendance(cloud, a, 'dev-cadre')
    ok(await approve('dev-admin', att(p)))
    const before = snapshot(cloud)
    expect(errCode(await reverse('dev-cadre', att(p)))).toBe('HOURS.OWN_RECORD')
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('rejectHours', () => {
  it('rejects pending records with the reason, pays nothing, counts nothing, writes one audit entry', async () => {
    const a = putActivity(cloud, ended('rj-basic'))
    const p = putAttendance(cloud, a, 'y-rj', { flags: ['outside_fence'] })
    const d = putDeclaration(cloud, 'dc-rj', 'y-rj')
    const before = audits('rejectHours').length
    const { results } = ok(await cloud.as('dev-cadre').activity.rejectHours({ items: [att(p), decl(d)], reason: '  签到位置不在活动现场 ' }))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(cloud.emulator.store.get('participations', p._id)).toMatchObject({ review: 'rejected', rejectReason: '签到位置不在活动现场', reviewedBy: 'dev-cadre', approvedMinutes: 0 })
    expect(cloud.emulator.store.get('declarations', d._id)).toMatchObject({ review: 'rejected', rejectReason: '签到位置不在活动现场' })
    expect(entriesOf(cloud, 'y-rj')).toEqual([])
    expect(totalsOf(cloud, 'y-rj')).toBeNull()
    expect(audits('rejectHours')).toHaveLength(before + 1)
    expect(audits('rejectHours').pop()).toMatchObject({ detail: { decision: 'reject', reason: '签到位置不在活动现场' } })
  })

  it('refuses without a reason, on approved records, for youth and for one’s own hours; no trace', async () => {
    const a = putActivity(cloud, ended('rj-refuse', { orgId: 'yc-rc' }))
    const p = putAttendance(cloud, a, 'y-rj-2')
    const own = putAttendance(cloud, a, 'dev-cadre')
    ok(await approve('dev-cadre', att(p)))
    const before = snapshot(cloud)
    const reject = (who: string, items: unknown[], reason: unknown = '不符合要求') => cloud.raw('activity', { action: 'rejectHours', payload: { items, reason } }, who)
    expect(errCode(await reject('dev-cadre', [att(p)], '   '))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await reject('dev-cadre', [att(p)], '原因'.repeat(51)))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await reject('dev-cadre', [att(p)]))).toBe('HOURS.NOT_PENDING')
    expect(errCode(await reject('dev-youth', [att(p)]))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await reject('dev-cadre', [att(own)]))).toBe('HOURS.OWN_RECORD')
    expect(snapshot(cloud)).toBe(before)
  })

  it('does not send the youth a reason that fails the content check (errcode 0, suggest risky); no trace', async () => {
    const a = putActivity(cloud, ended('rj-risky'))
    const p = putAttendance(cloud, a, 'y-rj-3')
    const before = snapshot(cloud)
    const res = await cloud.as('dev-cadre').activity.rejectHours({ items: [att(p)], reason: '你这是诈骗' })
    expect(errCode(res)).toBe('GENERIC.CONTENT_RISKY')
    expect(snapshot(cloud)).toBe(before)
  })
})
