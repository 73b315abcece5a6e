import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import GoodsPage from '../../src/packages/cadre/pages/goods'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { api, me, orgTreeAnswer, renderWithSession, role } from './fixtures'
import { adminCard, adminView } from './goods-fixtures'
import { tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

/** 物资管理 (src/packages/cadre/pages/goods): an org's goods with their stock, shelved and restocked. */

const cadre = () => me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
})

describe('cadre: 物资管理', () => {
  it('lists the org’s goods with stock, live orders, 已兑完 and what blocks going on sale', async () => {
    api.points.manageGoods.mockResolvedValue({
      items: [
        adminCard(),
        adminCard({ id: 'g2', name: '书包', status: 'sold_out', left: 0, supplied: 30, taken: 30, liveOrders: 0 }),
        adminCard({ id: 'g3', name: '面粉', status: 'draft', goodsStatus: 'draft', imageChecks: ['pending'], venueCount: 1 }),
        adminCard({ id: 'g4', name: '食用油', status: 'draft', goodsStatus: 'draft', venueCount: 0 }),
      ],
      nextCursor: null,
    })
    renderWithSession(<GoodsPage />)
    expect(await screen.findByText('五常大米 5kg')).toBeTruthy()
    expect(api.points.manageGoods).toHaveBeenCalledWith({ orgId: 't-chengguan', status: undefined, cursor: undefined })
    expect(textOf('goods-stock-g1')).toBe('总量 100 · 已兑 20 · 剩余 80 · 待领取 3 笔')
    expect(textOf('goods-g1')).toContain('兑换中')
    expect(textOf('goods-g1')).toContain('每人限兑2件')
    expect(textOf('goods-g2')).toContain('已兑完')
    expect(textOf('goods-toggle-g2')).toBe('下架')
    expect(textOf('goods-blocker-g3')).toBe('图片正在做内容安全检查，通过后才能上架。')
    expect(textOf('goods-g3')).toContain('1张图片检查中，青年看不到这些图片。')
    expect(textOf('goods-blocker-g4')).toContain('还没有开放的兑换点')
    // Its 上架 button does nothing until the blocker is gone.
    tap('goods-toggle-g4')
    expect(api.points.setGoodsStatus).not.toHaveBeenCalled()
    // Filtering by status asks again.
    tap('goods-filter-draft')
    await waitFor(() => expect(api.points.manageGoods).toHaveBeenLastCalledWith({ orgId: 't-chengguan', status: 'draft', cursor: undefined }))
  })

  it('puts an item on sale at once and takes one off only after a confirmation', async () => {
    api.points.manageGoods.mockResolvedValue({ items: [adminCard({ id: 'g1', goodsStatus: 'draft', status: 'draft' }), adminCard({ id: 'g2', name: '书包' })], nextCursor: null })
    api.points.setGoodsStatus.mockResolvedValueOnce({ goods: adminView({ id: 'g1' }) }).mockResolvedValueOnce({ goods: adminView({ id: 'g2', name: '书包', goodsStatus: 'off_shelf', status: 'off_shelf' }) })
    renderWithSession(<GoodsPage />)
    await screen.findByText('书包')
    tap('goods-toggle-g1')
    await waitFor(() => expect(textOf('goods-notice')).toBe('「五常大米 5kg」已上架，本县青年现在可以兑换。'))
    expect(api.points.setGoodsStatus).toHaveBeenCalledWith({ goodsId: 'g1', status: 'on_sale' })
    tap('goods-toggle-g2')
    fireEvent.click(await screen.findByText('确定下架'))
    await waitFor(() => expect(textOf('goods-notice')).toBe('「书包」已下架。'))
    expect(api.points.setGoodsStatus).toHaveBeenLastCalledWith({ goodsId: 'g2', status: 'off_shelf' })
  })

  it('shows the server’s refusal of going on sale in one Chinese sentence', async () => {
    api.points.manageGoods.mockResolvedValue({ items: [adminCard({ goodsStatus: 'off_shelf', status: 'off_shelf' })], nextCursor: null })
    api.points.setGoodsStatus.mockRejectedValue(new ApiError('GOODS.NO_PASSED_IMAGE'))
    renderWithSession(<GoodsPage />)
    await screen.findByText('五常大米 5kg')
    tap('goods-toggle-g1')
    await waitFor(() => expect(textOf('goods-notice')).toBe(ERRORS['GOODS.NO_PASSED_IMAGE']))
  })

  it('restocks with one request key across retries, withdraws as a negative number, and says what the stock is now', async () => {
    api.points.manageGoods.mockResolvedValue({ items: [adminCard()], nextCursor: null })
    api.points.restockGoods.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce({ stock: { supplied: 150, taken: 20, left: 130 } })
    renderWithSession(<GoodsPage />)
    await screen.findByText('五常大米 5kg')
    tap('goods-restock-g1')
    expect(textOf('restock-g1')).toContain('现有：总量 100 件，已兑 20 件，剩余 80 件')
    // Nothing sent without a number and a note.
    tap('restock-submit')
    await waitFor(() => expect(textOf('field-restock-units-error')).toBe('请填写数量（正整数）'))
    expect(textOf('field-restock-note-error')).toBe('请填写调整说明')
    type('restock-units-input', '50')
    type('restock-note-input', '第二批捐赠')
    tap('restock-submit')
    await waitFor(() => expect(textOf('restock-notice')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('restock-submit')
    await waitFor(() => expect(textOf('goods-notice')).toBe('「五常大米 5kg」库存已调整：总量 150 件，剩余 130 件。'))
    const [first, second] = api.points.restockGoods.mock.calls.map((c) => c[0])
    expect(first).toEqual({ goodsId: 'g1', requestId: expect.stringMatching(UUID), delta: 50, note: '第二批捐赠' })
    expect(second.requestId).toBe(first.requestId)

    // Withdrawing below what orders hold is refused under the number.
    api.points.restockGoods.mockRejectedValueOnce(new ApiError('GOODS.STOCK_BELOW_TAKEN'))
    tap('goods-restock-g1')
    tap('restock-way-withdraw')
    type('restock-units-input', '90')
    type('restock-note-input', '盘点减少')
    tap('restock-submit')
    await waitFor(() => expect(textOf('field-restock-units-error')).toBe(ERRORS['GOODS.STOCK_BELOW_TAKEN']))
    const third = api.points.restockGoods.mock.calls[2][0]
    expect(third.delta).toBe(-90)
    expect(third.requestId).not.toBe(first.requestId)
  })

  // The number box itself keeps digits only (NutUI's type='number'); what it can still hold is checked here.
  it('refuses zero or no number before sending anything', async () => {
    api.points.manageGoods.mockResolvedValue({ items: [adminCard()], nextCursor: null })
    renderWithSession(<GoodsPage />)
    await screen.findByText('五常大米 5kg')
    tap('goods-restock-g1')
    type('restock-note-input', '补货')
    for (const n of ['0', '', '   ']) {
      type('restock-units-input', n)
      tap('restock-submit')
      await waitFor(() => expect([n, textOf('field-restock-units-error')]).toEqual([n, '请填写数量（正整数）']))
    }
    expect(api.points.restockGoods).not.toHaveBeenCalled()
  })

  it('opens the editor for a new item of the chosen org, for an item, and the donors and report pages', async () => {
    api.points.manageGoods.mockResolvedValue({ items: [adminCard()], nextCursor: null })
    renderWithSession(<GoodsPage />)
    await screen.findByText('五常大米 5kg')
    tap('goods-new')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.cadreGoodsEdit}?orgId=t-chengguan&orgName=${encodeURIComponent('城关镇团委')}` })
    tap('goods-edit-g1')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.cadreGoodsEdit}?id=g1&orgName=${encodeURIComponent('城关镇团委')}` })
    tap('goods-to-donors')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.cadreDonors })
    tap('goods-to-report')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.cadreMallReport })
  })

  it('is only for cadres and admins', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<GoodsPage />)
    await waitFor(() => expect(api.user.me).toHaveBeenCalled())
    await waitFor(() => expect(document.getElementById('goods-new')).toBeNull())
    expect(api.points.manageGoods).not.toHaveBeenCalled()
  })
})
