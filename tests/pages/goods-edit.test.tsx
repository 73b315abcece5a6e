import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import GoodsEditPage from '../../src/packages/cadre/pages/goods-edit'
import { ApiError } from '../../src/services/api'
import { uploadPhotos } from '../../src/services/files'
import { api, me, orgTreeAnswer, renderWithSession, role } from './fixtures'
import { adminView, donor, fileId, pickupVenue } from './goods-fixtures'
import { inputIn, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/services/files', () => ({ uploadPhotos: jest.fn() }))

/** The goods editor (src/packages/cadre/pages/goods-edit): a new item with its stock, or an edit that leaves stock alone. */

const upload = uploadPhotos as jest.MockedFunction<typeof uploadPhotos>
const picks = (...paths: string[]) => (Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: paths })
const cadre = () => me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
  api.points.listDonors.mockResolvedValue({ items: [donor(), donor({ id: 'd2', name: '城关镇爱心超市' })], nextCursor: null })
  api.points.listVenues.mockResolvedValue({ items: [pickupVenue(), pickupVenue({ id: 'v2', name: '东街社区兑换点', address: '东街居委会' })], nextCursor: null })
})

async function fillNew() {
  await screen.findByText('城关镇爱心超市')
  tap('goods-donor-d2')
  type('goods-name-input', '五常大米 5kg')
  tap('goods-category-grain_oil')
  picks('/tmp/rice.jpg')
  upload.mockResolvedValueOnce([fileId('rice-0001')])
  tap('goods-pictures-add')
  await waitFor(() => expect(document.getElementById('goods-pictures-0')).toBeTruthy())
  type('goods-description-input', '爱心企业捐赠的新米')
  type('goods-price-input', '10')
  type('goods-value-input', '45.5')
  type('goods-limit-input', '3')
  tap('goods-period-week')
  type('goods-period-count-input', '1')
  type('goods-stock-input', '100')
  tap('goods-venues-v1')
  tap('goods-venues-v2')
}

describe('cadre: 新建物资', () => {
  it('sends the whole item once: the value in fen, limits, venues, the uploaded picture and its initial stock', async () => {
    __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
    api.points.saveGoods.mockResolvedValue({ goods: adminView({ id: 'g9', goodsStatus: 'draft', status: 'draft' }) })
    renderWithSession(<GoodsEditPage />)
    await fillNew()
    tap('goods-save')
    await waitFor(() => expect(textOf('goods-edit-notice')).toBe('已新建「五常大米 5kg」（草稿）。上架后青年才能看到并兑换。'))
    expect(api.points.listDonors).toHaveBeenCalledWith({ orgId: 't-chengguan', cursor: undefined })
    expect(api.points.listVenues).toHaveBeenCalledWith({ orgId: 't-chengguan', kind: 'pickup', status: 'open', cursor: undefined })
    expect(upload).toHaveBeenCalledWith('u-li', ['/tmp/rice.jpg'])
    expect(api.points.saveGoods).toHaveBeenCalledWith({
      requestId: expect.stringMatching(UUID),
      orgId: 't-chengguan',
      donorId: 'd2',
      name: '五常大米 5kg',
      category: 'grain_oil',
      images: [fileId('rice-0001')],
      description: '爱心企业捐赠的新米',
      price: 10,
      unitValue: 4550,
      limitTotal: 3,
      limitPeriod: { period: 'week', count: 1 },
      venueIds: ['v1', 'v2'],
      availableFrom: null,
      availableUntil: null,
      pickupDays: 7,
      initialStock: 100,
    })
    // Saved: now an edit, without an initial stock, and it can go on sale from here.
    expect(document.getElementById('goods-stock-input')).toBeNull()
    api.points.setGoodsStatus.mockResolvedValue({ goods: adminView({ id: 'g9' }) })
    tap('goods-put-on-sale')
    await waitFor(() => expect(textOf('goods-edit-notice')).toBe('「五常大米 5kg」已上架，本县青年现在可以兑换。'))
    expect(api.points.setGoodsStatus).toHaveBeenCalledWith({ goodsId: 'g9', status: 'on_sale' })
  })

  it('shows what is missing or wrong under the fields and sends nothing', async () => {
    renderWithSession(<GoodsEditPage />)
    await screen.findByText('城关镇爱心超市')
    tap('goods-save')
    await waitFor(() => expect(textOf('field-goods-donor-error')).toBe('请选择捐赠的爱心企业'))
    expect(textOf('field-goods-name-error')).toBe('物资名称至少2个字')
    expect(textOf('field-goods-category-error')).toBe('请选择物资类别')
    expect(textOf('field-goods-pictures-error')).toBe('请至少上传1张物资图片')
    expect(textOf('field-goods-value-error')).toBe('请填写每件的价值（元），最多两位小数')
    expect(textOf('field-goods-venues-error')).toBe('请至少选择1个兑换点')
    await fillNew()
    type('goods-value-input', '45.555')
    type('goods-name-input', '五常\u0007大米')
    type('goods-limit-input', '1')
    type('goods-period-count-input', '2')
    tap('goods-save')
    await waitFor(() => expect(textOf('field-goods-value-error')).toBe('请填写每件的价值（元），最多两位小数'))
    expect(textOf('field-goods-name-error')).toBe('物资名称含有不可见的特殊字符')
    // Rules across fields are checked once every field is right.
    type('goods-value-input', '45.55')
    type('goods-name-input', '五常大米')
    tap('goods-save')
    await waitFor(() => expect(textOf('goods-edit-notice')).toBe('每期限兑数量不能多于每人限兑总数'))
    expect(textOf('field-goods-period-error')).toBe('每期限兑数量不能多于每人限兑总数')
    expect(api.points.saveGoods).not.toHaveBeenCalled()
  })

  it('keeps its request key when a save fails and shows the server’s refusal under its field', async () => {
    api.points.saveGoods
      .mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
      .mockRejectedValueOnce(new ApiError('VENUE.CLOSED'))
      .mockResolvedValueOnce({ goods: adminView({ id: 'g9', goodsStatus: 'draft', status: 'draft' }) })
    renderWithSession(<GoodsEditPage />)
    await fillNew()
    tap('goods-save')
    await waitFor(() => expect(textOf('goods-edit-notice')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('goods-save')
    await waitFor(() => expect(textOf('field-goods-venues-error')).toBe(ERRORS['VENUE.CLOSED']))
    tap('goods-venues-v2')
    tap('goods-save')
    await waitFor(() => expect(api.points.saveGoods).toHaveBeenCalledTimes(3))
    const keys = api.points.saveGoods.mock.calls.map((c) => c[0].requestId)
    expect(new Set(keys).size).toBe(1)
  })
})

describe('cadre: 修改物资', () => {
  it('loads the item, sends an edit without stock, and the next edit gets a key of its own', async () => {
    __router.params = { id: 'g1', orgName: '城关镇团委' }
    api.points.getManagedGoods.mockResolvedValue({
      goods: adminView({ images: [{ fileId: fileId('rice-0001'), url: 'https://tmp.example/rice.jpg', check: 'pass' }, { fileId: fileId('rice-0002'), url: 'https://tmp.example/rice2.jpg', check: 'pending' }] }),
    })
    api.points.saveGoods.mockResolvedValue({ goods: adminView({ price: 12 }) })
    renderWithSession(<GoodsEditPage />)
    await waitFor(() => expect(inputIn('goods-name-input').value).toBe('五常大米 5kg'))
    expect(textOf('goods-edit-state')).toContain('总量 100 件，已兑 20 件，剩余 80 件')
    expect(textOf('field-goods-org')).toContain('所属团组织不能修改')
    expect(document.getElementById('goods-stock-input')).toBeNull()
    expect(inputIn('goods-value-input').value).toBe('45.5')
    expect(textOf('goods-pictures-1')).toContain('检查中')
    type('goods-price-input', '12')
    tap('goods-pictures-remove-1')
    tap('goods-save')
    await waitFor(() => expect(textOf('goods-edit-notice')).toBe('修改已保存。已兑换的订单不受影响。'))
    const sent = api.points.saveGoods.mock.calls[0][0]
    expect(sent).toMatchObject({ goodsId: 'g1', orgId: 't-chengguan', price: 12, unitValue: 4550, images: [fileId('rice-0001')], venueIds: ['v1'] })
    expect(sent).not.toHaveProperty('initialStock')
    tap('goods-save')
    await waitFor(() => expect(api.points.saveGoods).toHaveBeenCalledTimes(2))
    expect(api.points.saveGoods.mock.calls[1][0].requestId).not.toBe(sent.requestId)
  })

  it('says why a loaded item cannot go on sale yet', async () => {
    __router.params = { id: 'g1' }
    api.points.getManagedGoods.mockResolvedValue({ goods: adminView({ goodsStatus: 'draft', status: 'draft', imageChecks: ['risky'] }) })
    renderWithSession(<GoodsEditPage />)
    await waitFor(() => expect(textOf('goods-edit-blocker')).toBe('图片未通过内容安全检查，请更换图片后再上架。'))
    tap('goods-put-on-sale')
    expect(api.points.setGoodsStatus).not.toHaveBeenCalled()
  })

  it('shows the load failure with a retry', async () => {
    __router.params = { id: 'g1' }
    api.points.getManagedGoods.mockRejectedValueOnce(new ApiError('AUTH.FORBIDDEN')).mockResolvedValueOnce({ goods: adminView() })
    renderWithSession(<GoodsEditPage />)
    await waitFor(() => expect(textOf('goods-edit-load-error')).toContain(ERRORS['AUTH.FORBIDDEN']))
    tap('goods-edit-retry')
    await waitFor(() => expect(inputIn('goods-name-input').value).toBe('五常大米 5kg'))
  })
})
