import { join, leave, newTicket, promote, queueOrder, readPlaces, ticketTime, type PlacesSpec } from '../../cloudfunctions/_core/runtime/places'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { testCloud, TEST_NOW, type TestCloud } from '../fixtures/test-cloud'

/**
 * runtime/places.ts on its own, through the real SDK and the emulator: the piece sign-up uses and
 * the mall's stock (no queue) and a group's capacity will use. A document of another shape (a
 * goods-like `stock` with `buyers`) shows it is not tied to activities.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ seed: false })
})
afterAll(() => cloud.close())

const GOODS: PlacesSpec = { collection: COLLECTIONS.activities, capacity: 'stock', count: 'sold', queued: 'waiting', holders: 'buyers', queue: 'wanting', touched: 'soldAt' }
const OPEN = { status: 'on_sale' }
let seq = 0
function goods(stock: number): string {
  const id = `g-${++seq}`
  cloud.emulator.store.upsert(COLLECTIONS.activities, { _id: id, status: 'on_sale', stock, sold: 0, waiting: 0, buyers: {}, wanting: {} })
  return id
}
const doc = (id: string) => cloud.emulator.store.get(COLLECTIONS.activities, id) as Record<string, any>
const key = (i: number) => `u${String(i).padStart(4, '0')}`

describe('places', () => {
  it('1,000 buyers at once for 100 in stock: exactly 100 held, 900 told full, no error', async () => {
    const db = cloud.deps().db
    const id = goods(100)
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => join(db, GOODS, id, key(i), newTicket(TEST_NOW), { capacity: 100, open: OPEN, queue: false })))
    expect(answers.filter((a) => a.outcome === 'held')).toHaveLength(100)
    expect(answers.filter((a) => a.outcome === 'full')).toHaveLength(900)
    expect(doc(id).sold).toBe(100)
    expect(Object.keys(doc(id).buyers)).toHaveLength(100)
  }, 60_000)

  it('a key holds once however often it asks, and a closed document answers closed', async () => {
    const db = cloud.deps().db
    const id = goods(5)
    const twice = await Promise.all(Array.from({ length: 6 }, () => join(db, GOODS, id, 'same', newTicket(TEST_NOW), { capacity: 5, open: OPEN, queue: true })))
    expect(twice.filter((a) => a.outcome === 'held')).toHaveLength(1)
    expect(twice.filter((a) => a.outcome === 'present')).toHaveLength(5)
    expect(doc(id)).toMatchObject({ sold: 1, waiting: 0 })
    cloud.emulator.store.upsert(COLLECTIONS.activities, { ...doc(id), status: 'withdrawn' })
    expect(await join(db, GOODS, id, 'late', newTicket(TEST_NOW), { capacity: 5, open: OPEN, queue: true })).toEqual({ outcome: 'closed' })
  })

  it('queues in ticket order once full; each place freed goes to the head, exactly once, however many promote at once', async () => {
    const db = cloud.deps().db
    const id = goods(3)
    const tickets: Record<string, number> = {}
    for (let i = 0; i < 10; i++) {
      tickets[key(i)] = newTicket(TEST_NOW)
      await join(db, GOODS, id, key(i), tickets[key(i)], { capacity: 3, open: OPEN, queue: true })
    }
    expect(doc(id)).toMatchObject({ sold: 3, waiting: 7 })
    expect(queueOrder(doc(id).wanting)).toEqual([3, 4, 5, 6, 7, 8, 9].map(key))
    // A newcomer may not take a freed place ahead of those waiting.
    expect(await leave(db, GOODS, id, key(0), TEST_NOW)).toBe('held')
    expect((await join(db, GOODS, id, 'newcomer', newTicket(TEST_NOW), { capacity: 3, open: OPEN, queue: true })).outcome).toBe('queued')
    expect(await leave(db, GOODS, id, key(1), TEST_NOW)).toBe('held')
    const moved = await Promise.all(Array.from({ length: 8 }, () => promote(db, GOODS, id, newTicket(TEST_NOW), OPEN)))
    expect(moved.flat().sort()).toEqual([key(3), key(4)])
    expect(doc(id)).toMatchObject({ sold: 3, waiting: 6 })
    expect(Object.keys(doc(id).buyers).sort()).toEqual([key(2), key(3), key(4)])
    // Leaving the queue is exact too; a key that is nowhere answers absent.
    expect(await leave(db, GOODS, id, key(9), TEST_NOW, 'queued')).toBe('queued')
    expect(await leave(db, GOODS, id, key(9), TEST_NOW, 'queued')).toBe('absent')
    const s = (await readPlaces(db, GOODS, id))!
    expect(s).toMatchObject({ capacity: 3, count: 3, queued: 5 })
    expect(queueOrder(s.queue)).toEqual([...[5, 6, 7, 8].map(key), 'newcomer'])
  })

  it('tickets follow the order they were issued in, within one millisecond, and tell their time', () => {
    const t = Array.from({ length: 50 }, () => newTicket(TEST_NOW))
    // Increasing, except at most once where the counter wraps at 1000.
    expect(t.filter((x, i) => i > 0 && x <= t[i - 1]).length).toBeLessThanOrEqual(1)
    expect(new Set(t).size).toBe(50)
    expect(new Set(t.map(ticketTime))).toEqual(new Set([TEST_NOW]))
    expect(queueOrder({ b: 5, a: 5, c: 1 })).toEqual(['c', 'a', 'b'])
  })
})
