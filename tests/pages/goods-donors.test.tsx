import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import DonorsPage from '../../src/packages/cadre/pages/donors'
import MallReportPage from '../../src/packages/cadre/pages/mall-report'
import { ApiError } from '../../src/services/api'
import { uploadPhotos } from '../../src/services/files'
import { ROUTES } from '../../src/utils/routes'
import { api, me, orgTreeAnswer, renderWithSession, role } from './fixtures'
import { donor, fileId } from './goods-fixtures'
import { inputIn, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/services/files', () => ({ uploadPhotos: jest.fn() }))

/** 爱心企业 (src/packages/cadre/pages/donors) and 兑换统计 (src/packages/cadre/pages/mall-report). */

const upload = uploadPhotos as jest.MockedFunction<typeof uploadPhotos>
const picks = (...paths: string[]) => (Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: paths })
const cadre = () => me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] })
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
})

afterEach(() => {
  jest.useRealTimers()
})

describe('cadre: 爱心企业', () => {
  it('lists the org’s donors with the contact masked, and opens a donor’s 爱心证书', async () => {
    api.points.listDonors.mockResolvedValue({ items: [donor({ logoFileId: fileId('logo-0001'), logo: 'https://tmp.example/logo.jpg', logoCheck: 'pending' })], nextCursor: null })
    renderWithSession(<DonorsPage />)
    expect(await screen.findByText('阳城县爱心粮油有限公司')).toBeTruthy()
    expect(api.points.listDonors).toHaveBeenCalledWith({ orgId: 't-chengguan', cursor: undefined })
    expect(textOf('donor-contact-d1')).toBe('联系人：张*明 139****5678')
    expect(textOf('donor-d1')).toContain('捐赠物资 2 种')
    expect(textOf('donor-d1')).toContain('标志检查中，通过后公开显示')
    tap('donor-cert-d1')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.donorCertificate}?donorId=d1&name=${encodeURIComponent('阳城县爱心粮油有限公司')}` })
  })

  it('registers a donor with its logo and contact, keeping one request key across a failed attempt', async () => {
    api.points.listDonors.mockResolvedValue({ items: [], nextCursor: null })
    api.points.saveDonor.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce({ donor: donor({ id: 'd9', name: '城关镇爱心超市' }) })
    renderWithSession(<DonorsPage />)
    await waitFor(() => expect(api.points.listDonors).toHaveBeenCalled())
    tap('donor-new')
    type('donor-name-input', '城关镇爱心超市')
    type('donor-story-input', '每月捐赠文具')
    type('donor-contact-input', '王五')
    type('donor-phone-input', '13600001111')
    picks('/tmp/logo.png')
    upload.mockResolvedValueOnce([fileId('logo-0009')])
    tap('donor-logo-add')
    await waitFor(() => expect(document.getElementById('donor-logo-0')).toBeTruthy())
    tap('donor-save')
    await waitFor(() => expect(textOf('donor-editor-notice')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('donor-save')
    await waitFor(() => expect(textOf('donors-notice')).toBe('已登记爱心企业「城关镇爱心超市」。'))
    const [first, second] = api.points.saveDonor.mock.calls.map((c) => c[0])
    expect(first).toEqual({ requestId: expect.any(String), orgId: 't-chengguan', name: '城关镇爱心超市', story: '每月捐赠文具', logo: fileId('logo-0009'), contactName: '王五', contactPhone: '13600001111' })
    expect(second.requestId).toBe(first.requestId)
  })

  it('needs the contact for a new donor, and refuses a phone that is not a mobile number', async () => {
    api.points.listDonors.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<DonorsPage />)
    await waitFor(() => expect(api.points.listDonors).toHaveBeenCalled())
    tap('donor-new')
    type('donor-name-input', '城关镇爱心超市')
    type('donor-story-input', '每月捐赠文具')
    tap('donor-save')
    await waitFor(() => expect(textOf('field-donor-contact-error')).toBe('请填写联系人'))
    expect(textOf('field-donor-phone-error')).toBe('请填写联系电话')
    type('donor-contact-input', '王五')
    type('donor-phone-input', '12345678901')
    tap('donor-save')
    await waitFor(() => expect(textOf('field-donor-phone-error')).toBe('请填写11位手机号'))
    expect(api.points.saveDonor).not.toHaveBeenCalled()
  })

  it('edits without the phone: empty contact boxes keep what is on file, which is shown masked only', async () => {
    api.points.listDonors.mockResolvedValue({ items: [donor()], nextCursor: null })
    api.points.saveDonor.mockResolvedValue({ donor: donor({ story: '第二年继续捐赠' }) })
    renderWithSession(<DonorsPage />)
    await screen.findByText('阳城县爱心粮油有限公司')
    tap('donor-edit-d1')
    expect(inputIn('donor-name-input').value).toBe('阳城县爱心粮油有限公司')
    expect(textOf('donor-contact-on-file')).toBe('已登记联系人：张*明 139****5678。不修改请留空。')
    expect(inputIn('donor-phone-input').value).toBe('')
    type('donor-story-input', '第二年继续捐赠')
    tap('donor-save')
    await waitFor(() => expect(textOf('donors-notice')).toBe('「阳城县爱心粮油有限公司」的修改已保存。'))
    const sent = api.points.saveDonor.mock.calls[0][0]
    expect(sent).toEqual({ donorId: 'd1', requestId: expect.any(String), orgId: 't-chengguan', name: '阳城县爱心粮油有限公司', story: '第二年继续捐赠', logo: null })
    expect(document.body.textContent).not.toMatch(FULL_PHONE)
  })

  it('shows a refused story in one sentence', async () => {
    api.points.listDonors.mockResolvedValue({ items: [donor()], nextCursor: null })
    api.points.saveDonor.mockRejectedValue(new ApiError('GENERIC.CONTENT_RISKY'))
    renderWithSession(<DonorsPage />)
    await screen.findByText('阳城县爱心粮油有限公司')
    tap('donor-edit-d1')
    tap('donor-save')
    await waitFor(() => expect(textOf('donor-editor-notice')).toBe(ERRORS['GENERIC.CONTENT_RISKY']))
  })
})

describe('cadre: 兑换统计', () => {
  const figures = { redeemed: 6, pickedUp: 3, cancelled: 1, expired: 3, points: 30, value: 13550 }
  const answer = {
    goods: [{ goodsId: 'g1', name: '大米', donorName: '阳城县爱心粮油有限公司', ...figures, supplied: 100, left: 80 }],
    venues: [{ venueId: 'v1', name: '城关镇便民服务中心', pickedUp: 3, points: 30, value: 13550 }],
    totals: { ...figures, supplied: 100, left: 80 },
  }

  it('shows the period’s totals, each goods item and each venue; another period asks again', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-28T10:00:00+08:00'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] })
    api.points.mallReport.mockResolvedValue(answer)
    renderWithSession(<MallReportPage />)
    await waitFor(() => expect(textOf('report-redeemed')).toContain('6'))
    expect(api.points.mallReport).toHaveBeenCalledWith({ orgId: 't-chengguan', from: Date.parse('2026-11-01T00:00:00+08:00'), to: Date.parse('2026-11-29T00:00:00+08:00') })
    expect(textOf('report-value')).toContain('135.5')
    expect(textOf('report-left')).toContain('80 / 100')
    expect(textOf('report-goods-g1')).toContain('兑换 6 件 · 领取 3 件 · 取消 1 件 · 过期 3 件')
    expect(textOf('report-goods-g1')).toContain('消耗 30 益币 · 价值 135.5 元 · 库存剩余 80 / 总量 100')
    expect(textOf('report-venue-v1')).toContain('领取 3 件 · 30 益币 · 价值 135.5 元')
    tap('report-period-last_month')
    await waitFor(() =>
      expect(api.points.mallReport).toHaveBeenLastCalledWith({ orgId: 't-chengguan', from: Date.parse('2026-10-01T00:00:00+08:00'), to: Date.parse('2026-11-01T00:00:00+08:00') }),
    )
  })

  it('says so when nothing happened, and shows a refusal with a retry', async () => {
    api.points.mallReport.mockRejectedValueOnce(new ApiError('AUTH.FORBIDDEN')).mockResolvedValueOnce({ goods: [], venues: [], totals: { redeemed: 0, pickedUp: 0, cancelled: 0, expired: 0, points: 0, value: 0, supplied: 0, left: 0 } })
    renderWithSession(<MallReportPage />)
    await waitFor(() => expect(textOf('report-load-error')).toContain(ERRORS['AUTH.FORBIDDEN']))
    tap('report-retry')
    await waitFor(() => expect(textOf('report-goods-empty')).toBe('这段时间没有兑换，也没有正在兑换的物资。'))
    expect(textOf('report-venues-empty')).toBe('这段时间没有在兑换点领取的物资。')
  })
})
