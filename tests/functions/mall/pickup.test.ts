import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { MAX_PICKUP_MISSES } from '../../../cloudfunctions/_core/mall'
import { assertMallInvariants, putClerk, putGoods, putVenue, putYouth, stockOf } from '../../fixtures/mall'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Pickup (核销): a clerk of a listed venue sees the order with a photo-free identity check and
 * confirms once; wrong venue, expired, picked up, cancelled and another county's orders are refused
 * clearly; wrong codes are limited per clerk; offline confirmations upload once.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  putVenue(cloud, 'v-rc-2', { name: '润城镇便民服务中心' })
  putVenue(cloud, 'v-yuci', { orgId: 'yuci', underOrgs: ['yuci'], name: '榆次区青年之家' })
  putClerk(cloud, 'pk-clerk', { _id: 'v-rc', orgId: 'yc-rc' })
  putClerk(cloud, 'pk-clerk-2', { _id: 'v-rc-2', orgId: 'yc-rc' })
  putClerk(cloud, 'pk-guesser', { _id: 'v-rc', orgId: 'yc-rc' })
  putClerk(cloud, 'pk-yuci-clerk', { _id: 'v-yuci', orgId: 'yuci' })
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

let n = 0
async function order(over: Record<string, unknown> = {}) {
  const i = n++
  const youth = `pk-youth-${i}`
  putYouth(cloud, youth, { balance: 100, realName: '王晓青', phoneMasked: '138****1234' })
  const goods = putGoods(cloud, `pk-goods-${i}`, 10, { pickupDays: 2, ...over })
  return { youth, goods, order: ok(await cloud.as(youth).points.redeem({ requestId: randomUUID(), goodsId: goods._id, quantity: 2 })).order }
}
const lookup = (clerk: string, venueId: string, pickupCode: string) => cloud.as(clerk).points.lookupPickup({ venueId, pickupCode })
const confirm = (clerk: string, venueId: string, o: { id: string; pickupCode: string | null }) =>
  cloud.as(clerk).points.confirmPickup({ venueId, orderId: o.id, pickupCode: o.pickupCode! })

describe('pickup', () => {
  it('shows the clerk what to hand over and who, without a full name or phone; confirms once; the stock stays taken', async () => {
    const { youth, goods, order: o } = await order()
    const { pickup } = ok(await lookup('pk-clerk', 'v-rc', o.pickupCode!))
    expect(pickup).toMatchObject({ orderId: o.id, goodsName: '五常大米 5kg', quantity: 2, holderName: '王*青', phoneLast4: '1234', status: 'ready' })
    expect(JSON.stringify(pickup)).not.toMatch(/王晓青|1381234/)
    expect(ok(await confirm('pk-clerk', 'v-rc', o)).pickup).toMatchObject({ status: 'picked_up', pickedUpAt: TEST_NOW })
    const again = await confirm('pk-clerk', 'v-rc', o)
    expect(again).toMatchObject({ ok: false, error: { code: 'ORDER.PICKED_UP', message: '这笔订单已于10:00领取过了，不能重复领取。' } })
    expect(errCode(await lookup('pk-clerk', 'v-rc', o.pickupCode!))).toBe('ORDER.PICKED_UP')
    expect(ok(await cloud.as(youth).points.getOrder({ orderId: o.id })).order).toMatchObject({ status: 'picked_up', pickupCode: null, pickedUpVenue: '润城镇青年之家兑换点' })
    expect(errCode(await cloud.as(youth).points.cancelOrder({ orderId: o.id }))).toBe('ORDER.PICKED_UP')
    expect(stockOf(cloud, goods._id)).toMatchObject({ taken: 2, holds: {} })
    expect(cloud.docs(COLLECTIONS.auditLogs, { action: 'points.confirmPickup' })).toEqual([
      expect.objectContaining({ actor: 'pk-clerk', target: { type: 'order', id: o.id }, orgId: 'yc-rc' }),
    ])
    assertMallInvariants(cloud)
  })

  it('refuses a venue the order does not list, another county, an expired or a cancelled order, and people without the role', async () => {
    const { order: wrongVenue } = await order()
    expect(errCode(await confirm('pk-clerk-2', 'v-rc-2', wrongVenue))).toBe('ORDER.WRONG_VENUE')
    expect(errCode(await lookup('pk-yuci-clerk', 'v-yuci', wrongVenue.pickupCode!))).toBe('ORDER.OTHER_COUNTY')
    // A clerk of one venue may not act at another, even in the same org; a youth may not at all.
    expect(errCode(await confirm('pk-clerk-2', 'v-rc', wrongVenue))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await confirm('dev-youth', 'v-rc', wrongVenue))).toBe('AUTH.FORBIDDEN')
    // A cadre over the venue's org may.
    expect(ok(await confirm('dev-cadre', 'v-rc', wrongVenue)).pickup.status).toBe('picked_up')

    const { youth, order: cancelled } = await order()
    ok(await cloud.as(youth).points.cancelOrder({ orderId: cancelled.id }))
    expect(errCode(await confirm('pk-clerk', 'v-rc', cancelled))).toBe('ORDER.CANCELLED')

    const { order: late } = await order()
    cloud.clock.set(late.expiresAt) // the timer has not run yet: still refused
    expect(errCode(await confirm('pk-clerk', 'v-rc', late))).toBe('ORDER.EXPIRED')
    expect(errCode(await lookup('pk-clerk', 'v-nowhere', late.pickupCode!))).toBe('VENUE.NOT_FOUND')
  })

  it('limits wrong codes per clerk per hour: past the limit even the right code waits', async () => {
    const { order: o } = await order()
    const wrong = o.pickupCode === '00000000' ? '00000001' : '00000000'
    for (let i = 0; i < MAX_PICKUP_MISSES; i++) expect(errCode(await lookup('pk-guesser', 'v-rc', wrong))).toBe('ORDER.CODE_WRONG')
    expect(errCode(await lookup('pk-guesser', 'v-rc', o.pickupCode!))).toBe('ORDER.TOO_MANY_TRIES')
    expect(errCode(await confirm('pk-guesser', 'v-rc', o))).toBe('ORDER.TOO_MANY_TRIES')
    // Another clerk is not held back; the next hour the first may try again.
    expect(ok(await lookup('dev-cadre', 'v-rc', o.pickupCode!)).pickup.orderId).toBe(o.id)
    cloud.clock.set(TEST_NOW + 3600_000)
    expect(ok(await lookup('pk-guesser', 'v-rc', o.pickupCode!)).pickup.orderId).toBe(o.id)
    expect(errCode(await cloud.as('pk-guesser').points.lookupPickup({ venueId: 'v-rc', pickupCode: '1234' }))).toBe('GENERIC.BAD_INPUT')
  })

  it('counts a burst of wrong codes sent at once: exactly the limit are answered 兑换码不对, the rest refused', async () => {
    const { order: o } = await order()
    putClerk(cloud, 'pk-burst', { _id: 'v-rc', orgId: 'yc-rc' })
    const wrong = o.pickupCode === '00000000' ? '00000001' : '00000000'
    const answers = await Promise.all(Array.from({ length: MAX_PICKUP_MISSES * 2 }, () => lookup('pk-burst', 'v-rc', wrong)))
    const codes = answers.map(errCode)
    expect(codes.filter((c) => c === 'ORDER.CODE_WRONG')).toHaveLength(MAX_PICKUP_MISSES)
    expect(codes.filter((c) => c === 'ORDER.TOO_MANY_TRIES')).toHaveLength(MAX_PICKUP_MISSES)
    expect(errCode(await lookup('pk-burst', 'v-rc', o.pickupCode!))).toBe('ORDER.TOO_MANY_TRIES')
  })

  it('gives a right code its try back: right codes never add up to a lock', async () => {
    const { order: o } = await order()
    putClerk(cloud, 'pk-busy', { _id: 'v-rc', orgId: 'yc-rc' })
    for (let i = 0; i < MAX_PICKUP_MISSES + 2; i++) expect(ok(await lookup('pk-busy', 'v-rc', o.pickupCode!)).pickup.orderId).toBe(o.id)
    const wrong = o.pickupCode === '00000000' ? '00000001' : '00000000'
    expect(errCode(await lookup('pk-busy', 'v-rc', wrong))).toBe('ORDER.CODE_WRONG')
  })

  it('downloads a venue’s ready orders for offline use, and uploads offline pickups once, refusing those that changed meanwhile', async () => {
    const a = await order()
    const b = await order()
    const c = await order()
    const listed = ok(await cloud.as('pk-clerk').points.pickupList({ venueId: 'v-rc', limit: 50 }))
    expect(listed.items.map((p) => p.orderId)).toEqual(expect.arrayContaining([a.order.id, b.order.id, c.order.id]))
    expect(errCode(await cloud.as('pk-clerk-2').points.pickupList({ venueId: 'v-rc' }))).toBe('AUTH.FORBIDDEN')

    ok(await cloud.as(b.youth).points.cancelOrder({ orderId: b.order.id })) // cancelled while the clerk was offline
    const at = TEST_NOW + 60_000
    cloud.clock.set(TEST_NOW + 30 * 60_000)
    const items = [a, b, c].map((x) => ({ orderId: x.order.id, pickupCode: x.order.pickupCode!, venueId: 'v-rc', at }))
    const first = ok(await cloud.as('pk-clerk').points.syncPickups({ items }))
    expect(first.results.map((r) => [r.id, r.ok, r.code])).toEqual([
      [a.order.id, true, null],
      [b.order.id, false, 'ORDER.CANCELLED'],
      [c.order.id, true, null],
    ])
    // The upload sent again (its reply was lost): no second pickup, the same answers.
    const again = ok(await cloud.as('pk-clerk').points.syncPickups({ items }))
    expect(again.results.map((r) => r.ok)).toEqual([true, false, true])
    expect(ok(await cloud.as(a.youth).points.getOrder({ orderId: a.order.id })).order.pickedUpAt).toBe(at)
    expect(cloud.docs(COLLECTIONS.auditLogs, { action: 'points.syncPickups' })).toHaveLength(1)
    // A time from before the order or from the future is refused.
    const d = await order()
    const bad = ok(await cloud.as('pk-clerk').points.syncPickups({ items: [{ orderId: d.order.id, pickupCode: d.order.pickupCode!, venueId: 'v-rc', at: TEST_NOW + 3600_000 }] }))
    expect(bad.results[0]).toMatchObject({ ok: false, code: 'GENERIC.BAD_INPUT' })
    assertMallInvariants(cloud)
  })

  it('lists the venues a person may verify at', async () => {
    expect(ok(await cloud.as('pk-clerk').points.myPickupVenues({})).venues.map((v) => v.id)).toEqual(['v-rc'])
    expect(ok(await cloud.as('dev-youth').points.myPickupVenues({})).venues).toEqual([])
  })
})
