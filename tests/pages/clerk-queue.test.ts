import { ordersContract } from '../../types/contract/orders'
import { ERRORS } from '../../types/errors'
import {
  NOT_IN_BOOK_TEXT,
  NO_BOOK_TEXT,
  SYNC_BATCH,
  applyResults,
  enqueue,
  localOrderOf,
  lookupLocal,
  makePickup,
  parseBook,
  parseQueue,
  payloadOf,
  pickupCodeFrom,
  queuedFor,
  toSend,
  withoutOrders,
  type LocalOrder,
  type OrderBook,
  type QueuedPickup,
} from '../../src/packages/clerk/pickup-queue'

const T = 1_790_000_000_000
const HOUR = 3600_000

const order = (n: number, over: Partial<LocalOrder> = {}): LocalOrder => ({
  orderId: `o${n}`,
  pickupCode: String(10_000_000 + n),
  goodsName: '大米 5kg',
  image: null,
  quantity: 1,
  expiresAt: T + 48 * HOUR,
  holderName: '张*明',
  phoneLast4: '5678',
  ...over,
})

const book = (orders: LocalOrder[], venueId = 'v1'): OrderBook => ({ venueId, savedAt: T, orders })
const pickup = (n: number, over: Partial<QueuedPickup> = {}): QueuedPickup => ({ ...makePickup(order(n), 'v1', T + n * 1000), ...over })
const ok = (id: string) => ({ id, ok: true, code: null, message: null })
const no = (id: string, code: keyof typeof ERRORS) => ({ id, ok: false, code, message: ERRORS[code] })

describe('clerk pickup queue', () => {
  it('reads the 8 digits from a scan or the keypad, and nothing else', () => {
    expect(pickupCodeFrom('12345678')).toBe('12345678')
    expect(pickupCodeFrom(' 1234 5678 ')).toBe('12345678')
    expect(pickupCodeFrom('1234-5678')).toBe('12345678')
    expect(pickupCodeFrom('1234567')).toBeNull()
    expect(pickupCodeFrom('123456789')).toBeNull()
    expect(pickupCodeFrom('tq1.u_abc.mac')).toBeNull()
    expect(pickupCodeFrom('１２３４５６７８')).toBeNull()
  })

  it('keeps one confirmation per order: the same order or code queued again is refused and the first kept', () => {
    let q: QueuedPickup[] = []
    let r = enqueue(q, pickup(1))
    expect(r.added).toBe(true)
    q = r.queue
    r = enqueue(q, pickup(1, { at: T + 99_000 }))
    expect(r.added).toBe(false)
    expect(r.queue).toEqual([pickup(1)])
    r = enqueue(q, { ...pickup(2), pickupCode: pickup(1).pickupCode })
    expect(r.added).toBe(false)
    expect(enqueue(q, pickup(2)).queue.map((x) => x.orderId)).toEqual(['o1', 'o2'])
    expect(q).toHaveLength(1) // the queue it was given is unchanged
  })

  it('looks a code up in the book with no network: found, queued (never twice), expired, or unknown', () => {
    const b = book([order(1), order(2, { expiresAt: T + 1000 })])
    expect(lookupLocal(b, [], 'v1', order(1).pickupCode, T)).toEqual({ kind: 'found', order: order(1) })
    // Confirmed on this phone already: the queue answers before the book.
    const q = [pickup(1)]
    expect(lookupLocal(b, q, 'v1', order(1).pickupCode, T)).toEqual({ kind: 'queued', item: pickup(1) })
    expect(queuedFor(q, order(1).pickupCode)).toEqual(pickup(1))
    expect(queuedFor(q, order(2).pickupCode)).toBeNull()
    // Past its deadline on the phone's clock: refused as the server would.
    expect(lookupLocal(b, [], 'v1', order(2).pickupCode, T + 1000)).toEqual({ kind: 'refused', code: 'ORDER.EXPIRED', message: ERRORS['ORDER.EXPIRED'] })
    expect(lookupLocal(b, [], 'v1', '99999999', T)).toEqual({ kind: 'unknown', message: NOT_IN_BOOK_TEXT })
    // Another venue's book, or none, answers nothing about this venue.
    expect(lookupLocal(b, [], 'v2', order(1).pickupCode, T)).toEqual({ kind: 'unknown', message: NO_BOOK_TEXT })
    expect(lookupLocal(null, [], 'v1', order(1).pickupCode, T)).toEqual({ kind: 'unknown', message: NO_BOOK_TEXT })
  })

  it('sends exactly the contract’s fields, with the time of the confirmation, in batches the contract takes', () => {
    const q = Array.from({ length: SYNC_BATCH + 3 }, (_, i) => pickup(i + 1))
    const batch = toSend(q)
    expect(batch).toHaveLength(SYNC_BATCH)
    const payload = payloadOf(batch)
    expect(payload[0]).toEqual({ orderId: 'o1', pickupCode: order(1).pickupCode, venueId: 'v1', at: T + 1000 })
    expect(ordersContract.actions.syncPickups.input.safeParse({ items: payload }).success).toBe(true)
    // What this upload already sent is not sent again in it.
    expect(toSend(q, new Set(batch.map((b) => b.orderId))).map((b) => b.orderId)).toEqual([`o${SYNC_BATCH + 1}`, `o${SYNC_BATCH + 2}`, `o${SYNC_BATCH + 3}`])
  })

  it('applies mixed answers: accepted and refused orders leave with their outcome, passing faults stay, unmentioned ones stay', () => {
    const q = [pickup(1), pickup(2), pickup(3), pickup(4)]
    const { queue, outcomes } = applyResults(q, [ok('o1'), no('o2', 'ORDER.CANCELLED'), no('o3', 'GENERIC.CONFLICT')])
    expect(outcomes).toEqual([
      { orderId: 'o1', goodsName: '大米 5kg', quantity: 1, holderName: '张*明', at: T + 1000, ok: true, message: '领取成功' },
      { orderId: 'o2', goodsName: '大米 5kg', quantity: 1, holderName: '张*明', at: T + 2000, ok: false, message: ERRORS['ORDER.CANCELLED'] },
    ])
    expect(queue).toEqual([{ ...pickup(3), retry: ERRORS['GENERIC.CONFLICT'] }, pickup(4)])
    // The passing fault goes again and, accepted, leaves without its old note.
    const again = applyResults(queue, [ok('o3')])
    expect(again.queue).toEqual([pickup(4)])
    // A refusal without a sentence still says something.
    expect(applyResults([pickup(5)], [{ id: 'o5', ok: false, code: null, message: null }]).outcomes[0].message).toBe('未能核销')
  })

  it('keeps everything when no answer came (the network failed)', () => {
    const q = [pickup(1), pickup(2)]
    expect(applyResults(q, [])).toEqual({ queue: q, outcomes: [] })
  })

  it('takes handed-over orders out of the book', () => {
    expect(withoutOrders(book([order(1), order(2)]), ['o1'])?.orders).toEqual([order(2)])
    expect(withoutOrders(null, ['o1'])).toBeNull()
  })

  it('keeps of a downloaded order only what the counter shows', () => {
    const v = { ...order(1), status: 'ready' as const, venueIds: ['v1', 'v2'], pickedUpAt: null }
    expect(localOrderOf(v)).toEqual(order(1))
  })

  it('reads back what storage held and drops what is not a queued pickup or an order', () => {
    const stored = JSON.parse(
      JSON.stringify([pickup(1), { ...pickup(2), retry: '系统开小差了，请稍后再试。' }, pickup(1), { orderId: 'o9' }, null, { ...pickup(3), pickupCode: '12' }, { ...pickup(4), at: 'now' }]),
    )
    expect(parseQueue(stored)).toEqual([pickup(1), { ...pickup(2), retry: '系统开小差了，请稍后再试。' }])
    expect(parseQueue('')).toEqual([])
    expect(parseQueue(undefined)).toEqual([])
    const b = JSON.parse(JSON.stringify(book([order(1), { orderId: 'x' } as LocalOrder, order(2, { image: 'cloud://env/a.jpg' })])))
    expect(parseBook(b)).toEqual(book([order(1), order(2, { image: 'cloud://env/a.jpg' })]))
    expect(parseBook('')).toBeNull()
    expect(parseBook({ venueId: 'v1', orders: [] })).toBeNull()
  })
})
