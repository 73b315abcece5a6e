import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import type { Deps } from '../../../cloudfunctions/_core/runtime/context'
import type { Db } from '../../../cloudfunctions/_core/runtime/db'
import type { GoodsDoc } from '../../../cloudfunctions/_core/mall'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { actions } from '../../../cloudfunctions/points/actions'
import { pointsContract } from '../../../types/contract/points'
import { shanghaiDayStart } from '../../../types/day'
import { failing } from '../../fixtures/failing-db'
import { assertMallInvariants, balanceOf, putGoods, putVenue, putYouth, stockOf } from '../../fixtures/mall'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Redemption (docs/domain.md "Redemption", invariants 1–4): balance, stock, per-person limits and
 * availability decide; the debit, the stock and the order happen together or not at all; a retry
 * with the same key is the first order; cancel and expiry refund and restock exactly once.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

let n = 0
/** A fresh youth with `balance` 益币 and a fresh goods item with `stock` units, per test. */
function fresh(balance: number, stock: number, over: Partial<GoodsDoc> = {}) {
  const i = n++
  const youth = `rd-youth-${i}`
  putYouth(cloud, youth, { balance })
  const goods = putGoods(cloud, `rd-goods-${i}`, stock, over)
  return { youth, goods }
}
const redeem = (openid: string, goodsId: string, quantity = 1, requestId: string = randomUUID()) => cloud.as(openid).points.redeem({ requestId, goodsId, quantity })
const ordersOf = (goodsId: string) => cloud.docs(COLLECTIONS.orders, { goodsId })
const mallState = () => snapshot(cloud, [COLLECTIONS.orders, COLLECTIONS.goodsStock, COLLECTIONS.goodsQuotas, COLLECTIONS.ledgerEntries, COLLECTIONS.accounts, COLLECTIONS.outbox])

describe('redeem', () => {
  it('debits the price × quantity, takes the stock and gives an 8-digit pickup code valid to the end of the last pickup day', async () => {
    const { youth, goods } = fresh(50, 10, { pickupDays: 3 })
    const { order } = ok(await redeem(youth, goods._id, 2))
    expect(order).toMatchObject({ goodsName: '五常大米 5kg', quantity: 2, price: 10, cost: 20, status: 'ready', venues: [expect.objectContaining({ id: 'v-rc', name: '润城镇青年之家兑换点' })] })
    expect(order.pickupCode).toMatch(/^\d{8}$/)
    // Redeemed on 11-28 with 3 pickup days: good through 11-30, so until 12-01 00:00 (+08:00).
    expect(order.expiresAt).toBe(shanghaiDayStart('2026-12-01'))
    expect(balanceOf(cloud, youth)).toBe(30)
    expect(stockOf(cloud, goods._id)).toMatchObject({ supplied: 10, taken: 2, holds: { [order.id]: expect.any(Number) }, units: { [order.id]: 2 } })
    expect(cloud.docs(COLLECTIONS.ledgerEntries, { openid: youth, kind: 'debit' })).toEqual([
      expect.objectContaining({ amount: -20, ref: { type: 'order', id: order.id }, orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], title: '兑换「五常大米 5kg」×2' }),
    ])
    assertMallInvariants(cloud)
  })

  it('answers a retry with the same key with the first order, debiting once; the same key for another quantity is refused', async () => {
    const { youth, goods } = fresh(50, 10)
    const key = randomUUID()
    const first = ok(await redeem(youth, goods._id, 1, key)).order
    const again = ok(await redeem(youth, goods._id, 1, key)).order
    expect(again).toEqual(first)
    const twice = await Promise.all([redeem(youth, goods._id, 1, key), redeem(youth, goods._id, 1, key)])
    expect(twice.map((r) => ok(r).order.id)).toEqual([first.id, first.id])
    expect(errCode(await redeem(youth, goods._id, 2, key))).toBe('GENERIC.DUPLICATE_REQUEST')
    expect(balanceOf(cloud, youth)).toBe(40)
    expect(ordersOf(goods._id)).toHaveLength(1)
    expect(stockOf(cloud, goods._id).taken).toBe(1)
  })

  it('refuses 益币不足, 已兑完 and 库存不足 with nothing changed, and says how much is left', async () => {
    const poor = fresh(9, 10)
    const none = fresh(100, 0)
    const few = fresh(100, 2)
    const before = mallState()
    const res = await redeem(poor.youth, poor.goods._id)
    expect(res).toMatchObject({ ok: false, error: { code: 'POINTS.INSUFFICIENT', message: '益币余额不足：需要10益币，现有9益币。' } })
    expect(errCode(await redeem(none.youth, none.goods._id))).toBe('GOODS.SOLD_OUT')
    expect(await redeem(few.youth, few.goods._id, 3)).toMatchObject({ ok: false, error: { code: 'GOODS.NOT_ENOUGH', message: '库存只剩2件，请减少兑换数量。' } })
    expect(mallState()).toBe(before)
  })

  it('two redemptions racing for the last 益币 give one order; the other is 益币不足 and gives its stock and limit back', async () => {
    const { youth, goods } = fresh(10, 5, { limitTotal: 5 })
    const other = putGoods(cloud, `rd-goods-${n++}`, 5, { limitTotal: 5 })
    const [a, b] = await Promise.all([redeem(youth, goods._id), redeem(youth, other._id)])
    expect([a, b].map((r) => errCode(r) ?? 'ok').sort()).toEqual(['POINTS.INSUFFICIENT', 'ok'])
    expect(stockOf(cloud, goods._id).taken + stockOf(cloud, other._id).taken).toBe(1)
    const quotas = cloud.docs(COLLECTIONS.goodsQuotas).filter((q) => q._id.startsWith(`q_${goods._id}_`) || q._id.startsWith(`q_${other._id}_`))
    expect(quotas.reduce((t, q) => t + q.held, 0)).toBe(1)
    expect(balanceOf(cloud, youth)).toBe(0)
    assertMallInvariants(cloud)
  })

  it('keeps the per-person limit in total and per week, and counts a new week afresh', async () => {
    const total = fresh(1000, 100, { limitTotal: 3 })
    ok(await redeem(total.youth, total.goods._id, 2))
    expect(errCode(await redeem(total.youth, total.goods._id, 2))).toBe('GOODS.LIMIT_REACHED')
    ok(await redeem(total.youth, total.goods._id, 1))
    expect(errCode(await redeem(total.youth, total.goods._id, 1))).toBe('GOODS.LIMIT_REACHED')

    const weekly = fresh(1000, 100, { limitPeriod: { period: 'week', count: 1 } })
    ok(await redeem(weekly.youth, weekly.goods._id)) // Saturday 11-28
    cloud.clock.set(Date.parse('2026-11-29T23:59:00+08:00')) // Sunday: the same week
    expect(errCode(await redeem(weekly.youth, weekly.goods._id))).toBe('GOODS.LIMIT_REACHED')
    cloud.clock.set(Date.parse('2026-11-30T00:01:00+08:00')) // Monday: a new week
    ok(await redeem(weekly.youth, weekly.goods._id))
    assertMallInvariants(cloud)
  })

  it('refuses goods that are not on sale, not yet or no longer available, in another county, and youth who have not registered', async () => {
    const { youth } = fresh(1000, 0)
    const g = (over: Partial<GoodsDoc>) => putGoods(cloud, `rd-goods-${n++}`, 10, over)._id
    expect(errCode(await redeem(youth, g({ status: 'draft' })))).toBe('GOODS.NOT_FOUND')
    expect(errCode(await redeem(youth, g({ status: 'off_shelf' })))).toBe('GOODS.NOT_ON_SALE')
    expect(errCode(await redeem(youth, g({ availableFrom: TEST_NOW + 1000 })))).toBe('GOODS.NOT_YET')
    expect(errCode(await redeem(youth, g({ availableUntil: TEST_NOW })))).toBe('GOODS.ENDED')
    expect(errCode(await redeem(youth, g({ orgId: 'yuci', underOrgs: ['yuci'] })))).toBe('GOODS.OTHER_COUNTY')
    expect(errCode(await redeem(youth, 'no-such-goods'))).toBe('GOODS.NOT_FOUND')
    expect(errCode(await redeem('never-registered', g({})))).toBe('USER.NOT_REGISTERED')
    expect(errCode(await redeem(youth, g({}), 0))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await redeem(youth, g({}), 1.5))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as(youth).points.redeem({ requestId: 'not-a-uuid', goodsId: g({}), quantity: 1 }))).toBe('GENERIC.BAD_INPUT')
  })

  it('writes the ready message with the order only for a youth who subscribed', async () => {
    const { youth, goods } = fresh(100, 10)
    const quiet = ok(await redeem(youth, goods._id)).order
    const told = ok(await cloud.as(youth).points.redeem({ requestId: randomUUID(), goodsId: goods._id, quantity: 1, subscribed: true })).order
    const messages = cloud.docs(COLLECTIONS.outbox, { template: 'order_ready' })
    expect(messages.map((m) => m.subject)).toContain(told.id)
    expect(messages.map((m) => m.subject)).not.toContain(quiet.id)
  })
})

describe('cancel and expiry', () => {
  it('cancel refunds and restocks once; asked again it answers the cancelled order; nobody else may cancel or see it', async () => {
    const { youth, goods } = fresh(30, 5, { limitTotal: 1 })
    const order = ok(await redeem(youth, goods._id)).order
    putYouth(cloud, 'rd-other', { balance: 10 })
    expect(errCode(await cloud.as('rd-other').points.cancelOrder({ orderId: order.id }))).toBe('ORDER.NOT_FOUND')
    expect(errCode(await cloud.as('rd-other').points.getOrder({ orderId: order.id }))).toBe('ORDER.NOT_FOUND')
    const both = await Promise.all([cloud.as(youth).points.cancelOrder({ orderId: order.id }), cloud.as(youth).points.cancelOrder({ orderId: order.id })])
    for (const r of both) expect(ok(r).order).toMatchObject({ status: 'cancelled', pickupCode: null })
    expect(balanceOf(cloud, youth)).toBe(30)
    expect(stockOf(cloud, goods._id)).toMatchObject({ taken: 0, holds: {} })
    expect(cloud.docs(COLLECTIONS.ledgerEntries, { openid: youth, kind: 'refund' })).toEqual([expect.objectContaining({ amount: 10, reverses: `le_db_${order.id}` })])
    // The limit is free again.
    ok(await redeem(youth, goods._id))
    assertMallInvariants(cloud)
  })

  it('the expiry timer refunds and restocks each overdue order once, even run twice at once, and leaves the others', async () => {
    const { youth, goods } = fresh(100, 10, { pickupDays: 1 })
    const due = ok(await redeem(youth, goods._id, 3)).order
    cloud.clock.set(TEST_NOW + 3600_000)
    const later = putGoods(cloud, `rd-goods-${n++}`, 5, { pickupDays: 10 })
    const keep = ok(await redeem(youth, later._id)).order
    cloud.clock.set(due.expiresAt)
    const runs = await Promise.all([cloud.timer('points', 'expireOrders'), cloud.timer('points', 'expireOrders')])
    expect(runs.map((r) => (ok(r) as { expired: number }).expired).reduce((a, b) => a + b, 0)).toBe(1)
    expect(ok(await cloud.timer('points', 'expireOrders'))).toEqual({ expired: 0, more: false })
    expect(ok(await cloud.as(youth).points.getOrder({ orderId: due.id })).order.status).toBe('expired')
    expect(ok(await cloud.as(youth).points.getOrder({ orderId: keep.id })).order.status).toBe('ready')
    expect(stockOf(cloud, goods._id).taken).toBe(0)
    expect(balanceOf(cloud, youth)).toBe(90)
    expect(errCode(await cloud.as(youth).points.cancelOrder({ orderId: due.id }))).toBe('ORDER.EXPIRED')
    assertMallInvariants(cloud)
  })

  it('reminds the day before the deadline, once', async () => {
    const { youth, goods } = fresh(100, 10, { pickupDays: 2 })
    const order = ok(await cloud.as(youth).points.redeem({ requestId: randomUUID(), goodsId: goods._id, quantity: 1, subscribed: true })).order
    expect(ok(await cloud.timer('points', 'remindOrders'))).toEqual({ reminded: 0 })
    cloud.clock.set(order.expiresAt - 20 * 3600_000)
    const runs = await Promise.all([cloud.timer('points', 'remindOrders'), cloud.timer('points', 'remindOrders')])
    expect(runs.map((r) => (ok(r) as { reminded: number }).reminded).reduce((a, b) => a + b, 0)).toBe(1)
    expect(cloud.docs(COLLECTIONS.outbox, { template: 'order_expiring', subject: order.id })).toHaveLength(1)
  })
})

describe('lost replies and crashes', () => {
  const handlerWith = (db: Db) => createHandler(pointsContract, actions, (): Deps => ({ ...cloud.deps(), db }))
  const call = (h: ReturnType<typeof handlerWith>, openid: string, payload: Record<string, unknown>) => h.handle({ action: 'redeem', payload }, localCaller(openid))

  it('a redemption whose reply was lost after the commit is answered, on retry, with the first order and one debit', async () => {
    const { youth, goods } = fresh(50, 10)
    const lost = handlerWith(failing(cloud.deps().db, (_c, op) => (op === 'commit' ? 'lost' : null)))
    const payload = { requestId: randomUUID(), goodsId: goods._id, quantity: 2 }
    expect((await call(lost, youth, payload)).ok).toBe(false)
    expect(ordersOf(goods._id)).toHaveLength(1) // it did commit
    const retry = ok(await cloud.as(youth).points.redeem(payload)).order
    expect(retry.id).toBe(ordersOf(goods._id)[0]._id)
    expect(balanceOf(cloud, youth)).toBe(30)
    expect(stockOf(cloud, goods._id).taken).toBe(2)
    assertMallInvariants(cloud)
  })

  it('a redemption that died after taking stock leaves a hold the retry reuses, or the sweep gives back after the grace', async () => {
    const retried = fresh(50, 10)
    const dead = handlerWith(failing(cloud.deps().db, (_c, op) => (op === 'commit' ? 'crash' : null)))
    const payload = { requestId: randomUUID(), goodsId: retried.goods._id, quantity: 1 }
    expect((await call(dead, retried.youth, payload)).ok).toBe(false)
    expect(stockOf(cloud, retried.goods._id).taken).toBe(1) // held, no order yet
    ok(await cloud.as(retried.youth).points.redeem(payload))
    expect(stockOf(cloud, retried.goods._id).taken).toBe(1)

    const abandoned = fresh(50, 10, { limitTotal: 1 })
    expect((await call(dead, abandoned.youth, { requestId: randomUUID(), goodsId: abandoned.goods._id, quantity: 1 })).ok).toBe(false)
    expect(ok(await cloud.timer('points', 'sweepStock'))).toEqual({ released: 0, settled: 0 }) // within the grace
    cloud.clock.set(TEST_NOW + 6 * 60_000)
    const swept = await Promise.all([cloud.timer('points', 'sweepStock'), cloud.timer('points', 'sweepStock')])
    expect(swept.map((r) => (ok(r) as { released: number }).released).reduce((a, b) => a + b, 0)).toBe(2) // stock and limit
    expect(stockOf(cloud, abandoned.goods._id)).toMatchObject({ taken: 0, holds: {} })
    ok(await redeem(abandoned.youth, abandoned.goods._id)) // the limit was given back too
    assertMallInvariants(cloud)
  })
})
