import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import type { Deps } from '../../../cloudfunctions/_core/runtime/context'
import type { Db } from '../../../cloudfunctions/_core/runtime/db'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { actions } from '../../../cloudfunctions/points/actions'
import { pointsContract } from '../../../types/contract/points'
import { failing, type Failure } from '../../fixtures/failing-db'
import { assertMallInvariants, putVenue, putYouth, stockOf } from '../../fixtures/mall'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { makeDonor, onSale } from './goods.inputs'

/**
 * restockGoods (docs/domain.md invariant 4: stock is what was put in plus restocks minus live
 * orders): units added or withdrawn once per request key, never below what orders hold, each change
 * audited with the stock before and after.
 */
let cloud: TestCloud
let donorId: string
beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  putYouth(cloud, 'rs-youth', { balance: 1000 })
  donorId = (await makeDonor(cloud)).id
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

const restock = (goodsId: string, delta: number, requestId: string = randomUUID(), who = 'dev-cadre', note = '爱心企业第二批捐赠') =>
  cloud.as(who).points.restockGoods({ goodsId, requestId, delta, note })
const audits = (id: string) => cloud.docs(COLLECTIONS.auditLogs, { action: 'points.restockGoods', 'target.id': id })
const state = () => snapshot(cloud, [COLLECTIONS.goodsStock, COLLECTIONS.goodsRestocks, COLLECTIONS.auditLogs, COLLECTIONS.goods])

it('adds units and withdraws unsold ones; the audit entry says the stock before and after', async () => {
  const g = await onSale(cloud, donorId, { initialStock: 10, limitTotal: null })
  ok(await cloud.as('rs-youth').points.redeem({ requestId: randomUUID(), goodsId: g.id, quantity: 3 }))
  expect(ok(await restock(g.id, 20)).stock).toEqual({ supplied: 30, taken: 3, left: 27 })
  expect(ok(await restock(g.id, -25)).stock).toEqual({ supplied: 5, taken: 3, left: 2 })
  expect(stockOf(cloud, g.id)).toMatchObject({ supplied: 5, taken: 3 })
  expect(audits(g.id).map((e) => [e.actor, e.detail])).toEqual([
    ['dev-cadre', { delta: 20, note: '爱心企业第二批捐赠', before: { supplied: 10, taken: 3, left: 7 }, after: { supplied: 30, taken: 3, left: 27 } }],
    ['dev-cadre', { delta: -25, note: '爱心企业第二批捐赠', before: { supplied: 30, taken: 3, left: 27 }, after: { supplied: 5, taken: 3, left: 2 } }],
  ])
  assertMallInvariants(cloud)
})

it('never withdraws what orders hold, and a refusal leaves no trace (GOODS.STOCK_BELOW_TAKEN)', async () => {
  const g = await onSale(cloud, donorId, { initialStock: 4, limitTotal: null })
  ok(await cloud.as('rs-youth').points.redeem({ requestId: randomUUID(), goodsId: g.id, quantity: 3 }))
  const before = state()
  expect(errCode(await restock(g.id, -2))).toBe('GOODS.STOCK_BELOW_TAKEN')
  expect(state()).toBe(before)
  expect(ok(await restock(g.id, -1)).stock).toEqual({ supplied: 3, taken: 3, left: 0 })
})

it('applies the same request once however often it arrives, at once or later, and refuses its key for another change (§15, §27)', async () => {
  const g = await onSale(cloud, donorId, { initialStock: 10 })
  const key = randomUUID()
  const answers = await Promise.all(Array.from({ length: 50 }, () => restock(g.id, 5, key)))
  for (const a of answers) expect(ok(a).stock).toEqual({ supplied: 15, taken: 0, left: 15 })
  expect(stockOf(cloud, g.id).supplied).toBe(15)
  expect(audits(g.id)).toHaveLength(1)
  // The reply was lost; the phone asks again later with the same key.
  expect(ok(await restock(g.id, 5, key)).stock).toEqual({ supplied: 15, taken: 0, left: 15 })
  const before = state()
  expect(errCode(await restock(g.id, 6, key))).toBe('GENERIC.DUPLICATE_REQUEST')
  expect(errCode(await restock(g.id, 5, key, 'dev-cadre', '另一次补货'))).toBe('GENERIC.DUPLICATE_REQUEST')
  expect(state()).toBe(before)
  // A new key is a new restock.
  expect(ok(await restock(g.id, 5)).stock.supplied).toBe(20)
})

it('lands exactly once while buyers take the same stock (invariant 4)', async () => {
  const g = await onSale(cloud, donorId, { initialStock: 20, limitTotal: null })
  const buyers = Array.from({ length: 30 }, (_, i) => `rs-buyer-${i}`)
  for (const b of buyers) putYouth(cloud, b, { balance: 100 })
  const key = randomUUID()
  const [restocks, buys] = await Promise.all([
    Promise.all(Array.from({ length: 5 }, () => restock(g.id, 10, key))),
    Promise.all(buyers.map((b) => cloud.as(b).points.redeem({ requestId: randomUUID(), goodsId: g.id, quantity: 1 }))),
  ])
  for (const r of restocks) expect(ok(r).stock.supplied).toBe(30)
  // Buyers before the restock may find it sold out; every answer is the truth, none a conflict.
  const sold = buys.filter((b) => b.ok).length
  expect(sold).toBeGreaterThanOrEqual(20)
  for (const refused of buys.filter((b) => !b.ok)) expect(['GOODS.SOLD_OUT', 'GOODS.NOT_ENOUGH']).toContain(errCode(refused))
  expect(stockOf(cloud, g.id)).toMatchObject({ supplied: 30, taken: sold })
  expect(audits(g.id)).toHaveLength(1)
  assertMallInvariants(cloud)
})

it('takes whole non-zero numbers within bounds and a note (§4, §5, §8)', async () => {
  const g = await onSale(cloud, donorId)
  const before = state()
  const base = { goodsId: g.id, requestId: randomUUID(), delta: 5, note: '补货' }
  const cases: Record<string, unknown>[] = [
    { delta: 0 },
    { delta: 1.5 },
    { delta: '5' },
    { delta: NaN },
    { delta: Infinity },
    { delta: 2 ** 53 },
    { delta: 100001 },
    { delta: -100001 },
    { delta: null },
    { note: '' },
    { note: '   ' },
    { note: '补\u0000货' },
    { note: '补货\u202e' },
    { note: '补\n货' },
    { note: '字'.repeat(101) },
    { requestId: 'not-a-uuid' },
    { goodsId: { $ne: null } },
    { supplied: 100 },
    { taken: 0 },
  ]
  for (const over of cases) expect([over, errCode(await cloud.raw('points', { action: 'restockGoods', payload: { ...base, ...over } }, 'dev-cadre'))]).toEqual([over, 'GENERIC.BAD_INPUT'])
  expect(state()).toBe(before)
})

it('is refused to anyone whose org does not cover the goods’ org (§10, §11)', async () => {
  const g = await onSale(cloud, donorId)
  const before = state()
  for (const who of ['rs-youth', 'dev-yuci-admin', 'dev-rep']) expect([who, errCode(await restock(g.id, 5, randomUUID(), who))]).toEqual([who, 'AUTH.FORBIDDEN'])
  expect(errCode(await restock('g_nothing', 5))).toBe('GOODS.NOT_FOUND')
  expect(state()).toBe(before)
  // The county's admin covers the township's goods.
  expect(ok(await restock(g.id, 5, randomUUID(), 'dev-admin')).stock.supplied).toBe(105)
})

describe('a restock whose call died', () => {
  const dying = (how: (collection: string, op: string) => Failure) =>
    createHandler(pointsContract, actions, (): Deps => ({ ...cloud.deps(), db: failing(cloud.deps().db, how) }))
  const first = async (how: (collection: string, op: string) => Failure, goodsId: string, requestId: string) => {
    const payload = { goodsId, requestId, delta: 5, note: '爱心企业第二批捐赠' }
    expect((await dying(how).handle({ action: 'restockGoods', payload }, localCaller('dev-cadre'))).ok).toBe(false)
    expect(cloud.docs(COLLECTIONS.goodsRestocks, { goodsId })).toMatchObject([{ state: 'pending' }])
  }
  const stockMove = (crash: 'crash' | 'lost') => (c: string, op: string) => (c === COLLECTIONS.goodsStock && op === 'update' ? crash : null)
  const cases: [string, (c: string, op: string) => Failure][] = [
    ['before the stock moved', stockMove('crash')],
    ['as the stock moved, its reply lost', stockMove('lost')],
    ['after the stock moved, before its record said so', (_c, op) => (op === 'commit' ? 'crash' : null)],
  ]
  it.each(cases)('%s is finished once by the next copy, however many come at once', async (_name, how) => {
    const g = await onSale(cloud, donorId, { initialStock: 10, limitTotal: null })
    const key = randomUUID()
    await first(how, g.id, key)
    // The phone asks again a minute later: the pending record is its own, left by a call that died.
    cloud.clock.advance(60_000)
    const answers = await Promise.all(Array.from({ length: 5 }, () => restock(g.id, 5, key)))
    for (const a of answers) expect(ok(a).stock).toEqual({ supplied: 15, taken: 0, left: 15 })
    expect(stockOf(cloud, g.id).supplied).toBe(15)
    expect(cloud.docs(COLLECTIONS.goodsRestocks, { goodsId: g.id })).toMatchObject([{ state: 'applied', result: { supplied: 15, taken: 0, left: 15 } }])
    expect(audits(g.id).map((e) => e.detail)).toEqual([{ delta: 5, note: '爱心企业第二批捐赠', before: { supplied: 10, taken: 0, left: 10 }, after: { supplied: 15, taken: 0, left: 15 } }])
    expect(ok(await restock(g.id, 5, key)).stock.supplied).toBe(15)
    assertMallInvariants(cloud)
  })
})
