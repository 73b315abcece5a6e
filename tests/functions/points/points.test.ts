import { errCode, ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { ended, putActivity, putAttendance } from '../../fixtures/activities'
import { att } from '../hours/fixtures'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
  // Three approvals for the youth (one later reversed), one for somebody else.
  const items = []
  for (const [i, rate] of [1, 2, 3].entries()) {
    const a = putActivity(cloud, ended(`pt-${i}`, { pointsPerHour: rate, title: `活动${i + 1}` }))
    items.push(att(putAttendance(cloud, a, 'dev-youth', { minutes: 120 })))
    cloud.clock.advance(60_000)
  }
  const other = putActivity(cloud, ended('pt-other', { pointsPerHour: 5 }))
  items.push(att(putAttendance(cloud, other, 'dev-rep', { minutes: 60 })))
  for (const item of items) {
    ok(await cloud.as('dev-cadre').activity.approveHours({ items: [item] }))
    cloud.clock.advance(60_000)
  }
  ok(await cloud.as('dev-cadre').activity.reverseApproval({ item: items[0], reason: '重复记录' }))
})
afterAll(() => cloud.close())

describe('balance', () => {
  it('answers the caller’s balance, earned and spent', async () => {
    expect(ok(await cloud.as('dev-youth').points.balance({}))).toEqual({ balance: 10, earned: 10, spent: 0, adjusted: 0, expired: 0, expiring: null, remindExpiry: false, expiryPolicy: false })
  })

  it('answers zeros for someone without an account', async () => {
    expect(ok(await cloud.as('dev-admin').points.balance({}))).toEqual({ balance: 0, earned: 0, spent: 0, adjusted: 0, expired: 0, expiring: null, remindExpiry: false, expiryPolicy: false })
  })

  it('ignores an openid in the payload (docs/bad-inputs.md §9)', async () => {
    expect(errCode(await cloud.raw('points', { action: 'balance', payload: { openid: 'dev-rep' } }, 'dev-youth'))).toBe('GENERIC.BAD_INPUT')
  })
})

describe('listLedger', () => {
  it('lists the caller’s entries newest first; the reversal names the credit it answers', async () => {
    const page = ok(await cloud.as('dev-youth').points.listLedger({}))
    expect(page.items.map((e) => [e.kind, e.amount, e.title])).toEqual([
      ['reversal', -2, '撤销：参加活动「活动1」'],
      ['credit', 6, '参加活动「活动3」'],
      ['credit', 4, '参加活动「活动2」'],
      ['credit', 2, '参加活动「活动1」'],
    ])
    expect(page.items[0].reverses).toBe(page.items[3].id)
    expect(page.items.reduce((s, e) => s + e.amount, 0)).toBe(ok(await cloud.as('dev-youth').points.balance({})).balance)
  })

  it('pages by cursor without repeats', async () => {
    const all = ok(await cloud.as('dev-youth').points.listLedger({})).items
    const first = ok(await cloud.as('dev-youth').points.listLedger({ limit: 3 }))
    expect(first.items).toEqual(all.slice(0, 3))
    const second = ok(await cloud.as('dev-youth').points.listLedger({ limit: 3, cursor: first.nextCursor! }))
    expect(second).toEqual({ items: all.slice(3), nextCursor: null })
  })

  it('only ever shows the caller’s own entries: there is no id to ask for another’s (docs/bad-inputs.md §13)', async () => {
    const rep = ok(await cloud.as('dev-rep').points.listLedger({}))
    expect(rep.items.map((e) => e.amount)).toEqual([5])
    const youthIds = new Set(ok(await cloud.as('dev-youth').points.listLedger({})).items.map((e) => e.id))
    expect(rep.items.some((e) => youthIds.has(e.id))).toBe(false)
    for (const payload of [{ accountId: 'u_x' }, { openid: 'dev-youth' }, { userId: 'u_x' }]) {
      expect(errCode(await cloud.raw('points', { action: 'listLedger', payload }, 'dev-rep'))).toBe('GENERIC.BAD_INPUT')
    }
    expect(errCode(await cloud.raw('points', { action: 'listLedger', payload: {} }, null))).toBe('AUTH.UNAUTHENTICATED')
  })

  it('clamps limit: 1e6 and refuses skip and an operator cursor (docs/bad-inputs.md §1, §5)', async () => {
    expect(ok(await cloud.as('dev-youth').points.listLedger({ limit: 1e6 })).items.length).toBeLessThanOrEqual(50)
    // With more entries than a page holds, the clamp shows: one full page of 50 and a cursor to the rest.
    const accountId = userIdFor(cloud.secrets, 'y-many')
    cloud.emulator.store.insertMany(
      'ledger_entries',
      Array.from({ length: 60 }, (_, i) => ({ _id: `le_many_${i}`, accountId, openid: 'y-many', amount: 1, kind: 'credit', title: '测试', ref: { type: 'participation', id: `p${i}` }, reverses: null, at: 1_790_000_000_000 + i })),
    )
    const page = ok(await cloud.as('y-many').points.listLedger({ limit: 1e6 }))
    expect(page.items).toHaveLength(50)
    expect(page.nextCursor).not.toBeNull()
    for (const payload of [{ skip: 1e7 }, { cursor: { $gt: '' } }, { cursor: 'a.b' }]) {
      expect(errCode(await cloud.raw('points', { action: 'listLedger', payload }, 'dev-youth'))).toBe('GENERIC.BAD_INPUT')
    }
  })

  it('never answers the owner’s openid or user id', async () => {
    const text = JSON.stringify(ok(await cloud.as('dev-youth').points.listLedger({})))
    expect(text).not.toContain('dev-youth')
    expect(text).not.toContain('accountId')
  })
})
