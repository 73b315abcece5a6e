import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __storage } from './__mocks__/taro'
import { PRIVACY_VERSION } from '../../types/enums'
import PrivacyPage from '../../src/pages/privacy'
import { ROUTES } from '../../src/utils/routes'
import { api, me, renderWithSession, unregistered } from './fixtures'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

beforeEach(() => __storage.clear())

describe('privacy guide', () => {
  it('says what is collected, how phone/ID are protected and what minors need', async () => {
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<PrivacyPage />)
    await waitFor(() => expect(api.user.me).toHaveBeenCalled())
    const text = document.body.textContent ?? ''
    for (const word of ['姓名', '性别', '出生日期', '手机号', '身份证号（选填）', '所属团组织', '所在领域', '专业特长', '兴趣爱好', '需求']) {
      expect(text).toContain(word)
    }
    expect(text).toContain('打码')
    expect(text).toContain('未满14周岁')
    expect(text).toContain('撤回同意')
    expect(text).toContain(PRIVACY_VERSION)
  })

  it('remembers the agreement on the device and goes to the profile form', async () => {
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<PrivacyPage />)
    await waitFor(() => expect(api.user.me).toHaveBeenCalled())
    fireEvent.click(screen.getByText('同意并继续'))
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: ROUTES.profile }))
    expect(__storage.get('tq.privacyAccepted')).toBe(PRIVACY_VERSION)
    expect(api.user.acceptPrivacy).not.toHaveBeenCalled()
  })

  it('records a registered youth’s consent to a new version on the server', async () => {
    api.user.me.mockResolvedValue(me({ privacy: { current: PRIVACY_VERSION, accepted: '2020-01-01' } }))
    api.user.acceptPrivacy.mockResolvedValue({ privacy: { current: PRIVACY_VERSION, accepted: PRIVACY_VERSION } })
    renderWithSession(<PrivacyPage />)
    await waitFor(() => expect(api.user.me).toHaveBeenCalled())
    fireEvent.click(screen.getByText('同意并继续'))
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: ROUTES.activities }))
    expect(api.user.acceptPrivacy).toHaveBeenCalledWith({ privacyVersion: PRIVACY_VERSION })
  })

  it('explains what refusing means and stays', async () => {
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<PrivacyPage />)
    fireEvent.click(screen.getByText('不同意'))
    expect(await screen.findByText(/暂时无法登记青年档案/)).toBeTruthy()
    expect(Taro.redirectTo).not.toHaveBeenCalled()
    expect(__storage.has('tq.privacyAccepted')).toBe(false)
  })
})
