import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import type { OrderDoc } from '../../../cloudfunctions/_core/mall'
import { assertMallInvariants, putClerk, putGoods, putVenue, putYouth, stockOf } from '../../fixtures/mall'
import { testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { database } from '../../../cloudfunctions/_core/runtime/db'
import { runExpiry, runIdFor, shanghaiYear, withVersion, yearStart } from '../../../cloudfunctions/_core/ledger'

/**
 * docs/domain.md invariants 1–4 under random sequences of redeem, replay, cancel, expire, verify,
 * restock, sweep, a cadre's award or deduction, and the year-end expiry of 益币, some run at the same moment. Each run has its own youth and goods; after every
 * step the whole store is checked: each balance is the sum of its entries and never negative, each
 * order has one debit (and one refund once ended), each stock's taken units are its live orders'
 * units and never pass what was supplied (initial + restocks), and no answer was "retry".
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 0 })
  putVenue(cloud, 'v-rc')
  putClerk(cloud, 'mp-clerk', { _id: 'v-rc', orgId: 'yc-rc' })
  // 阳城's 益币 expire at the end of the year after they came in.
  const { _id, ...policy } = withVersion(null, 'yc', 1, 'dev-admin', Date.parse('2025-01-01T00:00:00+08:00'))
  cloud.emulator.store.upsert(COLLECTIONS.pointsPolicies, { _id, ...policy })
})

/** The year end at which what came in this year expires, an hour after it. */
const EXPIRY_AT = yearStart(shanghaiYear(TEST_NOW) + 2) + 3600_000
afterAll(() => cloud.close())

type Op =
  | { op: 'redeem'; youth: number; goods: number; quantity: number }
  | { op: 'replay' | 'cancel' | 'verify'; pick: number }
  | { op: 'restock'; goods: number; delta: number }
  | { op: 'expire' | 'sweep' | 'pointsExpiry' }
  | { op: 'adjust'; youth: number; amount: number }

const YOUTH = 3
const GOODS = 2
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('redeem' as const), youth: fc.nat({ max: YOUTH - 1 }), goods: fc.nat({ max: GOODS - 1 }), quantity: fc.integer({ min: 1, max: 3 }) }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constantFrom('replay' as const, 'cancel' as const, 'verify' as const), pick: fc.nat({ max: 50 }) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('restock' as const), goods: fc.nat({ max: GOODS - 1 }), delta: fc.integer({ min: -3, max: 4 }).filter((d) => d !== 0) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constantFrom('expire' as const, 'sweep' as const, 'pointsExpiry' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('adjust' as const), youth: fc.nat({ max: YOUTH - 1 }), amount: fc.integer({ min: -20, max: 20 }).filter((n) => n !== 0) }), weight: 2 },
)
const stepsArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 })

const ACCEPTED_REFUSALS = new Set([
  'POINTS.INSUFFICIENT',
  'GOODS.SOLD_OUT',
  'GOODS.NOT_ENOUGH',
  'GOODS.LIMIT_REACHED',
  'GOODS.STOCK_BELOW_TAKEN',
  'ORDER.PICKED_UP',
  'ORDER.CANCELLED',
  'ORDER.EXPIRED',
  'POINTS.ADJUST_BELOW_ZERO',
])

let run = 0
describe('the mall under random interleavings', () => {
  it('keeps invariants 1–4 after every step and answers every call with its real outcome', async () => {
    await fc.assert(
      fc.asyncProperty(stepsArb, async (steps) => {
        const r = run++
        cloud.clock.set(TEST_NOW)
        const youth = Array.from({ length: YOUTH }, (_, i) => `mp-${r}-y${i}`)
        youth.forEach((y, i) => putYouth(cloud, y, { balance: 10 + 15 * i }))
        const goods = Array.from({ length: GOODS }, (_, i) => putGoods(cloud, `mp-${r}-g${i}`, 4, { price: 5, limitTotal: i === 0 ? 3 : null, pickupDays: 1 })._id)
        const supplied = goods.map(() => 4)
        const requests: Array<{ openid: string; payload: { requestId: string; goodsId: string; quantity: number } }> = []
        const orders = () => cloud.docs(COLLECTIONS.orders).filter((o) => goods.includes(o.goodsId)) as OrderDoc[]

        const apply = async (o: Op): Promise<string> => {
          if (o.op === 'redeem') {
            const req = { openid: youth[o.youth], payload: { requestId: randomUUID(), goodsId: goods[o.goods], quantity: o.quantity } }
            requests.push(req)
            const res = await cloud.as(req.openid).points.redeem(req.payload)
            return res.ok ? 'ok' : res.error.code
          }
          if (o.op === 'replay') {
            if (!requests.length) return 'skip'
            const req = requests[o.pick % requests.length]
            const res = await cloud.as(req.openid).points.redeem(req.payload)
            return res.ok ? 'ok' : res.error.code
          }
          if (o.op === 'cancel' || o.op === 'verify') {
            const all = orders()
            if (!all.length) return 'skip'
            const target = all[o.pick % all.length]
            const res =
              o.op === 'cancel'
                ? await cloud.as(target.openid).points.cancelOrder({ orderId: target._id })
                : await cloud.as('mp-clerk').points.confirmPickup({ venueId: 'v-rc', orderId: target._id, pickupCode: target.pickupCode })
            return res.ok ? 'ok' : res.error.code
          }
          if (o.op === 'restock') {
            const res = await cloud.as('dev-cadre').points.restockGoods({ goodsId: goods[o.goods], requestId: randomUUID(), delta: o.delta, note: '盘点' })
            if (res.ok) supplied[o.goods] += o.delta
            return res.ok ? 'ok' : res.error.code
          }
          if (o.op === 'expire') {
            cloud.clock.set(cloud.clock.now() + 24 * 3600_000)
            const res = await cloud.timer('points', 'expireOrders')
            return res.ok ? 'ok' : res.error.code
          }
          if (o.op === 'adjust') {
            const res = await cloud.as('dev-cadre').points.adjustPoints({ requestId: randomUUID(), userId: userIdFor(cloud.secrets, youth[o.youth]), amount: o.amount, reason: o.amount > 0 ? '志愿服务奖励' : '更正重复记录' })
            return res.ok ? 'ok' : res.error.code
          }
          if (o.op === 'pointsExpiry') {
            // The year end comes (for the ledger only): what is left of the awards expires, once however often.
            cloud.emulator.store.remove(COLLECTIONS.pointsPolicies, { _id: runIdFor('expire', shanghaiYear(EXPIRY_AT)) })
            await runExpiry(database(), EXPIRY_AT, Date.now() + 10_000)
            return 'ok'
          }
          const res = await cloud.timer('points', 'sweepStock')
          return res.ok ? 'ok' : res.error.code
        }

        for (const step of steps) {
          const answers = await Promise.all(step.map(apply))
          for (const a of answers) expect(a === 'ok' || a === 'skip' || ACCEPTED_REFUSALS.has(a) ? 'truthful' : a).toBe('truthful')
          assertMallInvariants(cloud)
          // No lot goes below zero: nothing expires that was spent or expired before.
          for (const y of youth) {
            const a = cloud.emulator.store.get(COLLECTIONS.accounts, userIdFor(cloud.secrets, y)) as { lots?: Record<string, number> } | null
            for (const n of Object.values(a?.lots ?? {})) expect(n).toBeGreaterThanOrEqual(0)
            const expiries = cloud.docs(COLLECTIONS.ledgerEntries, { accountId: userIdFor(cloud.secrets, y), kind: 'expiry' })
            expect(expiries.length).toBeLessThanOrEqual(1)
          }
          goods.forEach((g, i) => expect(stockOf(cloud, g).supplied).toBe(supplied[i]))
          // One order per request key, whatever was replayed.
          const keys = orders().map((o) => o._id)
          expect(new Set(keys).size).toBe(keys.length)
          // The per-person limit of the first goods: never more than 3 live units a youth.
          for (const y of youth) {
            const live = orders().filter((o) => o.openid === y && o.goodsId === goods[0] && (o.status === 'ready' || o.status === 'picked_up'))
            expect(live.reduce((t, o) => t + o.quantity, 0)).toBeLessThanOrEqual(3)
          }
        }
      }),
      { numRuns: 20 },
    )
    // The expiry op did expire something across the runs (the property is not vacuous).
    expect(cloud.docs(COLLECTIONS.ledgerEntries, { kind: 'expiry' }).length).toBeGreaterThan(0)
    expect(cloud.docs(COLLECTIONS.ledgerEntries, { kind: 'adjust' }).length).toBeGreaterThan(0)
  }, 180_000)
})
