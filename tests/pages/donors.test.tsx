import { waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks, __router } from './__mocks__/taro'
import DonorsPage from '../../src/pages/donors'
import { ApiError } from '../../src/services/api'
import type { DonorBoardCardT, DonorFiguresT } from '../../types/contract/donors'
import { api, me, profile, renderWithSession } from './fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

/** The public 爱心企业榜 (src/pages/donors): the county's totals, a card per donor, paging and the thank-you card. */

const figures = (over: Partial<DonorFiguresT> = {}): DonorFiguresT => ({ goods: 2, givenUnits: 15, givenValue: 55000, redeemedUnits: 5, redeemedValue: 19000, volunteers: 3, ...over })
const card = (id: string, over: Partial<DonorBoardCardT> = {}): DonorBoardCardT => ({
  id,
  name: `爱心企业${id}`,
  logo: null,
  story: '深夜食堂的老朋友，感谢每一位志愿者。',
  figures: figures(),
  ...over,
})
const SUMMARY = { county: { id: 'yc', name: '共青团阳城县委' }, donors: 4, figures: figures({ givenUnits: 1200, givenValue: 3_000_000, redeemedUnits: 310, redeemedValue: 930_000, volunteers: 126 }) }

beforeEach(() => {
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockRejectedValue(new ApiError('AUTH.UNAUTHENTICATED'))
  api.points.donorBoardSummary.mockResolvedValue(SUMMARY)
})

describe('爱心企业榜', () => {
  it('shows the county’s totals and each donor’s logo, name, story and figures, without any login', async () => {
    __router.params = { orgId: 'yc' }
    api.points.donorBoard.mockResolvedValue({
      items: [card('d1', { name: '阳城县爱心粮油有限公司', logo: 'https://files.example/logo.png?sign=1' }), card('d2', { name: '阳城文具批发部', figures: figures({ givenUnits: 100, givenValue: 30000, redeemedUnits: 0, redeemedValue: 0, volunteers: 0 }) })],
      nextCursor: null,
    })
    renderWithSession(<DonorsPage />)
    await waitFor(() => expect(textOf('donors-count')).toBe('4 家爱心企业'))
    expect(api.points.donorBoardSummary).toHaveBeenCalledWith({ orgId: 'yc' })
    expect(api.points.donorBoard).toHaveBeenCalledWith({ orgId: 'yc', limit: 20 })
    expect(document.querySelector('.tq-page__title')?.textContent).toBe('共青团阳城县委 爱心企业榜')
    expect(textOf('donors-given')).toBe('捐赠物资 1200 件，价值 3万元')
    expect(textOf('donors-redeemed')).toBe('已兑换 310 件（价值 9300元），惠及 126 名志愿者')
    await waitFor(() => expect(document.getElementById('donor-d1')).toBeTruthy())
    expect(textOf('donor-name-d1')).toBe('阳城县爱心粮油有限公司')
    expect(textOf('donor-story-d1')).toBe('深夜食堂的老朋友，感谢每一位志愿者。')
    expect(byId('donor-logo-d1').getAttribute('src')).toBe('https://files.example/logo.png?sign=1')
    expect(textOf('donor-given-d1')).toBe('捐赠物资 15 件，价值 550元')
    expect(textOf('donor-redeemed-d1')).toBe('已兑换 5 件（价值 190元），惠及 3 名志愿者')
    // No logo yet: the first character stands in; nothing redeemed yet is said plainly.
    expect(document.getElementById('donor-logo-d2')).toBeNull()
    expect(byId('donor-d2').querySelector('.tq-donor__logo--initial')?.textContent).toBe('阳')
    expect(textOf('donor-redeemed-d2')).toBe('物资已上架，等待志愿者兑换')
  })

  it('loads more donors by cursor', async () => {
    __router.params = { orgId: 'yc' }
    api.points.donorBoard.mockResolvedValueOnce({ items: [card('d1')], nextCursor: 'c1' }).mockResolvedValueOnce({ items: [card('d2')], nextCursor: null })
    renderWithSession(<DonorsPage />)
    await waitFor(() => expect(document.getElementById('donors-more')).toBeTruthy())
    tap('donors-more')
    await waitFor(() => expect(document.getElementById('donor-d2')).toBeTruthy())
    expect(api.points.donorBoard).toHaveBeenLastCalledWith({ orgId: 'yc', limit: 20, cursor: 'c1' })
    expect(document.getElementById('donor-d1')).toBeTruthy()
    expect(document.getElementById('donors-more')).toBeNull()
  })

  it('says so when nobody is on the board yet', async () => {
    __router.params = { orgId: 'yc' }
    api.points.donorBoardSummary.mockResolvedValue({ ...SUMMARY, donors: 0, figures: figures({ goods: 0, givenUnits: 0, givenValue: 0, redeemedUnits: 0, redeemedValue: 0, volunteers: 0 }) })
    api.points.donorBoard.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<DonorsPage />)
    await waitFor(() => expect(document.body.textContent).toContain('还没有爱心企业上榜'))
  })

  it('opens a registered youth’s own county without a link, and asks for a link otherwise', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ orgId: 'yc-rc-b1' }) }))
    api.points.donorBoard.mockResolvedValue({ items: [], nextCursor: null })
    const { unmount } = renderWithSession(<DonorsPage />)
    await waitFor(() => expect(api.points.donorBoardSummary).toHaveBeenCalledWith({ orgId: 'yc-rc-b1' }))
    unmount()

    api.user.me.mockRejectedValue(new ApiError('AUTH.UNAUTHENTICATED'))
    api.points.donorBoardSummary.mockClear()
    renderWithSession(<DonorsPage />)
    await waitFor(() => expect(textOf('donors-no-org')).toContain('分享链接或二维码'))
    expect(api.points.donorBoardSummary).not.toHaveBeenCalled()
  })

  it('explains a failure and retries', async () => {
    __router.params = { orgId: 'nowhere' }
    api.points.donorBoardSummary.mockRejectedValueOnce(new ApiError('ORG.NOT_FOUND')).mockResolvedValueOnce(SUMMARY)
    api.points.donorBoard.mockResolvedValue({ items: [card('d1')], nextCursor: null })
    renderWithSession(<DonorsPage />)
    await waitFor(() => expect(textOf('donors-error')).toBe('没有找到这个团组织。'))
    tap('donors-retry')
    await waitFor(() => expect(textOf('donors-count')).toBe('4 家爱心企业'))
  })

  it('shares the board to a chat as the county’s, thanking its donors', async () => {
    __router.params = { orgId: 'yc-rc' }
    api.points.donorBoard.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<DonorsPage />)
    await waitFor(() => expect(textOf('donors-count')).toBe('4 家爱心企业'))
    expect(__pageHooks.shareAppMessage?.()).toEqual({ title: '感谢共青团阳城县委的爱心企业', path: '/pages/donors/index?orgId=yc' })
  })

  /** A 2D context that draws nothing but records the text. */
  function fakeContext(texts: string[]) {
    return new Proxy({} as Record<string, unknown>, {
      get: (target, key: string) =>
        key in target ? target[key] : key === 'fillText' ? (t: string) => void texts.push(t) : key === 'measureText' ? (t: string) => ({ width: t.length * 20 }) : () => undefined,
      set: (target, key: string, value) => ((target[key] = value), true),
    })
  }

  it('draws a donor’s thank-you card in the browser, to keep or send', async () => {
    const texts: string[] = []
    const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => fakeContext(texts) as unknown as CanvasRenderingContext2D)
    const toDataURL = jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,iVBORw0KGgo=')
    try {
      __router.params = { orgId: 'yc' }
      api.points.donorBoard.mockResolvedValue({ items: [card('d1', { name: '阳城县爱心粮油有限公司' })], nextCursor: null })
      renderWithSession(<DonorsPage />)
      await waitFor(() => expect(document.getElementById('donor-share-d1')).toBeTruthy())
      tap('donor-share-d1')
      await waitFor(() => expect(document.getElementById('donors-share-image')).toBeTruthy())
      expect(byId('donors-share-image').getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=')
      expect(texts).toEqual(expect.arrayContaining(['感谢爱心企业', '共青团阳城县委', '阳城县爱心粮油有限公司', '捐赠物资 15 件，价值 550元', '扫码看爱心企业榜']))
      tap('donors-share-close')
      expect(document.getElementById('donors-share-sheet')).toBeNull()
      // The county's card names how many donors gave.
      texts.length = 0
      tap('donors-share')
      await waitFor(() => expect(document.getElementById('donors-share-image')).toBeTruthy())
      expect(texts).toContain('4 家爱心企业')
    } finally {
      getContext.mockRestore()
      toDataURL.mockRestore()
    }
  })

  it('hands the card to WeChat’s share sheet in the mini program', async () => {
    process.env.TARO_ENV = 'weapp'
    const texts: string[] = []
    const node = { width: 0, height: 0, getContext: () => fakeContext(texts) }
    const q = { select: () => q, fields: () => q, exec: (cb: (r: unknown[]) => void) => cb([{ node }]) }
    const query = jest.spyOn(Taro, 'createSelectorQuery').mockReturnValue(q as unknown as ReturnType<typeof Taro.createSelectorQuery>)
    try {
      __router.params = { orgId: 'yc' }
      api.points.donorBoard.mockResolvedValue({ items: [card('d1')], nextCursor: null })
      renderWithSession(<DonorsPage />)
      await waitFor(() => expect(document.getElementById('donor-share-d1')).toBeTruthy())
      expect(document.getElementById('donors-share-canvas')).toBeTruthy()
      tap('donor-share-d1')
      await waitFor(() => expect(Taro.showShareImageMenu).toHaveBeenCalledWith({ path: 'tmp://certificate.png' }))
      expect(node.width).toBe(1500)
      expect(texts).toContain('感谢爱心企业')
    } finally {
      query.mockRestore()
    }
  })

  it('never shows a contact, even if one slipped into an answer', async () => {
    __router.params = { orgId: 'yc' }
    api.points.donorBoard.mockResolvedValue({ items: [{ ...card('d1'), contactName: '张三明', contactPhoneMasked: '139****5678' } as DonorBoardCardT], nextCursor: null })
    renderWithSession(<DonorsPage />)
    await waitFor(() => expect(document.getElementById('donor-d1')).toBeTruthy())
    expect(document.body.textContent).not.toContain('张三明')
    expect(document.body.textContent).not.toContain('139****5678')
  })
})
