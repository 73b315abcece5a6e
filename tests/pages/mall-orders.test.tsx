import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks, __router, __storage } from './__mocks__/taro'
import OrderPage from '../../src/packages/mall/pages/order'
import OrdersPage from '../../src/packages/mall/pages/orders'
import LedgerPage from '../../src/packages/mall/pages/ledger'
import { handOrder } from '../../src/packages/mall/order-cache'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { ERRORS } from '../../types/errors'
import { api, me, profile, renderWithSession } from './fixtures'
import { DAY, order } from './mall-fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/components/qr-code', () => require('./mock-modules').qrCodeModule())

beforeEach(() => {
  __storage.clear()
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me())
})

afterEach(() => {
  __router.params = {}
})

describe('一笔兑换订单', () => {
  beforeEach(() => {
    __router.params = { id: 'o-1' }
  })

  it('shows the QR and the 8-digit code in large type, the deadline and the venues while the order waits', async () => {
    api.points.getOrder.mockResolvedValue({ order: order() })
    renderWithSession(<OrderPage />)
    await waitFor(() => expect(byId('mall-order-qr').getAttribute('data-value')).toBe('20261107'))
    expect(textOf('mall-order-code')).toBe('20261107')
    expect(textOf('mall-order-status')).toBe('待领取')
    expect(textOf('mall-order-goods')).toBe('五常大米 5kg × 2件')
    // The last pickup day is the 7th: the deadline is the end of it, in Beijing time.
    expect(textOf('mall-order-deadline')).toBe('请在 2026年11月7日 23:59 前领取')
    expect(textOf('mall-order-venue-v-rc')).toContain('阳城县润城镇中心街12号')
    expect(textOf('mall-order-venue-v-rc')).toContain('开放时间：周一至周五 9:00-17:00')
    expect(Taro.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true })
    expect(api.points.getOrder).toHaveBeenCalledWith({ orderId: 'o-1' })
  })

  it.each([
    ['picked_up' as const, { pickedUpAt: Date.UTC(2026, 10, 3, 1, 30), pickedUpVenue: '润城镇青年之家兑换点' }, '已领取', '已于 2026年11月3日 09:30 在润城镇青年之家兑换点领取'],
    ['cancelled' as const, { closedAt: Date.UTC(2026, 10, 2) }, '已取消', '已取消，10 益币已退回'],
    ['expired' as const, { closedAt: Date.UTC(2026, 10, 7, 16) }, '已过期', '已过领取期限，10 益币已退回'],
  ])('shows no code or QR once %s, and what became of it', async (status, over, label, line) => {
    api.points.getOrder.mockResolvedValue({ order: order({ status, pickupCode: null, ...over }) })
    renderWithSession(<OrderPage />)
    await waitFor(() => expect(textOf('mall-order-status')).toBe(label))
    expect(textOf(status === 'picked_up' ? 'mall-order-picked' : 'mall-order-closed')).toBe(line)
    expect(document.getElementById('mall-order-code')).toBeNull()
    expect(document.getElementById('mall-order-qr')).toBeNull()
    expect(document.getElementById('mall-order-cancel')).toBeNull()
  })

  it('hides the code the moment the order is picked up at the counter (shown again)', async () => {
    api.points.getOrder.mockResolvedValueOnce({ order: order() })
    renderWithSession(<OrderPage />)
    await waitFor(() => expect(textOf('mall-order-code')).toBe('20261107'))
    act(() => void __pageHooks.didShow?.()) // the first show
    api.points.getOrder.mockResolvedValue({ order: order({ status: 'picked_up', pickupCode: null, pickedUpAt: Date.now(), pickedUpVenue: '润城镇青年之家兑换点' }) })
    act(() => void __pageHooks.didShow?.())
    await waitFor(() => expect(textOf('mall-order-status')).toBe('已领取'))
    expect(document.getElementById('mall-order-code')).toBeNull()
  })

  it('shows the code a redemption just answered at once, even when the page’s own request fails', async () => {
    __router.params = { id: 'o-9', redeemed: '1' }
    handOrder(order({ id: 'o-9', pickupCode: '55554444' }))
    api.points.getOrder.mockRejectedValue(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<OrderPage />)
    expect(textOf('mall-order-code')).toBe('55554444')
    expect(textOf('mall-order-redeemed')).toBe('兑换成功！请凭下面的兑换码到兑换点领取。')
    await waitFor(() => expect(textOf('mall-order-error')).toBe(ERRORS['GENERIC.NETWORK']))
    expect(textOf('mall-order-code')).toBe('55554444')
  })

  it('says another youth’s order is not found (the server answers it so), with nothing of it shown', async () => {
    api.points.getOrder.mockRejectedValue(new ApiError('ORDER.NOT_FOUND'))
    renderWithSession(<OrderPage />)
    await waitFor(() => expect(textOf('mall-order-error')).toBe(ERRORS['ORDER.NOT_FOUND']))
    expect(document.getElementById('mall-order-code')).toBeNull()
  })

  it('cancels only after a confirmation, then shows the refund and no code', async () => {
    api.points.getOrder.mockResolvedValue({ order: order() })
    api.points.cancelOrder.mockResolvedValue({ order: order({ status: 'cancelled', pickupCode: null, closedAt: Date.now() }) })
    renderWithSession(<OrderPage />)
    await waitFor(() => expect(textOf('mall-order-code')).toBe('20261107'))
    tap('mall-order-cancel')
    expect(await screen.findByText('取消后 10 益币会退回，物资放回库存，兑换码作废。确定取消吗？')).toBeTruthy()
    fireEvent.click(screen.getByText('取消'))
    await waitFor(() => expect(screen.queryByText(/兑换码作废/)).toBeNull())
    expect(api.points.cancelOrder).not.toHaveBeenCalled()

    tap('mall-order-cancel')
    fireEvent.click(await screen.findByText('确定取消'))
    await waitFor(() => expect(textOf('mall-order-notice')).toBe('已取消，10 益币已退回。'))
    expect(api.points.cancelOrder).toHaveBeenCalledTimes(1)
    expect(api.points.cancelOrder).toHaveBeenCalledWith({ orderId: 'o-1' })
    expect(textOf('mall-order-status')).toBe('已取消')
    expect(document.getElementById('mall-order-code')).toBeNull()
    expect(document.getElementById('mall-order-cancel')).toBeNull()
  })

  it('says why a cancel was refused (picked up meanwhile) and shows the order as it is now', async () => {
    api.points.getOrder.mockResolvedValueOnce({ order: order() })
    api.points.cancelOrder.mockRejectedValue(new ApiError('ORDER.PICKED_UP', '这笔订单已经领取，不能取消。'))
    renderWithSession(<OrderPage />)
    await waitFor(() => expect(textOf('mall-order-code')).toBe('20261107'))
    api.points.getOrder.mockResolvedValue({ order: order({ status: 'picked_up', pickupCode: null, pickedUpAt: Date.now(), pickedUpVenue: '润城镇青年之家兑换点' }) })
    tap('mall-order-cancel')
    fireEvent.click(await screen.findByText('确定取消'))
    await waitFor(() => expect(textOf('mall-order-notice')).toBe('这笔订单已经领取，不能取消。'))
    await waitFor(() => expect(textOf('mall-order-status')).toBe('已领取'))
    expect(document.getElementById('mall-order-code')).toBeNull()
  })

  it('copies a venue’s address, and opens the map in the mini program when the venue has its place', async () => {
    api.points.getOrder.mockResolvedValue({ order: order() })
    const { unmount } = renderWithSession(<OrderPage />)
    await waitFor(() => expect(document.getElementById('mall-order-venue-v-rc-copy')).toBeTruthy())
    tap('mall-order-venue-v-rc-copy')
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: '润城镇青年之家兑换点 阳城县润城镇中心街12号' })
    await waitFor(() => expect(textOf('mall-order-venue-v-rc-copy')).toBe('地址已复制'))
    // No map in the browser build, nor for a venue named without its coordinates.
    expect(document.getElementById('mall-order-venue-v-rc-map')).toBeNull()
    unmount()

    process.env.TARO_ENV = 'weapp'
    try {
      const venue = { ...order().venues[0], lat: 35.4864, lng: 112.4066 }
      api.points.getOrder.mockResolvedValue({ order: order({ venues: [venue] }) })
      renderWithSession(<OrderPage />)
      await waitFor(() => expect(document.getElementById('mall-order-venue-v-rc-map')).toBeTruthy())
      tap('mall-order-venue-v-rc-map')
      expect(Taro.openLocation).toHaveBeenCalledWith({ latitude: 35.4864, longitude: 112.4066, name: '润城镇青年之家兑换点', scale: 16 })
    } finally {
      process.env.TARO_ENV = 'h5'
    }
  })

  it('renders in elder mode (large text)', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ elderMode: true }) }))
    api.points.getOrder.mockResolvedValue({ order: order() })
    renderWithSession(<OrderPage />)
    await waitFor(() => expect(textOf('mall-order-code')).toBe('20261107'))
    expect(byId('page-mall-order').className).toContain('tq-elder')
    // Everything a person reads is Chinese.
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/)
  })
})

describe('我的兑换', () => {
  it('lists my orders newest first, filters by status, and opens one', async () => {
    api.points.myOrders.mockResolvedValue({
      items: [order(), order({ id: 'o-0', status: 'picked_up', pickupCode: null, createdAt: Date.now() - 3 * DAY, pickedUpAt: Date.now() - 2 * DAY, pickedUpVenue: '润城镇青年之家兑换点' })],
      nextCursor: null,
    })
    renderWithSession(<OrdersPage />)
    await waitFor(() => expect(textOf('mall-orders-o-1')).toContain('待领取'))
    expect(textOf('mall-orders-o-1')).toContain('五常大米 5kg × 2件')
    expect(textOf('mall-orders-o-1')).toContain('请在 2026年11月7日 23:59 前领取')
    expect(textOf('mall-orders-o-0')).toContain('已领取')
    expect(api.points.myOrders).toHaveBeenLastCalledWith({ status: undefined, cursor: undefined })

    tap('mall-orders-o-1')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.mallOrder}?id=o-1` })

    api.points.myOrders.mockResolvedValue({ items: [], nextCursor: null })
    tap('mall-orders-filter-expired')
    await waitFor(() => expect(api.points.myOrders).toHaveBeenLastCalledWith({ status: 'expired', cursor: undefined }))
    expect(await screen.findByText('没有已过期的订单')).toBeTruthy()
  })

  it('pages by cursor and reloads when shown again (back from a cancel)', async () => {
    api.points.myOrders.mockResolvedValueOnce({ items: [order()], nextCursor: 'c2' }).mockResolvedValueOnce({ items: [order({ id: 'o-0' })], nextCursor: null })
    renderWithSession(<OrdersPage />)
    await waitFor(() => expect(document.getElementById('mall-orders-o-1')).toBeTruthy())
    act(() => void __pageHooks.reachBottom?.())
    await waitFor(() => expect(document.getElementById('mall-orders-o-0')).toBeTruthy())
    expect(api.points.myOrders).toHaveBeenLastCalledWith({ status: undefined, cursor: 'c2' })

    act(() => void __pageHooks.didShow?.()) // the first show
    api.points.myOrders.mockResolvedValue({ items: [order({ status: 'cancelled', pickupCode: null })], nextCursor: null })
    act(() => void __pageHooks.didShow?.())
    await waitFor(() => expect(textOf('mall-orders-o-1')).toContain('已取消'))
  })

  it('invites a first redemption when there is none', async () => {
    api.points.myOrders.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<OrdersPage />)
    expect(await screen.findByText('还没有兑换过物资，去益币页看看吧')).toBeTruthy()
    tap('mall-orders-shop')
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: ROUTES.points })
  })
})

describe('益币明细', () => {
  it('shows the balance with what expires, and every entry with its kind, paged', async () => {
    api.points.balance.mockResolvedValue({ balance: 76, earned: 100, spent: 24, expiring: { amount: 20, at: Date.UTC(2027, 11, 31, 8) } })
    api.points.listLedger
      .mockResolvedValueOnce({
        items: [
          { id: 'l3', amount: -10, kind: 'debit', title: '兑换：五常大米 5kg ×2', at: Date.now(), reverses: null },
          { id: 'l2', amount: 10, kind: 'refund', title: '退回：五常大米 5kg ×2', at: Date.now() - DAY, reverses: 'l1' },
        ],
        nextCursor: 'c2',
      })
      .mockResolvedValueOnce({ items: [{ id: 'l0', amount: 5, kind: 'adjust', title: '优秀志愿者奖励', at: Date.now() - 2 * DAY, reverses: null }], nextCursor: null })
    renderWithSession(<LedgerPage />)
    await waitFor(() => expect(textOf('mall-ledger-balance')).toBe('76'))
    expect(textOf('mall-ledger-expiring')).toBe('20 益币将于 2027年12月31日 过期，请及时使用')
    await waitFor(() => expect(textOf('mall-ledger-l3')).toContain('-10'))
    expect(textOf('mall-ledger-l3')).toContain('兑换物资')
    expect(textOf('mall-ledger-l2')).toContain('+10')
    expect(textOf('mall-ledger-l2')).toContain('兑换退回')
    act(() => void __pageHooks.reachBottom?.())
    // A kind this build does not know yet (from the wallet's adjustments) still shows, by its title.
    await waitFor(() => expect(textOf('mall-ledger-l0')).toContain('优秀志愿者奖励'))
    expect(api.points.listLedger).toHaveBeenLastCalledWith({ cursor: 'c2' })
  })

  it('says so when there is nothing yet', async () => {
    api.points.balance.mockResolvedValue({ balance: 0, earned: 0, spent: 0 })
    api.points.listLedger.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<LedgerPage />)
    expect(await screen.findByText('还没有益币记录，参加志愿服务、时长审核通过后就会获得益币')).toBeTruthy()
  })
})
