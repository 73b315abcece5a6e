import { randomUUID } from 'node:crypto'
import { seed } from '../../local/seed'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { assertMallInvariants } from '../fixtures/mall'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../fixtures/test-cloud'

/**
 * The mall's demo data (local/seed/mall.ts): the canteen's four donors, goods in every status,
 * orders in every state — and invariants 1–4 hold on it, so the demo behaves as the real thing does.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 40, seed: false })
  seed(cloud.emulator.store, cloud.secrets, 40, TEST_NOW, { mall: true })
})
afterAll(() => cloud.close())

describe('the seeded mall', () => {
  it('holds the four donors, goods in every status and orders in every state, with invariants 1–4', () => {
    expect(cloud.docs(COLLECTIONS.donors)).toHaveLength(4)
    expect(new Set(cloud.docs(COLLECTIONS.goods).map((g) => g.status))).toEqual(new Set(['on_sale', 'off_shelf', 'draft']))
    expect(new Set(cloud.docs(COLLECTIONS.orders).map((o) => o.status))).toEqual(new Set(['ready', 'picked_up', 'cancelled', 'expired']))
    const notebook = cloud.emulator.store.get(COLLECTIONS.goodsStock, 'g_seed_notebook') as { supplied: number; taken: number }
    expect(notebook.taken).toBe(notebook.supplied) // sold out
    assertMallInvariants(cloud)
  })

  it('changes nothing when run again (what people did since stays)', () => {
    const before = JSON.stringify([COLLECTIONS.orders, COLLECTIONS.accounts, COLLECTIONS.goodsStock, COLLECTIONS.goodsQuotas, COLLECTIONS.ledgerEntries].map((c) => cloud.docs(c)))
    seed(cloud.emulator.store, cloud.secrets, 40, TEST_NOW + 3 * 24 * 3600_000, { mall: true })
    expect(JSON.stringify([COLLECTIONS.orders, COLLECTIONS.accounts, COLLECTIONS.goodsStock, COLLECTIONS.goodsQuotas, COLLECTIONS.ledgerEntries].map((c) => cloud.docs(c)))).toBe(before)
  })

  it('lets the demo youth redeem, see her orders, and the cadre verify a ready order at its venue', async () => {
    const mine = ok(await cloud.as('dev-youth').points.myOrders({}))
    expect(new Set(mine.items.map((o) => o.status))).toEqual(new Set(['ready', 'picked_up', 'cancelled', 'expired']))
    const catalogue = ok(await cloud.as('dev-youth').points.listGoods({}))
    expect(catalogue.items.map((g) => g.name)).toEqual(expect.arrayContaining(['五常大米 5kg', '学生文具套装']))
    expect(errCode(await cloud.as('dev-youth').points.redeem({ requestId: randomUUID(), goodsId: 'g_seed_notebook', quantity: 1 }))).toBe('GOODS.SOLD_OUT')
    const ready = mine.items.find((o) => o.status === 'ready')!
    const { pickup } = ok(await cloud.as('dev-cadre').points.lookupPickup({ venueId: ready.venues[0].id, pickupCode: ready.pickupCode! }))
    expect(pickup).toMatchObject({ holderName: '王*青', phoneLast4: '1234' })
    const board = ok(await cloud.as(null).points.donorBoard({ orgId: 'yc' }))
    expect(board.items.length).toBeGreaterThanOrEqual(3)
  })
})
