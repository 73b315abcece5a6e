import { randomUUID } from 'node:crypto'
import { cloudStorage, type Storage } from '../../../cloudfunctions/_core/platform'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { actions } from '../../../cloudfunctions/points/actions'
import { FILES_ROUTE } from '../../../local/emulator'
import { pointsContract } from '../../../types/contract/points'
import { putClerk, putGoods, putVenue, putYouth } from '../../fixtures/mall'
import { JPEG_BYTES, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * An order keeps its goods' picture as a `cloud://` file id, which no phone or browser can open: every
 * order view the youth and the clerk get carries a temporary URL the storage serves instead, one
 * storage call per page (through the real SDK and the emulator's storage).
 */
let cloud: TestCloud
let goodsId: string
let passed: string
beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  putClerk(cloud, 'op-clerk', { _id: 'v-rc', orgId: 'yc-rc' })
  putYouth(cloud, 'op-youth', { balance: 500 })
  // The first picture failed its check: the youth's card showed the second, and so does the order.
  const risky = cloud.upload('dev-cadre', 'order-pic-risky')
  passed = cloud.upload('dev-cadre', 'order-pic-pass')
  goodsId = putGoods(cloud, 'op-goods', 20, { images: [risky, passed], imageChecks: ['risky', 'pass'] })._id
  putGoods(cloud, 'op-bare', 20)
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

/** The bytes the storage hands out for a temporary URL (what the gateway's /files route answers), or null. */
function served(url: string | null): Buffer | null {
  if (!url) return null
  const { pathname, searchParams } = new URL(url, 'http://gateway.local')
  if (!pathname.startsWith(FILES_ROUTE)) return null
  return cloud.emulator.files.read(pathname.slice(FILES_ROUTE.length), searchParams.get('expires'), searchParams.get('sign'), Date.now())?.bytes ?? null
}

function expectServedPicture(image: string | null, name: string) {
  expect(image).not.toMatch(/^cloud:/)
  expect(image).toContain(`${name}.jpg?expires=`)
  expect(served(image)?.equals(JPEG_BYTES)).toBe(true)
}

const redeem = async (who: string, id = goodsId) => ok(await cloud.as(who).points.redeem({ requestId: randomUUID(), goodsId: id, quantity: 1 })).order

/** The points function with its storage counted: how many temporary-URL calls an answer cost. */
function counted() {
  const calls: string[][] = []
  const storage: Storage = { urls: (ids) => (calls.push(ids), cloudStorage.urls(ids)) }
  const handler = createHandler(pointsContract, actions, () => ({ ...cloud.deps(), platform: { ...cloud.deps().platform, storage } }))
  return { calls, call: (openid: string, action: string, payload: Record<string, unknown>) => handler.handle({ action, payload }, localCaller(openid)) }
}

describe('the pictures of orders', () => {
  it('answers a redemption, the order and the list with a temporary URL of the picture the card showed', async () => {
    const order = await redeem('op-youth')
    expectServedPicture(order.image, 'order-pic-pass')
    // The order keeps the file id; only views sign it.
    expect(cloud.emulator.store.get(COLLECTIONS.orders, order.id)?.image).toBe(passed)
    expectServedPicture(ok(await cloud.as('op-youth').points.getOrder({ orderId: order.id })).order.image, 'order-pic-pass')
    const mine = ok(await cloud.as('op-youth').points.myOrders({}))
    expectServedPicture(mine.items.find((o) => o.id === order.id)!.image, 'order-pic-pass')
    expectServedPicture(ok(await cloud.as('op-youth').points.cancelOrder({ orderId: order.id })).order.image, 'order-pic-pass')
  })

  it('shows the clerk the picture when looking up, confirming and downloading the day’s orders', async () => {
    const listed = await redeem('op-youth')
    const order = await redeem('op-youth')
    expectServedPicture(ok(await cloud.as('op-clerk').points.lookupPickup({ venueId: 'v-rc', pickupCode: order.pickupCode! })).pickup.image, 'order-pic-pass')
    const book = ok(await cloud.as('op-clerk').points.pickupList({ venueId: 'v-rc' }))
    expectServedPicture(book.items.find((p) => p.orderId === listed.id)!.image, 'order-pic-pass')
    const done = ok(await cloud.as('op-clerk').points.confirmPickup({ venueId: 'v-rc', orderId: order.id, pickupCode: order.pickupCode! }))
    expectServedPicture(done.pickup.image, 'order-pic-pass')
  })

  it('answers null for goods without a picture, and for a picture gone from storage', async () => {
    const bare = await redeem('op-youth', 'op-bare')
    expect(bare.image).toBeNull()
    const gone = await redeem('op-youth')
    cloud.emulator.store.upsert(COLLECTIONS.orders, { ...cloud.emulator.store.get(COLLECTIONS.orders, gone.id)!, image: 'cloud://local.local-files/uploads/nobody/gone-0001.jpg' })
    expect(ok(await cloud.as('op-youth').points.getOrder({ orderId: gone.id })).order.image).toBeNull()
  })

  it('signs a whole page of pictures in one storage call, for the youth and for the clerk', async () => {
    for (let i = 0; i < 3; i++) await redeem('op-youth')
    const { calls, call } = counted()
    const mine = ok(await call('op-youth', 'myOrders', { limit: 5 })) as { items: { image: string | null }[] }
    expect(mine.items).toHaveLength(5)
    expect(calls).toHaveLength(1)
    for (const o of mine.items) if (o.image) expect(served(o.image)).not.toBeNull()
    calls.length = 0
    const book = ok(await call('op-clerk', 'pickupList', { venueId: 'v-rc', limit: 4 })) as { items: { image: string | null }[] }
    expect(book.items).toHaveLength(4)
    expect(calls).toHaveLength(1)
  })
})
