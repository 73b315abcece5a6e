import { act, cleanup, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks, __storage } from './__mocks__/taro'
import PointsPage from '../../src/pages/points'
import LedgerPage from '../../src/packages/mall/pages/ledger'
import { ApiError } from '../../src/services/api'
import { ROUTES, TAB_ROUTES } from '../../src/utils/routes'
import { ERRORS } from '../../types/errors'
import { api, me, profile, renderWithSession, unregistered } from './fixtures'
import { card } from './mall-fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

beforeEach(() => {
  __storage.clear()
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me())
  api.points.balance.mockResolvedValue({ balance: 86, earned: 100, spent: 14 })
  api.points.listGoods.mockResolvedValue({
    items: [
      card(),
      card({ id: 'g-pen', name: '中性笔10支', category: 'stationery', price: 2, left: 0, status: 'sold_out', limitTotal: 3, limitPeriod: { period: 'month', count: 1 } }),
    ],
    nextCursor: null,
  })
})

describe('益币 tab', () => {
  it('is the third tab (活动 · 社群 · 益币 · 我的), in the main package, and fetches the mall package ahead', () => {
    // app.config.ts is read by Taro's build, where defineAppConfig is a global.
    ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
    const config = require('../../src/app.config').default as {
      pages: string[]
      subPackages: { root: string; pages: string[] }[]
      preloadRule: Record<string, { packages: string[] }>
      tabBar: { list: { pagePath: string; text: string; iconPath: string; selectedIconPath: string }[] }
    }
    expect(config.tabBar.list.map((t) => t.text)).toEqual(['活动', '社群', '益币', '我的'])
    const tab = config.tabBar.list[2]
    expect(tab).toEqual({ pagePath: 'pages/points/index', text: '益币', iconPath: 'assets/tabbar/points.png', selectedIconPath: 'assets/tabbar/points-active.png' })
    expect(config.pages).toContain('pages/points/index')
    expect(config.subPackages.find((p) => p.root === 'packages/mall')?.pages).toEqual(['pages/goods/index', 'pages/orders/index', 'pages/order/index', 'pages/ledger/index'])
    expect(config.preloadRule['pages/points/index'].packages).toContain('packages/mall')
    // WeChat opens a tab with switchTab only.
    expect(TAB_ROUTES).toContain(ROUTES.points)
  })

  it('has 我的 fetch the clerk’s counter ahead, beside the youth package, on any network', () => {
    ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
    const config = require('../../src/app.config').default as {
      subPackages: { root: string; pages: string[] }[]
      preloadRule: Record<string, { network: string; packages: string[] }>
    }
    expect(config.preloadRule['pages/me/index']).toEqual({ network: 'all', packages: ['packages/youth', 'packages/clerk'] })
    // 我的's entry to 核销 opens the page the rule fetches.
    expect(ROUTES.clerkPickup).toBe('/packages/clerk/pages/pickup/index')
    expect(config.subPackages.find((p) => p.root === 'packages/clerk')?.pages).toEqual(['pages/pickup/index'])
  })

  it('says what the balance is made of, awards and expiries included, so the figures add up', async () => {
    api.points.balance.mockResolvedValue({ balance: 33, earned: 8, spent: 5, adjusted: 30, expired: 0, expiring: null, remindExpiry: false, expiryPolicy: false })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-balance')).toBe('33'))
    expect(textOf('points-earned')).toBe('累计获得 8 · 奖励与调整 +30 · 已用 5')
    cleanup()
    api.points.balance.mockResolvedValue({ balance: 60, earned: 100, spent: 14, adjusted: -6, expired: 20, expiring: null, remindExpiry: false, expiryPolicy: true })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-balance')).toBe('60'))
    expect(textOf('points-earned')).toBe('累计获得 100 · 奖励与调整 -6 · 已用 14 · 已过期 20')
  })

  it('shows the balance and the county’s goods with price, what is left and 已兑完', async () => {
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-balance')).toBe('86'))
    expect(textOf('points-earned')).toBe('累计获得 100 · 已用 14')
    expect(await screen.findByText('五常大米 5kg')).toBeTruthy()
    expect(textOf('goods-g-rice-price')).toBe('5 益币')
    expect(textOf('goods-g-rice-left')).toBe('剩余 20 件')
    expect(textOf('goods-g-pen-left')).toBe('已兑完')
    expect(textOf('goods-g-pen')).toContain('每人限兑3件，每月最多1件')
    expect(textOf('goods-g-rice')).toContain('阳城县润丰粮油有限公司 捐赠')
    expect(document.getElementById('points-expiring')).toBeNull()
  })

  it('says what expires soon once the balance names it, and ignores a malformed one', async () => {
    const at = Date.UTC(2027, 11, 31, 8, 0, 0)
    api.points.balance.mockResolvedValue({ balance: 86, earned: 100, spent: 14, expiring: { amount: 30, at } })
    const { unmount } = renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-expiring')).toBe('30 益币将于 2027年12月31日 过期，请及时使用'))
    unmount()

    api.points.balance.mockResolvedValue({ balance: 86, earned: 100, spent: 14, expiring: { amount: '30', at: null } })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-balance')).toBe('86'))
    expect(document.getElementById('points-expiring')).toBeNull()
  })

  it('explains a negative balance as 益币 still to be offset', async () => {
    api.points.balance.mockResolvedValue({ balance: -4, earned: 10, spent: 14 })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-debt')).toBe('您有 4 益币待抵扣：之后获得的益币会先用来抵扣。'))
  })

  it('filters by category and tells an empty category in Chinese', async () => {
    renderWithSession(<PointsPage />)
    await screen.findByText('五常大米 5kg')
    expect(api.points.listGoods).toHaveBeenLastCalledWith({ category: undefined, cursor: undefined })
    api.points.listGoods.mockResolvedValue({ items: [], nextCursor: null })
    tap('points-category-voucher')
    await waitFor(() => expect(api.points.listGoods).toHaveBeenLastCalledWith({ category: 'voucher', cursor: undefined }))
    expect(await screen.findByText('暂时没有可兑换的服务券')).toBeTruthy()
  })

  it('pages the catalogue by cursor when the bottom is reached', async () => {
    api.points.listGoods.mockResolvedValueOnce({ items: [card()], nextCursor: 'c2' }).mockResolvedValueOnce({ items: [card({ id: 'g-flour', name: '面粉' })], nextCursor: null })
    renderWithSession(<PointsPage />)
    await screen.findByText('五常大米 5kg')
    act(() => void __pageHooks.reachBottom?.())
    expect(await screen.findByText('面粉')).toBeTruthy()
    expect(api.points.listGoods).toHaveBeenLastCalledWith({ category: undefined, cursor: 'c2' })
  })

  it('opens a goods item, my orders and the ledger', async () => {
    renderWithSession(<PointsPage />)
    await screen.findByText('五常大米 5kg')
    tap('goods-g-rice')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.mallGoods}?id=g-rice` })
    tap('points-orders')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.mallOrders })
    tap('points-ledger')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.mallLedger })
  })

  it('asks the balance and the list again when shown again (back from a redemption)', async () => {
    renderWithSession(<PointsPage />)
    await screen.findByText('五常大米 5kg')
    act(() => void __pageHooks.didShow?.()) // the first show
    api.points.balance.mockResolvedValue({ balance: 76, earned: 100, spent: 24 })
    api.points.listGoods.mockResolvedValue({ items: [card({ left: 18 })], nextCursor: null })
    act(() => void __pageHooks.didShow?.())
    await waitFor(() => expect(textOf('points-balance')).toBe('76'))
    await waitFor(() => expect(textOf('goods-g-rice-left')).toBe('剩余 18 件'))
  })

  it('shows why the list failed in one Chinese sentence', async () => {
    api.points.listGoods.mockRejectedValue(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<PointsPage />)
    expect(await screen.findByText(ERRORS['GENERIC.NETWORK'])).toBeTruthy()
  })

  it('sends someone without a profile to register, asking nothing of the mall', async () => {
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(document.getElementById('points-register')).toBeTruthy())
    expect(api.points.listGoods).not.toHaveBeenCalled()
    expect(api.points.balance).not.toHaveBeenCalled()
    tap('points-register')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: ROUTES.index })
  })

  it('renders in elder mode (large text)', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ elderMode: true }) }))
    renderWithSession(<PointsPage />)
    await screen.findByText('五常大米 5kg')
    expect(byId('page-points').className).toContain('tq-elder')
    // Everything a person reads is Chinese.
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/)
  })
})

describe('到期前提醒我', () => {
  const at = Date.UTC(2027, 11, 31, 8, 0, 0)
  const expiringBalance = (remindExpiry: boolean) => ({ balance: 86, earned: 100, spent: 14, adjusted: 0, expired: 0, expiring: { amount: 30, at }, remindExpiry, expiryPolicy: true })
  // 200 days before the year end: the policy expires 益币, but the balance names nothing yet (it does within 90 days).
  const farBalance = (remindExpiry: boolean, expiryPolicy = true) => ({ balance: 86, earned: 100, spent: 14, adjusted: 0, expired: 0, expiring: null, remindExpiry, expiryPolicy })

  afterEach(() => {
    delete process.env.TARO_APP_TEMPLATE_POINTS_EXPIRING
  })

  it('is offered under what expires; in the browser it records the wish without a prompt, then says it is on', async () => {
    api.points.balance.mockResolvedValueOnce(expiringBalance(false)).mockResolvedValue(expiringBalance(true))
    api.points.setExpiryReminder.mockResolvedValue({ remindExpiry: true })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-remind')).toBe('到期前提醒我'))
    expect(byId('points-card').contains(byId('points-remind'))).toBe(true)
    tap('points-remind')
    await waitFor(() => expect(textOf('points-remind-on')).toBe('已开启到期提醒'))
    expect(document.getElementById('points-remind')).toBeNull()
    expect(api.points.setExpiryReminder).toHaveBeenCalledWith({ on: true })
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled()
    // The balance was asked again: it is what says the reminder is on.
    expect(api.points.balance).toHaveBeenCalledTimes(2)
  })

  it('in the mini program asks WeChat for the message first, and records the wish even when it is refused', async () => {
    process.env.TARO_ENV = 'weapp'
    process.env.TARO_APP_TEMPLATE_POINTS_EXPIRING = 'tmpl-points-expiring'
    ;(Taro.requestSubscribeMessage as jest.Mock).mockResolvedValueOnce({ 'tmpl-points-expiring': 'reject' })
    api.points.balance.mockResolvedValueOnce(expiringBalance(false)).mockResolvedValue(expiringBalance(true))
    api.points.setExpiryReminder.mockResolvedValue({ remindExpiry: true })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-remind')).toBe('到期前提醒我'))
    tap('points-remind')
    await waitFor(() => expect(textOf('points-remind-on')).toBe('已开启到期提醒'))
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-points-expiring'] })
    const asked = (Taro.requestSubscribeMessage as jest.Mock).mock.invocationCallOrder[0]
    expect(asked).toBeLessThan(api.points.setExpiryReminder.mock.invocationCallOrder[0])
    expect(api.points.setExpiryReminder).toHaveBeenCalledWith({ on: true })
  })

  it('says it is on instead of offering it, and offers nothing when the county’s 益币 never expire', async () => {
    api.points.balance.mockResolvedValue(expiringBalance(true))
    const { unmount } = renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-remind-on')).toBe('已开启到期提醒'))
    expect(document.getElementById('points-remind')).toBeNull()
    unmount()

    api.points.balance.mockResolvedValue(farBalance(false, false))
    const second = renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-balance')).toBe('86'))
    expect(document.getElementById('points-remind')).toBeNull()
    expect(document.getElementById('points-remind-on')).toBeNull()
    second.unmount()

    // A server that predates the expiry fields offers nothing either.
    api.points.balance.mockResolvedValue({ balance: 86, earned: 100, spent: 14 })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-balance')).toBe('86'))
    expect(document.getElementById('points-remind')).toBeNull()
    expect(document.getElementById('points-remind-on')).toBeNull()
  })

  it('is offered long before anything expires, wherever the county’s policy expires 益币', async () => {
    api.points.balance.mockResolvedValueOnce(farBalance(false)).mockResolvedValue(farBalance(true))
    api.points.setExpiryReminder.mockResolvedValue({ remindExpiry: true })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-remind')).toBe('到期前提醒我'))
    expect(document.getElementById('points-expiring')).toBeNull()
    expect(byId('points-card').contains(byId('points-remind'))).toBe(true)
    tap('points-remind')
    await waitFor(() => expect(textOf('points-remind-on')).toBe('已开启到期提醒'))
    expect(api.points.setExpiryReminder).toHaveBeenCalledWith({ on: true })
  })

  it('is turned off from 已开启到期提醒 without asking WeChat, and is offered again', async () => {
    process.env.TARO_ENV = 'weapp'
    process.env.TARO_APP_TEMPLATE_POINTS_EXPIRING = 'tmpl-points-expiring'
    api.points.balance.mockResolvedValueOnce(farBalance(true)).mockResolvedValue(farBalance(false))
    api.points.setExpiryReminder.mockResolvedValue({ remindExpiry: false })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-remind-on')).toBe('已开启到期提醒'))
    expect(textOf('points-remind-off')).toBe('关闭提醒')
    tap('points-remind-off')
    await waitFor(() => expect(textOf('points-remind')).toBe('到期前提醒我'))
    expect(api.points.setExpiryReminder).toHaveBeenCalledWith({ on: false })
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled()
    expect(document.getElementById('points-remind-on')).toBeNull()
    expect(api.points.balance).toHaveBeenCalledTimes(2)
  })

  it('says why it could not be turned off, and stays on', async () => {
    api.points.balance.mockResolvedValue(farBalance(true))
    api.points.setExpiryReminder.mockRejectedValue(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-remind-off')).toBe('关闭提醒'))
    tap('points-remind-off')
    await waitFor(() => expect(textOf('points-remind-error')).toBe(ERRORS['GENERIC.NETWORK']))
    expect(textOf('points-remind-on')).toBe('已开启到期提醒')
    expect(api.points.balance).toHaveBeenCalledTimes(1)
  })

  it('says why it could not be turned on, and can be tapped again', async () => {
    api.points.balance.mockResolvedValue(expiringBalance(false))
    api.points.setExpiryReminder.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce({ remindExpiry: true })
    renderWithSession(<PointsPage />)
    await waitFor(() => expect(textOf('points-remind')).toBe('到期前提醒我'))
    tap('points-remind')
    await waitFor(() => expect(textOf('points-remind-error')).toBe(ERRORS['GENERIC.NETWORK']))
    api.points.balance.mockResolvedValue(expiringBalance(true))
    tap('points-remind')
    await waitFor(() => expect(textOf('points-remind-on')).toBe('已开启到期提醒'))
    expect(document.getElementById('points-remind-error')).toBeNull()
    expect(api.points.setExpiryReminder).toHaveBeenCalledTimes(2)
  })

  it('is offered on the ledger too, under what expires there', async () => {
    api.points.balance.mockResolvedValueOnce(expiringBalance(false)).mockResolvedValue(expiringBalance(true))
    api.points.listLedger.mockResolvedValue({ items: [], nextCursor: null })
    api.points.setExpiryReminder.mockResolvedValue({ remindExpiry: true })
    renderWithSession(<LedgerPage />)
    await waitFor(() => expect(textOf('mall-ledger-expiring')).toBe('30 益币将于 2027年12月31日 过期，请及时使用'))
    expect(byId('mall-ledger-summary').contains(byId('mall-ledger-remind'))).toBe(true)
    tap('mall-ledger-remind')
    await waitFor(() => expect(textOf('mall-ledger-remind-on')).toBe('已开启到期提醒'))
    expect(api.points.setExpiryReminder).toHaveBeenCalledWith({ on: true })
    expect(document.getElementById('mall-ledger-remind')).toBeNull()
  })

  it('is offered on the ledger long before anything expires, and not where 益币 never expire', async () => {
    api.points.listLedger.mockResolvedValue({ items: [], nextCursor: null })
    api.points.balance.mockResolvedValue(farBalance(false))
    const { unmount } = renderWithSession(<LedgerPage />)
    await waitFor(() => expect(textOf('mall-ledger-remind')).toBe('到期前提醒我'))
    expect(byId('mall-ledger-summary').contains(byId('mall-ledger-remind'))).toBe(true)
    expect(document.getElementById('mall-ledger-expiring')).toBeNull()
    unmount()

    api.points.balance.mockResolvedValue(farBalance(true))
    const second = renderWithSession(<LedgerPage />)
    await waitFor(() => expect(textOf('mall-ledger-remind-on')).toBe('已开启到期提醒'))
    expect(textOf('mall-ledger-remind-off')).toBe('关闭提醒')
    second.unmount()

    api.points.balance.mockResolvedValue(farBalance(false, false))
    renderWithSession(<LedgerPage />)
    await waitFor(() => expect(textOf('mall-ledger-balance')).toBe('86'))
    expect(document.getElementById('mall-ledger-remind')).toBeNull()
    expect(document.getElementById('mall-ledger-remind-on')).toBeNull()
  })
})
