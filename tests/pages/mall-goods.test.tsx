import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import GoodsPage from '../../src/packages/mall/pages/goods'
import { takeOrder } from '../../src/packages/mall/order-cache'
import { QUANTITY_MAX, redeemLimits } from '../../src/packages/mall/redeem-limits'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { ERRORS } from '../../types/errors'
import { api, me, profile, renderWithSession } from './fixtures'
import { detail, order } from './mall-fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

beforeEach(() => {
  __storage.clear()
  process.env.TARO_ENV = 'h5'
  __router.params = { id: 'g-rice' }
  api.user.me.mockResolvedValue(me())
  api.points.getGoods.mockResolvedValue({ goods: detail() })
  api.points.balance.mockResolvedValue({ balance: 86, earned: 100, spent: 14 })
})

afterEach(() => {
  __router.params = {}
})

async function opened() {
  renderWithSession(<GoodsPage />)
  await waitFor(() => expect(textOf('mall-goods-name')).toBe('五常大米 5kg'))
}

const quantity = () => textOf('mall-redeem-quantity')
const plusOff = () => byId('mall-redeem-plus').getAttribute('aria-disabled') === 'true'
const plus = (n: number) => {
  for (let i = 0; i < n; i++) tap('mall-redeem-plus')
}
const redeemCalls = () => api.points.redeem.mock.calls.map(([input]) => input as { requestId: string; goodsId: string; quantity: number; subscribed: boolean })

describe('redeemLimits', () => {
  const now = Date.UTC(2026, 10, 1)
  const g = detail()

  it('takes the lowest of what is left, the limit left, what the balance affords and one redemption’s most', () => {
    expect(redeemLimits({ ...g, left: 3 }, 100, now)).toEqual({ max: 3, stop: 'stock', blocked: null })
    expect(redeemLimits({ ...g, mine: 2 }, 100, now)).toEqual({ max: 2, stop: 'limit', blocked: null })
    expect(redeemLimits(g, 12, now)).toEqual({ max: 2, stop: 'balance', blocked: null })
    expect(redeemLimits({ ...g, price: 1, left: 1000 }, 1000, now)).toEqual({ max: QUANTITY_MAX, stop: 'once', blocked: null })
    expect(QUANTITY_MAX).toBe(99)
  })

  it('says in one sentence why nothing can be redeemed', () => {
    expect(redeemLimits({ ...g, left: 0, status: 'sold_out' }, 100, now).blocked).toBe(ERRORS['GOODS.SOLD_OUT'])
    expect(redeemLimits({ ...g, mine: 0 }, 100, now).blocked).toBe(ERRORS['GOODS.LIMIT_REACHED'])
    expect(redeemLimits(g, 3, now).blocked).toBe('益币不足：兑换1件需要5益币，您现有3益币。')
    // A debt (negative balance) affords nothing and is not shown as a negative holding.
    expect(redeemLimits(g, -4, now).blocked).toBe('益币不足：兑换1件需要5益币，您现有0益币。')
    expect(redeemLimits({ ...g, status: 'off_shelf' }, 100, now).blocked).toBe(ERRORS['GOODS.NOT_ON_SALE'])
    expect(redeemLimits({ ...g, availableUntil: now }, 100, now).blocked).toBe(ERRORS['GOODS.ENDED'])
    expect(redeemLimits({ ...g, availableFrom: now + 3_600_000 }, 100, now).blocked).toBe('这件物资还没到开始兑换的时间，2026年11月1日 09:00 开始兑换。')
  })
})

describe('物资详情', () => {
  it('shows the goods, its price, what is left, the limits, my balance, the venues and the donor', async () => {
    api.points.getGoods.mockResolvedValue({ goods: detail({ limitTotal: 2, mine: 1 }) })
    await opened()
    expect(textOf('mall-goods-price')).toBe('5 益币')
    expect(textOf('mall-goods-left')).toBe('剩余 20 件')
    expect(textOf('mall-goods-limit')).toBe('每人限兑2件')
    expect(textOf('mall-goods-mine')).toBe('您还可兑换 1 件')
    expect(textOf('mall-goods-balance')).toBe('我的益币：86')
    expect(textOf('mall-goods-venue-v-rc')).toContain('阳城县润城镇中心街12号')
    expect(textOf('mall-goods-venue-v-rc')).toContain('周一至周五 9:00-17:00')
    expect(textOf('mall-goods-donor')).toContain('深夜食堂的米面')
    expect(api.points.getGoods).toHaveBeenCalledWith({ goodsId: 'g-rice' })
  })

  it('says why the item cannot be opened (another county) and offers the way back', async () => {
    api.points.getGoods.mockRejectedValue(new ApiError('GOODS.OTHER_COUNTY'))
    renderWithSession(<GoodsPage />)
    await waitFor(() => expect(textOf('mall-goods-load-error')).toBe(ERRORS['GOODS.OTHER_COUNTY']))
    tap('mall-goods-back')
    expect(Taro.redirectTo).toHaveBeenCalledTimes(0)
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: ROUTES.points })
  })

  it('renders in elder mode (large text)', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ elderMode: true }) }))
    await opened()
    expect(byId('page-mall-goods').className).toContain('tq-elder')
  })
})

describe('the quantity stepper', () => {
  it('never goes above what is left, and says so', async () => {
    api.points.getGoods.mockResolvedValue({ goods: detail({ left: 3 }) })
    await opened()
    expect(quantity()).toBe('1')
    expect(byId('mall-redeem-minus').getAttribute('aria-disabled')).toBe('true')
    expect(document.getElementById('mall-redeem-stop')).toBeNull()
    plus(5)
    expect(quantity()).toBe('3')
    expect(plusOff()).toBe(true)
    expect(textOf('mall-redeem-stop')).toBe('最多 3 件：只剩 3 件了')
    expect(textOf('mall-redeem-total')).toBe('共 15 益币')
    tap('mall-redeem-minus')
    expect(quantity()).toBe('2')
    expect(document.getElementById('mall-redeem-stop')).toBeNull()
  })

  it('never goes above the limit left to me', async () => {
    api.points.getGoods.mockResolvedValue({ goods: detail({ limitTotal: 5, mine: 2 }) })
    await opened()
    plus(4)
    expect(quantity()).toBe('2')
    expect(textOf('mall-redeem-stop')).toBe('最多 2 件：按限兑规定，您还可兑换 2 件')
  })

  it('never goes above what my balance affords', async () => {
    api.points.balance.mockResolvedValue({ balance: 12, earned: 12, spent: 0 })
    await opened()
    plus(4)
    expect(quantity()).toBe('2')
    expect(textOf('mall-redeem-stop')).toBe('最多 2 件：您的益币够兑换 2 件')
  })

  it('stops at one redemption’s most', async () => {
    api.points.getGoods.mockResolvedValue({ goods: detail({ price: 1, left: 500 }) })
    api.points.balance.mockResolvedValue({ balance: 500, earned: 500, spent: 0 })
    await opened()
    plus(120)
    expect(quantity()).toBe('99')
    expect(textOf('mall-redeem-stop')).toBe('最多 99 件：一次最多兑换 99 件')
  })

  it.each([
    ['sold out', { left: 0, status: 'sold_out' as const }, { balance: 86 }, ERRORS['GOODS.SOLD_OUT']],
    ['the limit used up', { limitTotal: 2, mine: 0 }, { balance: 86 }, ERRORS['GOODS.LIMIT_REACHED']],
    ['too few 益币', {}, { balance: 4 }, '益币不足：兑换1件需要5益币，您现有4益币。'],
  ])('offers no redemption when %s, and says why', async (_case, goods, wallet, text) => {
    api.points.getGoods.mockResolvedValue({ goods: detail(goods) })
    api.points.balance.mockResolvedValue({ earned: 0, spent: 0, ...wallet })
    await opened()
    expect(textOf('mall-redeem-blocked')).toBe(text)
    expect(document.getElementById('mall-redeem-plus')).toBeNull()
    expect(byId('mall-redeem-button').className).toContain('nut-button-disabled')
    tap('mall-redeem-button')
    expect(document.getElementById('mall-redeem-sheet')).toBeNull()
  })
})

describe('redeeming', () => {
  it('confirms what is spent, redeems once, and goes to the order with its code', async () => {
    api.points.redeem.mockResolvedValue({ order: order({ id: 'o-9', quantity: 2, cost: 10 }) })
    await opened()
    plus(1)
    tap('mall-redeem-button')
    await waitFor(() => expect(textOf('mall-redeem-sheet-goods')).toBe('五常大米 5kg × 2件'))
    expect(textOf('mall-redeem-sheet-cost')).toBe('10 益币')
    expect(textOf('mall-redeem-sheet-after')).toBe('76 益币')
    expect(api.points.redeem).not.toHaveBeenCalled()
    tap('mall-redeem-confirm')
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.mallOrder}?id=o-9&redeemed=1` }))
    expect(redeemCalls()).toEqual([{ requestId: expect.stringMatching(UUID), goodsId: 'g-rice', quantity: 2, subscribed: false }])
    // The order page shows the code from this answer at once, before its own request returns.
    expect(takeOrder('o-9')?.pickupCode).toBe('20261107')
  })

  it('sends one request for two quick taps on the confirmation', async () => {
    let answer: (v: unknown) => void = () => undefined
    api.points.redeem.mockImplementation(() => new Promise((r) => (answer = r)))
    await opened()
    tap('mall-redeem-button')
    await waitFor(() => expect(document.getElementById('mall-redeem-confirm')).toBeTruthy())
    tap('mall-redeem-confirm')
    tap('mall-redeem-confirm')
    await waitFor(() => expect(api.points.redeem).toHaveBeenCalledTimes(1))
    answer({ order: order({ id: 'o-9' }) })
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledTimes(1))
    expect(api.points.redeem).toHaveBeenCalledTimes(1)
  })

  it('sends nothing when the confirmation is dismissed', async () => {
    await opened()
    tap('mall-redeem-button')
    await waitFor(() => expect(document.getElementById('mall-redeem-sheet')).toBeTruthy())
    tap('mall-redeem-cancel')
    await waitFor(() => expect(document.getElementById('mall-redeem-sheet')).toBeNull())
    expect(api.points.redeem).not.toHaveBeenCalled()
  })

  it('retries a lost reply with the same request key, and never asks for a second subscription', async () => {
    process.env.TARO_ENV = 'weapp'
    process.env.TARO_APP_TEMPLATE_ORDER_READY = 'tmpl-ready'
    try {
      ;(Taro.requestSubscribeMessage as jest.Mock).mockResolvedValue({ 'tmpl-ready': 'accept' })
      api.points.redeem
        .mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
        .mockRejectedValueOnce(new ApiError('GENERIC.INTERNAL'))
        .mockResolvedValue({ order: order({ id: 'o-9' }) })
      await opened()
      tap('mall-redeem-button')
      await waitFor(() => expect(document.getElementById('mall-redeem-confirm')).toBeTruthy())
      tap('mall-redeem-confirm')
      await waitFor(() => expect(textOf('mall-redeem-sheet-error')).toBe(ERRORS['GENERIC.NETWORK']))
      expect(textOf('mall-redeem-confirm')).toBe('重试')
      expect(textOf('mall-redeem-sheet')).toContain('不会重复扣益币')

      // Closed and opened again at the same quantity: still the same request.
      tap('mall-redeem-cancel')
      await waitFor(() => expect(textOf('mall-redeem-pending')).toContain('上一次兑换1件没有收到结果'))
      tap('mall-redeem-button')
      await waitFor(() => expect(textOf('mall-redeem-confirm')).toBe('重试'))
      tap('mall-redeem-confirm')
      await waitFor(() => expect(textOf('mall-redeem-sheet-error')).toBe(ERRORS['GENERIC.INTERNAL']))
      tap('mall-redeem-confirm')
      await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.mallOrder}?id=o-9&redeemed=1` }))

      const calls = redeemCalls()
      expect(calls).toHaveLength(3)
      expect(new Set(calls.map((c) => c.requestId)).size).toBe(1)
      expect(calls.every((c) => c.quantity === 1 && c.subscribed === true)).toBe(true)
      expect(Taro.requestSubscribeMessage).toHaveBeenCalledTimes(1)
      expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-ready'] })
    } finally {
      delete process.env.TARO_APP_TEMPLATE_ORDER_READY
      process.env.TARO_ENV = 'h5'
    }
  })

  it('makes a new request when the quantity changed after a lost reply', async () => {
    api.points.redeem.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue({ order: order({ id: 'o-9' }) })
    await opened()
    tap('mall-redeem-button')
    await waitFor(() => expect(document.getElementById('mall-redeem-confirm')).toBeTruthy())
    tap('mall-redeem-confirm')
    await waitFor(() => expect(textOf('mall-redeem-sheet-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('mall-redeem-cancel')
    await waitFor(() => expect(document.getElementById('mall-redeem-sheet')).toBeNull())
    plus(1)
    tap('mall-redeem-button')
    await waitFor(() => expect(textOf('mall-redeem-confirm')).toBe('确认兑换'))
    tap('mall-redeem-confirm')
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
    const [first, second] = redeemCalls()
    expect(second.quantity).toBe(2)
    expect(second.requestId).not.toBe(first.requestId)
  })

  it.each([
    ['GOODS.SOLD_OUT' as const, undefined, { left: 0, status: 'sold_out' as const }, {}, ERRORS['GOODS.SOLD_OUT']],
    ['GOODS.LIMIT_REACHED' as const, undefined, { limitTotal: 2, mine: 0 }, {}, ERRORS['GOODS.LIMIT_REACHED']],
    ['POINTS.INSUFFICIENT' as const, '益币余额不足：需要5益币，现有3益币。', {}, { balance: 3 }, '益币不足：兑换1件需要5益币，您现有3益币。'],
  ])('answers %s with the server’s sentence and the figures asked again', async (code, message, goodsAfter, walletAfter, blockedAfter) => {
    api.points.redeem.mockRejectedValue(new ApiError(code, message))
    await opened()
    tap('mall-redeem-button')
    await waitFor(() => expect(document.getElementById('mall-redeem-confirm')).toBeTruthy())
    api.points.getGoods.mockResolvedValue({ goods: detail(goodsAfter) })
    api.points.balance.mockResolvedValue({ balance: 86, earned: 100, spent: 14, ...walletAfter })
    tap('mall-redeem-confirm')
    await waitFor(() => expect(textOf('mall-redeem-refusal')).toBe(message ?? ERRORS[code]))
    await waitFor(() => expect(document.getElementById('mall-redeem-sheet')).toBeNull())
    expect(api.points.getGoods).toHaveBeenCalledTimes(2)
    expect(api.points.balance).toHaveBeenCalledTimes(2)
    await waitFor(() => expect(textOf('mall-redeem-blocked')).toBe(blockedAfter))
    expect(api.points.redeem).toHaveBeenCalledTimes(1)
  })

  it('lowers the chosen quantity to the fresh figures after 库存不足, and the next confirmation is a new request', async () => {
    api.points.redeem.mockRejectedValueOnce(new ApiError('GOODS.NOT_ENOUGH', '库存只剩2件，请减少兑换数量。')).mockResolvedValue({ order: order({ id: 'o-9' }) })
    await opened()
    plus(3)
    expect(quantity()).toBe('4')
    tap('mall-redeem-button')
    await waitFor(() => expect(document.getElementById('mall-redeem-confirm')).toBeTruthy())
    api.points.getGoods.mockResolvedValue({ goods: detail({ left: 2 }) })
    tap('mall-redeem-confirm')
    await waitFor(() => expect(textOf('mall-redeem-refusal')).toBe('库存只剩2件，请减少兑换数量。'))
    await waitFor(() => expect(quantity()).toBe('2'))
    expect(textOf('mall-redeem-stop')).toBe('最多 2 件：只剩 2 件了')
    tap('mall-redeem-button')
    await waitFor(() => expect(textOf('mall-redeem-sheet-goods')).toBe('五常大米 5kg × 2件'))
    expect(document.getElementById('mall-redeem-refusal')).toBeNull()
    tap('mall-redeem-confirm')
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
    const [first, second] = redeemCalls()
    expect([first.quantity, second.quantity]).toEqual([4, 2])
    expect(second.requestId).not.toBe(first.requestId)
  })

  it('shows no English anywhere on the page', async () => {
    await opened()
    tap('mall-redeem-button')
    await screen.findByText('再想想')
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/)
  })
})
