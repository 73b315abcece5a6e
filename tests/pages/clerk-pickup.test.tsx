import { act, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks, __storage } from './__mocks__/taro'
import type { PickupViewT } from '../../types/contract/orders'
import { ERRORS, type ErrorCode } from '../../types/errors'
import PickupPage from '../../src/packages/clerk/pages/pickup'
import { CLERK_KEYS } from '../../src/packages/clerk/pickup-store'
import { QUEUED_TEXT, type QueuedPickup } from '../../src/packages/clerk/pickup-queue'
import MePage from '../../src/pages/me'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { api, me, profile, renderWithSession, role } from './fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const DAY = 24 * 3600_000

const VENUE = { id: 'v-dongjie', name: '东街社区兑换点', address: '东街12号', hours: '周一至周五 9:00-17:00', orgName: '东街社区团支部' }
const VENUE_2 = { id: 'v-xijie', name: '西街兑换点', address: '西街3号', hours: '每天 9:00-17:00', orgName: '西街团支部' }

function view(n: number, over: Partial<PickupViewT> = {}): PickupViewT {
  return {
    orderId: `o${n}`,
    pickupCode: String(20_000_000 + n),
    goodsName: n % 2 ? '大米 5kg' : '笔记本',
    image: null,
    quantity: n,
    status: 'ready',
    expiresAt: Date.now() + 2 * DAY,
    holderName: `张*${n}`,
    phoneLast4: String(5000 + n),
    venueIds: [VENUE.id],
    pickedUpAt: null,
    ...over,
  }
}

const network = () => new ApiError('GENERIC.NETWORK')
const clerk = () => me({ roles: [role({ id: 'r-clerk', role: 'clerk', orgId: 'b-dongjie', orgName: '东街社区团支部' })] })
const keyIn = (digits: string) => {
  for (const d of digits) tap(`pickup-key-${d}`)
}
const queueStored = () => (__storage.get(CLERK_KEYS.queue) ?? []) as QueuedPickup[]

/** The venue's waiting orders, answered page by page (2 per page) as pickupList does. */
function serveList(orders: PickupViewT[]) {
  api.points.pickupList.mockImplementation(async ({ cursor }: { cursor?: string }) => {
    const start = cursor ? Number(cursor) : 0
    const items = orders.slice(start, start + 2)
    return { items, nextCursor: start + 2 < orders.length ? String(start + 2) : null }
  })
}

async function openCounter() {
  renderWithSession(<PickupPage />)
  await waitFor(() => expect(textOf('pickup-venue-name')).toBe(VENUE.name))
}

beforeEach(() => {
  __storage.clear()
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(clerk())
  api.points.myPickupVenues.mockResolvedValue({ venues: [VENUE] })
  serveList([view(1), view(2), view(3)])
  api.points.lookupPickup.mockRejectedValue(new Error('lookupPickup not expected'))
  api.points.confirmPickup.mockRejectedValue(new Error('confirmPickup not expected'))
  api.points.syncPickups.mockRejectedValue(network())
})

describe('我的: the counter entry', () => {
  it('is shown to clerks, cadres and admins, and opens the pickup page', async () => {
    renderWithSession(<MePage />)
    await screen.findByText('核销兑换')
    tap('entry-clerk-pickup')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.clerkPickup })
  })

  it('is not shown to a youth without a role', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    expect(document.getElementById('entry-clerk-pickup')).toBeNull()
  })
})

describe('clerk: the venue', () => {
  it('shows no choice for a single venue and downloads all its waiting orders onto the phone', async () => {
    await openCounter()
    expect(document.getElementById('pickup-venues')).toBeNull()
    expect(document.getElementById('pickup-venue-switch')).toBeNull()
    await waitFor(() => expect(textOf('pickup-book-summary')).toContain('本机已下载 3 笔'))
    expect(api.points.pickupList.mock.calls.map((c) => c[0])).toEqual([
      { venueId: VENUE.id, cursor: undefined, limit: 50 },
      { venueId: VENUE.id, cursor: '2', limit: 50 },
    ])
    const stored = __storage.get(CLERK_KEYS.book + VENUE.id) as { orders: { orderId: string }[] }
    expect(stored.orders.map((o) => o.orderId)).toEqual(['o1', 'o2', 'o3'])
  })

  it('asks once among several venues and remembers the choice on the next visit', async () => {
    api.points.myPickupVenues.mockResolvedValue({ venues: [VENUE, VENUE_2] })
    const first = renderWithSession(<PickupPage />)
    await waitFor(() => expect(byId('pickup-venues')).toBeTruthy())
    expect(api.points.pickupList).not.toHaveBeenCalled()
    tap(`pickup-venue-${VENUE_2.id}`)
    await waitFor(() => expect(textOf('pickup-venue-name')).toBe(VENUE_2.name))
    await waitFor(() => expect(api.points.pickupList).toHaveBeenCalledWith({ venueId: VENUE_2.id, cursor: undefined, limit: 50 }))
    expect(__storage.get(CLERK_KEYS.venue)).toBe(VENUE_2.id)
    first.unmount()

    renderWithSession(<PickupPage />)
    await waitFor(() => expect(textOf('pickup-venue-name')).toBe(VENUE_2.name))
    expect(document.getElementById('pickup-venues')).toBeNull()
    // Another venue today: 切换 asks again.
    tap('pickup-venue-switch')
    await waitFor(() => expect(byId('pickup-venues')).toBeTruthy())
    tap(`pickup-venue-${VENUE.id}`)
    await waitFor(() => expect(textOf('pickup-venue-name')).toBe(VENUE.name))
    expect(__storage.get(CLERK_KEYS.venue)).toBe(VENUE.id)
  })

  it('says so when the clerk has no venue to serve', async () => {
    api.points.myPickupVenues.mockResolvedValue({ venues: [] })
    renderWithSession(<PickupPage />)
    await waitFor(() => expect(textOf('pickup-no-venue')).toMatch(/还没有可以核销的兑换点/))
    expect(document.getElementById('pickup-key-1')).toBeNull()
  })

  it('keeps the counter closed to a youth without a role', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<PickupPage />)
    await waitFor(() => expect(byId('forbidden')).toBeTruthy())
    expect(api.points.myPickupVenues).not.toHaveBeenCalled()
  })
})

describe('clerk: online pickup', () => {
  it('looks the typed code up, shows what to hand over and to whom, and confirms once', async () => {
    api.points.lookupPickup.mockResolvedValue({ pickup: view(3, { holderName: '张*明', phoneLast4: '8765' }) })
    api.points.confirmPickup.mockResolvedValue({ pickup: view(3, { status: 'picked_up', pickedUpAt: Date.now() }) })
    await openCounter()
    keyIn('2000000')
    expect(api.points.lookupPickup).not.toHaveBeenCalled()
    tap('pickup-key-back')
    keyIn('03')
    await waitFor(() => expect(byId('pickup-order')).toBeTruthy())
    expect(api.points.lookupPickup).toHaveBeenCalledWith({ venueId: VENUE.id, pickupCode: '20000003' })
    expect(textOf('pickup-order-goods')).toBe('大米 5kg')
    expect(textOf('pickup-order-quantity')).toBe('× 3')
    expect(textOf('pickup-order-holder')).toBe('张*明')
    expect(textOf('pickup-order')).toContain('请对方报手机尾号')
    expect(textOf('pickup-order-phone')).toBe('8765')
    expect(document.getElementById('pickup-offline')).toBeNull()

    tap('pickup-confirm')
    await waitFor(() => expect(textOf('pickup-done-title')).toBe('领取成功'))
    expect(api.points.confirmPickup).toHaveBeenCalledTimes(1)
    expect(api.points.confirmPickup).toHaveBeenCalledWith({ venueId: VENUE.id, orderId: 'o3', pickupCode: '20000003' })
    expect(textOf('pickup-done')).toContain('请把物资交给 张*明')
    // Handed over: it leaves the phone's book, and nothing waits to upload.
    expect((__storage.get(CLERK_KEYS.book + VENUE.id) as { orders: { orderId: string }[] }).orders.map((o) => o.orderId)).toEqual(['o1', 'o2'])
    expect(textOf('pickup-queue-count')).toBe('0 笔')
    tap('pickup-next')
    await waitFor(() => expect(byId('pickup-key-1')).toBeTruthy())
    expect(textOf('pickup-code')).toBe('········')
  })

  it.each<ErrorCode>(['ORDER.PICKED_UP', 'ORDER.EXPIRED', 'ORDER.CANCELLED', 'ORDER.WRONG_VENUE', 'ORDER.OTHER_COUNTY', 'ORDER.CODE_WRONG', 'ORDER.TOO_MANY_TRIES'])(
    'shows the server’s sentence for %s and offers no confirmation',
    async (code) => {
      api.points.lookupPickup.mockRejectedValue(new ApiError(code))
      await openCounter()
      keyIn('20000001')
      await waitFor(() => expect(textOf('pickup-error')).toBe(ERRORS[code]))
      expect(textOf('pickup-error-code')).toBe('兑换码 2000 0001')
      expect(document.getElementById('pickup-confirm')).toBeNull()
      expect(textOf('pickup-code')).toBe('········')
    },
  )

  it('shows the server’s own wording when it says more (the time it was picked up), and drops the order from the book', async () => {
    api.points.lookupPickup.mockRejectedValue(new ApiError('ORDER.PICKED_UP', '这笔订单已于09:40领取过了，不能重复领取。'))
    await openCounter()
    await waitFor(() => expect(textOf('pickup-book-summary')).toContain('3 笔'))
    keyIn('20000001')
    await waitFor(() => expect(textOf('pickup-error')).toBe('这笔订单已于09:40领取过了，不能重复领取。'))
    expect(textOf('pickup-book-summary')).toContain('2 笔')
  })

  it('refuses at confirmation when the order changed between lookup and confirm', async () => {
    api.points.lookupPickup.mockResolvedValue({ pickup: view(1) })
    api.points.confirmPickup.mockRejectedValue(new ApiError('ORDER.CANCELLED'))
    await openCounter()
    keyIn('20000001')
    await waitFor(() => expect(byId('pickup-confirm')).toBeTruthy())
    tap('pickup-confirm')
    await waitFor(() => expect(textOf('pickup-error')).toBe(ERRORS['ORDER.CANCELLED']))
    expect(document.getElementById('pickup-done')).toBeNull()
    expect(queueStored()).toEqual([])
  })

  it('scans the youth’s QR in the mini program', async () => {
    process.env.TARO_ENV = 'weapp'
    ;(Taro.scanCode as jest.Mock).mockResolvedValueOnce({ result: '20000002', scanType: 'QR_CODE' })
    api.points.lookupPickup.mockResolvedValue({ pickup: view(2) })
    await openCounter()
    tap('pickup-scan')
    await waitFor(() => expect(byId('pickup-order')).toBeTruthy())
    expect(api.points.lookupPickup).toHaveBeenCalledWith({ venueId: VENUE.id, pickupCode: '20000002' })
    // Something else in front of the camera is not sent anywhere.
    tap('pickup-cancel')
    ;(Taro.scanCode as jest.Mock).mockResolvedValueOnce({ result: 'https://example.org/x', scanType: 'QR_CODE' })
    tap('pickup-scan')
    await waitFor(() => expect(textOf('pickup-status')).toMatch(/这不是兑换码/))
    expect(api.points.lookupPickup).toHaveBeenCalledTimes(1)
  })
})

describe('clerk: offline pickup', () => {
  /** Opens the counter online (the book downloads), then the network drops. */
  async function openThenGoOffline() {
    await openCounter()
    await waitFor(() => expect(textOf('pickup-book-summary')).toContain('本机已下载 3 笔'))
    api.points.lookupPickup.mockRejectedValue(network())
    api.points.confirmPickup.mockRejectedValue(network())
    api.points.pickupList.mockRejectedValue(network())
  }

  async function confirmOffline(code: string) {
    keyIn(code)
    await waitFor(() => expect(byId('pickup-offline')).toBeTruthy())
    tap('pickup-confirm')
    await waitFor(() => expect(textOf('pickup-done-title')).toBe('已确认领取（待上传）'))
    tap('pickup-next')
  }

  it('finds a code in the downloaded book with no network, and queues the confirmation with its time', async () => {
    await openThenGoOffline()
    keyIn('20000002')
    await waitFor(() => expect(byId('pickup-offline')).toBeTruthy())
    expect(textOf('pickup-order-goods')).toBe('笔记本')
    expect(textOf('pickup-order-holder')).toBe('张*2')
    expect(textOf('pickup-order-phone')).toBe('5002')
    expect(textOf('pickup-network')).toBe('离线')
    const before = Date.now()
    tap('pickup-confirm')
    await waitFor(() => expect(textOf('pickup-done-title')).toBe('已确认领取（待上传）'))
    expect(api.points.confirmPickup).not.toHaveBeenCalled()
    expect(textOf('pickup-queue-count')).toBe('1 笔')
    expect(textOf('pickup-queued-o2')).toContain('待上传')
    const [queued] = queueStored()
    expect(queued).toEqual(expect.objectContaining({ orderId: 'o2', pickupCode: '20000002', venueId: VENUE.id }))
    expect(queued.at).toBeGreaterThanOrEqual(before)
    expect(queued.at).toBeLessThanOrEqual(Date.now())
  })

  it('says when a code is not in the book, and refuses an order past its deadline on the phone', async () => {
    serveList([view(1, { expiresAt: Date.now() + 1500 }), view(2)])
    await openCounter()
    await waitFor(() => expect(textOf('pickup-book-summary')).toContain('本机已下载 2 笔'))
    api.points.lookupPickup.mockRejectedValue(network())
    keyIn('29999999')
    await waitFor(() => expect(textOf('pickup-error')).toMatch(/本机没有这笔待领取的订单/))
    await new Promise((r) => setTimeout(r, 1600))
    keyIn('20000001')
    await waitFor(() => expect(textOf('pickup-error')).toBe(ERRORS['ORDER.EXPIRED']))
  })

  it('never queues the same order twice, and does not confirm a queued code again once online', async () => {
    await openThenGoOffline()
    await confirmOffline('20000001')
    keyIn('20000001')
    await waitFor(() => expect(textOf('pickup-error')).toBe(QUEUED_TEXT))
    expect(document.getElementById('pickup-confirm')).toBeNull()
    // Online again, but the upload has not gone through yet (the server was busy), so the server still
    // has the order waiting: the phone answers from its queue and does not ask the server at all.
    api.points.syncPickups.mockResolvedValue({ results: [{ id: 'o1', ok: false, code: 'GENERIC.INTERNAL', message: ERRORS['GENERIC.INTERNAL'] }] })
    serveList([view(1), view(2), view(3)])
    tap('pickup-upload')
    await waitFor(() => expect(textOf('pickup-network')).toBe('在线'))
    await waitFor(() => expect(textOf('pickup-queued-o1')).toContain(ERRORS['GENERIC.INTERNAL']))
    api.points.lookupPickup.mockResolvedValue({ pickup: view(1) })
    const lookups = api.points.lookupPickup.mock.calls.length
    keyIn('20000001')
    await waitFor(() => expect(textOf('pickup-error')).toBe(QUEUED_TEXT))
    expect(api.points.lookupPickup.mock.calls.length).toBe(lookups)
    expect(queueStored().map((q) => q.orderId)).toEqual(['o1'])
  })

  it('uploads the queue once when the network returns and shows each order’s result; answered orders leave the queue', async () => {
    await openThenGoOffline()
    await confirmOffline('20000001')
    await confirmOffline('20000002')
    await confirmOffline('20000003')
    expect(textOf('pickup-queue-count')).toBe('3 笔')
    const queued = queueStored()

    api.points.syncPickups.mockReset()
    api.points.syncPickups.mockImplementation(async ({ items }: { items: { orderId: string }[] }) => ({
      results: items.map((i) =>
        i.orderId === 'o2'
          ? { id: i.orderId, ok: false, code: 'ORDER.CANCELLED', message: ERRORS['ORDER.CANCELLED'] }
          : i.orderId === 'o3'
            ? { id: i.orderId, ok: false, code: 'ORDER.PICKED_UP', message: '这笔订单已于10:05领取过了，不能重复领取。' }
            : { id: i.orderId, ok: true, code: null, message: null },
      ),
    }))
    serveList([view(4)])
    await act(async () => {
      window.dispatchEvent(new Event('online'))
    })
    await waitFor(() => expect(textOf('pickup-queue-count')).toBe('0 笔'))
    expect(api.points.syncPickups).toHaveBeenCalledTimes(1)
    expect(api.points.syncPickups).toHaveBeenCalledWith({ items: queued.map(({ orderId, pickupCode, venueId, at }) => ({ orderId, pickupCode, venueId, at })) })
    expect(textOf('pickup-result-o1')).toContain('领取成功')
    expect(textOf('pickup-result-o2')).toContain(ERRORS['ORDER.CANCELLED'])
    expect(textOf('pickup-result-o3')).toContain('这笔订单已于10:05领取过了')
    expect(__storage.has(CLERK_KEYS.queue)).toBe(false)
    // Then the book is fetched again, after the upload.
    await waitFor(() => expect(textOf('pickup-book-summary')).toContain('本机已下载 1 笔'))
    expect(textOf('pickup-network')).toBe('在线')
  })

  it('keeps an order queued through a passing fault and a lost answer, sending the same time each try', async () => {
    await openThenGoOffline()
    await confirmOffline('20000001')
    const [item] = queueStored()
    api.points.syncPickups.mockReset()
    api.points.syncPickups.mockResolvedValueOnce({ results: [{ id: 'o1', ok: false, code: 'GENERIC.INTERNAL', message: ERRORS['GENERIC.INTERNAL'] }] })
    tap('pickup-upload')
    await waitFor(() => expect(textOf('pickup-queued-o1')).toContain(ERRORS['GENERIC.INTERNAL']))
    expect(textOf('pickup-queue-count')).toBe('1 笔')
    api.points.syncPickups.mockRejectedValueOnce(network())
    tap('pickup-upload')
    await waitFor(() => expect(api.points.syncPickups).toHaveBeenCalledTimes(2))
    await waitFor(() => expect(textOf('pickup-status')).toMatch(/暂时没有网络/))
    expect(textOf('pickup-queue-count')).toBe('1 笔')
    api.points.syncPickups.mockResolvedValueOnce({ results: [{ id: 'o1', ok: true, code: null, message: null }] })
    tap('pickup-upload')
    await waitFor(() => expect(textOf('pickup-queue-count')).toBe('0 笔'))
    const sent = api.points.syncPickups.mock.calls.map((c) => c[0].items)
    expect(sent).toEqual([[payload(item)], [payload(item)], [payload(item)]])
    expect(textOf('pickup-result-o1')).toContain('领取成功')
  })

  it('queues a confirmation whose online answer was lost', async () => {
    api.points.lookupPickup.mockResolvedValue({ pickup: view(1) })
    api.points.confirmPickup.mockRejectedValue(network())
    await openCounter()
    keyIn('20000001')
    await waitFor(() => expect(byId('pickup-confirm')).toBeTruthy())
    tap('pickup-confirm')
    await waitFor(() => expect(textOf('pickup-done-title')).toBe('已确认领取（待上传）'))
    expect(api.points.confirmPickup).toHaveBeenCalledTimes(1)
    expect(queueStored().map((q) => q.orderId)).toEqual(['o1'])
  })

  it('uploads what an earlier visit left in the queue as soon as the page opens', async () => {
    const left = { orderId: 'o9', pickupCode: '20000009', venueId: VENUE.id, at: Date.now() - 3600_000, goodsName: '面粉', quantity: 2, holderName: '王*' }
    __storage.set(CLERK_KEYS.queue, [left])
    api.points.syncPickups.mockResolvedValue({ results: [{ id: 'o9', ok: true, code: null, message: null }] })
    await openCounter()
    await waitFor(() => expect(textOf('pickup-queue-count')).toBe('0 笔'))
    expect(api.points.syncPickups).toHaveBeenCalledWith({ items: [payload(left)] })
    expect(textOf('pickup-result-o9')).toContain('领取成功')
  })

  it('opens with no network at all from what the phone kept: venues, book and queue', async () => {
    const first = renderWithSession(<PickupPage />)
    await waitFor(() => expect(textOf('pickup-book-summary')).toContain('本机已下载 3 笔'))
    first.unmount()
    // A later visit where nothing reaches the server, not even the session.
    api.user.me.mockRejectedValue(network())
    api.points.myPickupVenues.mockRejectedValue(network())
    api.points.pickupList.mockRejectedValue(network())
    api.points.lookupPickup.mockRejectedValue(network())
    renderWithSession(<PickupPage />)
    await waitFor(() => expect(textOf('pickup-venue-name')).toBe(VENUE.name))
    keyIn('20000003')
    await waitFor(() => expect(byId('pickup-offline')).toBeTruthy())
    tap('pickup-confirm')
    await waitFor(() => expect(textOf('pickup-done-title')).toBe('已确认领取（待上传）'))
    expect(queueStored().map((q) => q.orderId)).toEqual(['o3'])
  })

  it('tries the upload again when the page is shown again', async () => {
    await openThenGoOffline()
    await confirmOffline('20000001')
    api.points.syncPickups.mockResolvedValue({ results: [{ id: 'o1', ok: true, code: null, message: null }] })
    await act(async () => {
      __pageHooks.didShow?.()
    })
    await waitFor(() => expect(textOf('pickup-queue-count')).toBe('0 笔'))
  })
})

describe('clerk: elder mode', () => {
  it('renders the counter in large type when the clerk chose it', async () => {
    api.user.me.mockResolvedValue({ ...clerk(), profile: profile({ elderMode: true }) })
    await openCounter()
    expect(byId('page-clerk-pickup').className).toContain('tq-elder')
  })
})

function payload(q: Pick<QueuedPickup, 'orderId' | 'pickupCode' | 'venueId' | 'at'>) {
  return { orderId: q.orderId, pickupCode: q.pickupCode, venueId: q.venueId, at: q.at }
}
