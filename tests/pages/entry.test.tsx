import { screen, waitFor, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __storage } from './__mocks__/taro'
import IndexPage from '../../src/pages/index'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { api, me, renderWithSession, unregistered } from './fixtures'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const redirectTo = Taro.redirectTo as jest.Mock

beforeEach(() => {
  __storage.clear()
  process.env.TARO_ENV = 'h5'
})

async function landsOn(url: string) {
  await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url }))
  expect(redirectTo).toHaveBeenCalledTimes(1)
  expect(Taro.switchTab).not.toHaveBeenCalled()
}

/** Tab pages are reached with switchTab only (WeChat refuses redirectTo to a tab). */
async function landsOnTab(url: string) {
  await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url }))
  expect(Taro.switchTab).toHaveBeenCalledTimes(1)
  expect(redirectTo).not.toHaveBeenCalled()
}

describe('entry page', () => {
  it('shows a loading state while me is on its way', () => {
    api.user.me.mockReturnValue(new Promise(() => undefined))
    renderWithSession(<IndexPage />)
    expect(screen.getByText('正在加载…')).toBeTruthy()
    expect(redirectTo).not.toHaveBeenCalled()
  })

  it('sends a newcomer to the privacy guide first', async () => {
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<IndexPage />)
    await landsOn(ROUTES.privacy)
  })

  it('skips the guide when this device already accepted the current version', async () => {
    __storage.set('tq.privacyAccepted', unregistered().privacy.current)
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<IndexPage />)
    await landsOn(ROUTES.profile)
  })

  it('sends someone who accepted but has no profile to the profile form', async () => {
    api.user.me.mockResolvedValue({ ...unregistered(), privacy: { current: 'v2', accepted: 'v2' } })
    renderWithSession(<IndexPage />)
    await landsOn(ROUTES.profile)
  })

  it('sends a registered youth to the 活动 tab', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<IndexPage />)
    await landsOnTab(ROUTES.activities)
  })

  it('asks a registered youth to read a newer guide', async () => {
    api.user.me.mockResolvedValue(me({ privacy: { current: 'v3', accepted: 'v2' } }))
    renderWithSession(<IndexPage />)
    await landsOn(ROUTES.privacy)
  })

  it('asks for a login in the browser build when the gateway has no session', async () => {
    api.user.me.mockRejectedValue(new ApiError('AUTH.UNAUTHENTICATED'))
    renderWithSession(<IndexPage />)
    expect(await screen.findByText('请先登录')).toBeTruthy()
    expect(screen.getByText('去登录')).toBeTruthy()
    expect(redirectTo).not.toHaveBeenCalled()
  })

  it('offers no browser login link in the mini program', async () => {
    process.env.TARO_ENV = 'weapp'
    api.user.me.mockRejectedValue(new ApiError('AUTH.UNAUTHENTICATED'))
    renderWithSession(<IndexPage />)
    expect(await screen.findByText('请先登录')).toBeTruthy()
    expect(screen.queryByText('去登录')).toBeNull()
  })

  it('explains a network failure and retries on request', async () => {
    api.user.me.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce(me())
    renderWithSession(<IndexPage />)
    expect(await screen.findByText('网络不太好，请检查网络后再试。')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    await landsOnTab(ROUTES.activities)
  })
})
