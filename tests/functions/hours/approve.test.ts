import { activityContract } from '../../../types/contract/activity'
import { actions } from '../../../cloudfunctions/activity/actions'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import type { Deps } from '../../../cloudfunctions/_core/runtime/context'
import type { Db } from '../../../cloudfunctions/_core/runtime/db'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { ended, putActivity, putAttendance } from '../../fixtures/activities'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { accountOf, att, decl, entriesOf, putDeclaration, totalsOf } from './fixtures'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const audits = (action: string) => cloud.docs('audit_logs', { action: `activity.${action}` })
const approve = (who: string, items: { kind: 'attendance' | 'declaration'; id: string }[]) => cloud.as(who).activity.approveHours({ items })


/**
 * The activity handler over a database whose transactions go through `wrap` (the n-th call, 1-based,
 * and the real run): a test makes the database fail or lose a reply exactly where it means to.
 */
function handlerWithTransactions(wrap: (n: number, run: () => Promise<unknown>) => Promise<unknown>) {
  const real = cloud.deps().db
  let n = 0
  const db = new Proxy(real, {
    get(target, key) {
      if (key === 'runTransaction') return (run: (tx: unknown) => Promise<unknown>, retries?: number) => wrap(++n, () => target.runTransaction(run, retries))
      const v = Reflect.get(target, key)
      return typeof v === 'function' ? v.bind(target) : v
    },
  }) as Db
  return createHandler(activityContract, actions, (): Deps => ({ ...cloud.deps(), db, log: { info: () => {}, error: () => {} } }))
}

describe('approveHours: attendance', () => {
  it('approves in one transaction: state, totals, one credit of whole hours at the activity rate, one audit entry', async () => {
    const a = putActivity(cloud, ended('ap-basic', { pointsPerHour: 3, title: '敬老院志愿服务' }))
    const p = putAttendance(cloud, a, 'y-basic', { minutes: 90 })
    const before = audits('approveHours').length
    const { results } = ok(await approve('dev-cadre', [att(p)]))
    expect(results).toEqual([{ id: p._id, ok: true, code: null, message: null }])

    expect(cloud.emulator.store.get('participations', p._id)).toMatchObject({
      review: 'approved',
      approvedMinutes: 90,
      approvals: 1,
      reviewedBy: 'dev-cadre',
      reviewedAt: cloud.clock.now(),
    })
    expect(totalsOf(cloud, 'y-basic')).toMatchObject({ attendedMinutes: 90, declaredMinutes: 0 })
    // 90 min × 3 益币/h = 4.5 → 4: whole 益币 only, rounded down.
    expect(entriesOf(cloud, 'y-basic')).toEqual([
      expect.objectContaining({ _id: `le_cr_${p._id}_1`, kind: 'credit', amount: 4, reverses: null, ref: { type: 'participation', id: p._id }, at: cloud.clock.now() }),
    ])
    expect(accountOf(cloud, 'y-basic')).toMatchObject({ balance: 4, earned: 4, spent: 0, openid: 'y-basic' })

    const after = audits('approveHours')
    expect(after).toHaveLength(before + 1)
    expect(after[after.length - 1]).toMatchObject({
      actor: 'dev-cadre',
      orgId: 'yc-rc-b1',
      orgPath: ['yc', 'yc-rc'],
      detail: { decision: 'approve', items: [{ kind: 'attendance', id: p._id, ok: true, code: null }] },
    })
  })

  it('counts the minutes but writes no entry when they earn nothing (rate 0, or under an hour)', async () => {
    const free = putActivity(cloud, ended('ap-free', { pointsPerHour: 0 }))
    const p1 = putAttendance(cloud, free, 'y-nothing', { minutes: 180 })
    const short = putActivity(cloud, ended('ap-short'))
    const p2 = putAttendance(cloud, short, 'y-nothing', { minutes: 30, flags: ['short_attendance'] })
    ok(await approve('dev-cadre', [att(p1), att(p2)]))
    expect(entriesOf(cloud, 'y-nothing')).toEqual([])
    expect(accountOf(cloud, 'y-nothing')).toBeNull()
    expect(totalsOf(cloud, 'y-nothing')).toMatchObject({ attendedMinutes: 210 })
  })

  it('approves declared hours for stars without any 益币', async () => {
    const d = putDeclaration(cloud, 'dc-ap-1', 'y-declared', { minutes: 240 })
    ok(await approve('dev-admin', [decl(d)]))
    expect(cloud.emulator.store.get('declarations', d._id)).toMatchObject({ review: 'approved', approvedMinutes: 240, approvals: 1, reviewedBy: 'dev-admin' })
    expect(totalsOf(cloud, 'y-declared')).toMatchObject({ attendedMinutes: 0, declaredMinutes: 240 })
    expect(entriesOf(cloud, 'y-declared')).toEqual([])
  })

  it('gives each item of a batch its own result; one bad item does not fail the rest; one audit entry', async () => {
    const a = putActivity(cloud, ended('ap-batch'))
    const good = putAttendance(cloud, a, 'y-batch-1')
    const rejected = putAttendance(cloud, a, 'y-batch-2', { review: 'rejected' })
    const d = putDeclaration(cloud, 'dc-batch', 'y-batch-3')
    const before = audits('approveHours').length
    const { results } = ok(await approve('dev-cadre', [att(good), att(rejected), { kind: 'attendance', id: 'pt_missing' }, decl(d), att(good)]))
    expect(results.map((r) => [r.ok, r.code])).toEqual([
      [true, null],
      [false, 'HOURS.NOT_PENDING'],
      [false, 'GENERIC.NOT_FOUND'],
      [true, null],
      [false, 'HOURS.NOT_PENDING'],
    ])
    expect(results[1].message).toMatch(/[\u4e00-\u9fa5]/)
    expect(entriesOf(cloud, 'y-batch-1')).toHaveLength(1)
    expect(cloud.emulator.store.get('participations', rejected._id)).toMatchObject({ review: 'rejected', approvals: 0 })
    expect(audits('approveHours')).toHaveLength(before + 1)
  })
})

describe('approveHours: who may approve (docs/bad-inputs.md §10–12), leaving no trace', () => {
  it.each([
    ['a youth (10)', 'dev-youth', 'yc-rc-b1'],
    ['a representative (10)', 'dev-rep', 'yuci-jl-b1'],
    ['a cadre of a sibling township (11)', 'dev-cadre', 'yc-fc-b1'],
    ['a cadre on the parent county (11)', 'dev-cadre', 'yc'],
    ['an admin of another county (11)', 'dev-yuci-admin', 'yc-rc-b1'],
  ])('refuses %s with AUTH.FORBIDDEN', async (_l, who, orgId) => {
    const a = putActivity(cloud, ended(`ap-scope-${who}-${orgId}`, { orgId }))
    const p = putAttendance(cloud, a, 'y-scope')
    const before = snapshot(cloud)
    const res = await approve(who, [att(p)])
    expect(errCode(res)).toBe('AUTH.FORBIDDEN')
    expect(res.ok ? '' : res.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses a whole batch that smuggles in a record outside the scope', async () => {
    const mine = putActivity(cloud, ended('ap-mixed-in'))
    const theirs = putActivity(cloud, ended('ap-mixed-out', { orgId: 'yc-fc' }))
    const p1 = putAttendance(cloud, mine, 'y-mixed')
    const p2 = putAttendance(cloud, theirs, 'y-mixed')
    const d = putDeclaration(cloud, 'dc-mixed-out', 'y-mixed', { orgId: 'yuci-jl' })
    const before = snapshot(cloud)
    expect(errCode(await approve('dev-cadre', [att(p1), att(p2)]))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await approve('dev-cadre', [att(p1), decl(d)]))).toBe('AUTH.FORBIDDEN')
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses approving one’s own hours, attended or declared (12), even for an admin above', async () => {
    const a = putActivity(cloud, ended('ap-own', { orgId: 'yc-rc' }))
    const own = putAttendance(cloud, a, 'dev-cadre')
    const ownDecl = putDeclaration(cloud, 'dc-own', 'dev-admin', { orgId: 'yc' })
    const before = snapshot(cloud)
    expect(errCode(await approve('dev-cadre', [att(own)]))).toBe('HOURS.OWN_RECORD')
    expect(errCode(await approve('dev-admin', [decl(ownDecl)]))).toBe('HOURS.OWN_RECORD')
    expect(snapshot(cloud)).toBe(before)
    // Somebody else in scope may.
    ok(await approve('dev-admin', [att(own)]))
  })

  it('refuses input it cannot trust: an empty batch, 101 items, operator objects, unknown fields', async () => {
    const before = snapshot(cloud)
    const many = Array.from({ length: 101 }, (_, i) => ({ kind: 'attendance', id: `pt_${i}` }))
    for (const payload of [
      { items: [] },
      { items: many },
      { items: [{ kind: 'attendance', id: { $ne: null } }] },
      { items: [{ kind: 'attendance', id: 'pt_x', approvedMinutes: 9999 }] },
      { items: [{ kind: 'payout', id: 'pt_x' }] },
      { items: [{ kind: 'attendance', id: 'pt_x' }], openid: 'dev-admin' },
    ]) {
      expect(errCode(await cloud.raw('activity', { action: 'approveHours', payload }, 'dev-cadre'))).toBe('GENERIC.BAD_INPUT')
    }
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('approveHours: exactly once', () => {
  it('refuses a record whose minutes exceed the time between check-in and check-out (invariant 6)', async () => {
    const a = putActivity(cloud, ended('ap-inv6'))
    const p = putAttendance(cloud, a, 'y-inv6', { minutes: 120, presentMinutes: 110 })
    const before = snapshot(cloud)
    expect(errCode(await approve('dev-cadre', [att(p)]))).toBe('GENERIC.INTERNAL')
    expect(snapshot(cloud)).toBe(before)
    expect(cloud.logs.some((l) => l.event === 'review_item_failed' && l.fields?.id === p._id)).toBe(true)
  })

  it('credits once when the same approval is sent 50 times at once (docs/bad-inputs.md §15)', async () => {
    const a = putActivity(cloud, ended('ap-50', { pointsPerHour: 2 }))
    const p = putAttendance(cloud, a, 'y-50', { minutes: 180 })
    const replies = await Promise.all(Array.from({ length: 50 }, () => approve('dev-cadre', [att(p)])))
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    // The losers see the winner's state, or (after ten backed-off retries) a conflict; never a second effect.
    expect(replies.filter((r) => !r.ok).every((r) => ['HOURS.NOT_PENDING', 'GENERIC.CONFLICT'].includes(errCode(r)!))).toBe(true)
    expect(entriesOf(cloud, 'y-50')).toHaveLength(1)
    expect(accountOf(cloud, 'y-50')).toMatchObject({ balance: 6 })
    expect(totalsOf(cloud, 'y-50')).toMatchObject({ attendedMinutes: 180 })
    expect(cloud.emulator.store.get('participations', p._id)).toMatchObject({ approvals: 1 })
    expect(audits('approveHours').filter((e) => (e.detail as { items: { id: string }[] }).items[0].id === p._id)).toHaveLength(1)
  })

  it('credits once when two managers approve at once; approve → reverse → approve nets one credit (docs/bad-inputs.md §18)', async () => {
    const a = putActivity(cloud, ended('ap-18'))
    const p = putAttendance(cloud, a, 'y-18', { minutes: 120 })
    const [r1, r2] = await Promise.all([approve('dev-cadre', [att(p)]), approve('dev-admin', [att(p)])])
    expect([r1.ok, r2.ok].sort()).toEqual([false, true])
    expect(entriesOf(cloud, 'y-18')).toHaveLength(1)

    ok(await cloud.as('dev-admin').activity.reverseApproval({ item: att(p), reason: '签到位置存疑，重新核实' }))
    ok(await approve('dev-cadre', [att(p)]))
    const entries = entriesOf(cloud, 'y-18').sort((x, y) => (x._id < y._id ? -1 : 1))
    expect(entries.map((e) => [e._id, e.amount, e.reverses])).toEqual([
      [`le_cr_${p._id}_1`, 2, null],
      [`le_cr_${p._id}_2`, 2, null],
      [`le_rv_${p._id}_1`, -2, `le_cr_${p._id}_1`],
    ])
    expect(accountOf(cloud, 'y-18')).toMatchObject({ balance: 2, earned: 2 })
    expect(totalsOf(cloud, 'y-18')).toMatchObject({ attendedMinutes: 120 })
  })

  it('survives a lost reply: the approval committed, the client retries, nothing is applied twice (docs/bad-inputs.md §27)', async () => {
    const a = putActivity(cloud, ended('ap-27'))
    const p = putAttendance(cloud, a, 'y-27', { minutes: 240 })
    // The database commits, then the connection drops before the function hears back.
    const faulty = handlerWithTransactions(async (n, run) => {
      const out = await run()
      if (n === 1) throw new Error('ECONNRESET: socket hang up')
      return out
    })
    const first = await faulty.handle({ action: 'approveHours', payload: { items: [att(p)] } }, localCaller('dev-cadre'))
    expect(errCode(first)).toBe('GENERIC.INTERNAL')
    expect(cloud.emulator.store.get('participations', p._id)).toMatchObject({ review: 'approved', approvals: 1 })
    // The approval is on record although its reply was lost: the entry landed in the same transaction.
    const onRecord = () => audits('approveHours').filter((e) => JSON.stringify(e.detail.items).includes(p._id))
    expect(onRecord()).toHaveLength(1)
    expect(onRecord()[0]).toMatchObject({ actor: 'dev-cadre', detail: { decision: 'approve', items: [{ kind: 'attendance', id: p._id, ok: true }] } })

    const state = () => JSON.stringify([cloud.emulator.store.get('participations', p._id), entriesOf(cloud, 'y-27'), accountOf(cloud, 'y-27'), totalsOf(cloud, 'y-27')])
    const applied = state()
    expect(errCode(await approve('dev-cadre', [att(p)]))).toBe('HOURS.NOT_PENDING')
    expect(state()).toBe(applied)
    expect(entriesOf(cloud, 'y-27')).toHaveLength(1)
    expect(accountOf(cloud, 'y-27')).toMatchObject({ balance: 4 })
    expect(onRecord()).toHaveLength(1)
  })

  it('puts each approved item on record as it lands: a batch cut short keeps an entry for what was applied', async () => {
    const a = putActivity(cloud, ended('ap-cut'))
    const [p1, p2, p3] = ['y-cut-1', 'y-cut-2', 'y-cut-3'].map((y) => putAttendance(cloud, a, y, { minutes: 60 }))
    // The second item's transaction fails outright (the database goes away), the third succeeds again.
    const handler = handlerWithTransactions((n, run) => (n === 2 ? Promise.reject(new Error('ETIMEDOUT: database unreachable')) : run()))
    const before = audits('approveHours').length
    const res = ok(await handler.handle({ action: 'approveHours', payload: { items: [att(p1), att(p2), att(p3)] } }, localCaller('dev-cadre'))) as { results: { ok: boolean; code: string | null }[] }
    expect(res.results.map((r) => [r.ok, r.code])).toEqual([
      [true, null],
      [false, 'GENERIC.INTERNAL'],
      [true, null],
    ])
    const entries = audits('approveHours')
    expect(entries).toHaveLength(before + 1)
    expect(entries[entries.length - 1].detail.items.map((i: { id: string; ok: boolean }) => [i.id, i.ok])).toEqual([
      [p1._id, true],
      [p2._id, false],
      [p3._id, true],
    ])
    expect(cloud.emulator.store.get('participations', p2._id)).toMatchObject({ review: 'pending' })

    // Now the database goes away for good after the first item: the call fails, yet what landed is on record.
    const [q1, q2] = ['y-cut-4', 'y-cut-5'].map((y) => putAttendance(cloud, a, y, { minutes: 60 }))
    const dying = handlerWithTransactions((n, run) => (n === 1 ? run() : Promise.reject(new Error('ECONNREFUSED: database gone'))))
    const mid = audits('approveHours').length
    const cut = await dying.handle({ action: 'approveHours', payload: { items: [att(q1), att(q2)] } }, localCaller('dev-cadre'))
    expect(cut.ok).toBe(false)
    expect(cloud.emulator.store.get('participations', q1._id)).toMatchObject({ review: 'approved' })
    const last = audits('approveHours')
    expect(last).toHaveLength(mid + 1)
    expect(last[last.length - 1].detail.items).toEqual([{ kind: 'attendance', id: q1._id, ok: true, code: null }])
  })
})
