import { render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import App from '../../src/app'
import VerifyPage from '../../src/pages/verify'
import { ApiError } from '../../src/services/api'
import { api, me, renderWithSession, unregistered } from './fixtures'
import { byId, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const SERIAL = 'AB12-CD34-EF56'
const VALID = { valid: true as const, holderName: '李*', totalMinutes: 390, stars: 1, issuedAt: Date.UTC(2026, 10, 1, 2) }

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me())
})

afterEach(() => {
  __router.params = {}
})

const result = () => byId('verify-result').getAttribute('data-result')

describe('证明验真 (public)', () => {
  it('shows a valid certificate: the masked holder, total hours, stars and issue date', async () => {
    __router.params = { serial: SERIAL }
    api.activity.verifyCertificate.mockResolvedValue(VALID)
    renderWithSession(<VerifyPage />)
    expect(document.getElementById('verify-loading')).toBeTruthy()
    await waitFor(() => expect(result()).toBe('valid'))
    expect(api.activity.verifyCertificate).toHaveBeenCalledWith({ serial: SERIAL })
    expect(textOf('verify-status')).toContain('证明有效')
    expect(textOf('verify-serial')).toBe(`证明编号 ${SERIAL}`)
    expect(textOf('verify-holder')).toBe('李*')
    expect(textOf('verify-total')).toBe('6.5 小时')
    expect(byId('verify-stars').getAttribute('data-stars')).toBe('1')
    expect(textOf('verify-stars-text')).toBe('1星志愿者')
    expect(textOf('verify-issued')).toBe('2026年11月1日')
    expect(document.getElementById('verify-loading')).toBeNull()
  })

  it('says so when no certificate has the serial', async () => {
    __router.params = { serial: 'ZZZZ-ZZZZ-ZZZZ' }
    api.activity.verifyCertificate.mockRejectedValue(new ApiError('CERT.NOT_FOUND'))
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(result()).toBe('not-found'))
    expect(textOf('verify-status')).toBe('未找到这份证明')
    expect(textOf('verify-reason')).toContain('请核对编号')
    expect(document.getElementById('verify-holder')).toBeNull()
    expect(document.getElementById('verify-retry')).toBeNull()
  })

  it('explains a malformed serial (refused by the contract), without offering a retry', async () => {
    __router.params = { serial: 'nonsense' }
    api.activity.verifyCertificate.mockRejectedValue(new ApiError('GENERIC.BAD_INPUT', '证明编号格式不正确'))
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(result()).toBe('bad-serial'))
    expect(api.activity.verifyCertificate).toHaveBeenCalledWith({ serial: 'NONSENSE' })
    expect(textOf('verify-status')).toBe('证明编号不正确')
    expect(textOf('verify-reason')).toContain('AB12-CD34-EF56')
    expect(document.getElementById('verify-retry')).toBeNull()
  })

  it('asks for the QR code when it is opened without a serial, calling nothing', async () => {
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(result()).toBe('no-serial'))
    expect(textOf('verify-status')).toBe('没有收到证明编号')
    expect(document.getElementById('verify-serial')).toBeNull()
    expect(api.activity.verifyCertificate).not.toHaveBeenCalled()
  })

  it('checks a serial typed from a printed certificate (an old tq-cert: text too), and another after a miss', async () => {
    api.activity.verifyCertificate.mockRejectedValueOnce(new ApiError('CERT.NOT_FOUND')).mockResolvedValue(VALID)
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(result()).toBe('no-serial'))
    type('verify-serial-input', ' zz12-zz34-zz56 ')
    tap('verify-submit')
    await waitFor(() => expect(result()).toBe('not-found'))
    expect(api.activity.verifyCertificate).toHaveBeenLastCalledWith({ serial: 'ZZ12-ZZ34-ZZ56' })
    type('verify-serial-input', `tq-cert:${SERIAL.toLowerCase()}`)
    tap('verify-submit')
    await waitFor(() => expect(result()).toBe('valid'))
    expect(api.activity.verifyCertificate).toHaveBeenLastCalledWith({ serial: SERIAL })
    expect(textOf('verify-serial')).toBe(`证明编号 ${SERIAL}`)
    expect(document.getElementById('verify-ask')).toBeNull()
  })

  it('offers a retry when the network fails, and shows the answer once it comes', async () => {
    __router.params = { serial: SERIAL }
    api.activity.verifyCertificate.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce(VALID)
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(textOf('verify-error')).toBe('网络不太好，请检查网络后再试。'))
    expect(document.getElementById('verify-result')).toBeNull()
    tap('verify-retry')
    await waitFor(() => expect(result()).toBe('valid'))
    expect(api.activity.verifyCertificate).toHaveBeenCalledTimes(2)
    expect(document.getElementById('verify-error')).toBeNull()
  })

  describe('opened by scanning the QR in WeChat (扫普通链接二维码打开小程序: the link arrives as q)', () => {
    beforeEach(() => {
      process.env.TARO_ENV = 'weapp'
      api.activity.verifyCertificate.mockResolvedValue(VALID)
    })

    it('reads the serial out of the scanned link', async () => {
      __router.params = { q: encodeURIComponent(`https://tq.example.cn/v/${SERIAL}`), scancode_time: '1793500000' }
      renderWithSession(<VerifyPage />)
      await waitFor(() => expect(result()).toBe('valid'))
      expect(api.activity.verifyCertificate).toHaveBeenCalledWith({ serial: SERIAL })
    })

    it('reads a link encoded twice, or with a query after the serial', async () => {
      __router.params = { q: encodeURIComponent(encodeURIComponent(`https://tq.example.cn/v/${SERIAL}?from=camera`)) }
      renderWithSession(<VerifyPage />)
      await waitFor(() => expect(result()).toBe('valid'))
      expect(api.activity.verifyCertificate).toHaveBeenCalledWith({ serial: SERIAL })
    })

    it('treats a link without /v/<serial> as having no serial', async () => {
      __router.params = { q: encodeURIComponent('https://tq.example.cn/other') }
      renderWithSession(<VerifyPage />)
      await waitFor(() => expect(result()).toBe('no-serial'))
      expect(api.activity.verifyCertificate).not.toHaveBeenCalled()
    })
  })

  it.each([
    ['a newcomer who has not registered nor seen the privacy guide', () => api.user.me.mockResolvedValue(unregistered())],
    ['a browser visitor without any session', () => api.user.me.mockRejectedValue(new ApiError('AUTH.UNAUTHENTICATED'))],
  ])('opens for %s, inside the app, without sending them elsewhere', async (_l, session) => {
    session()
    __router.params = { serial: SERIAL }
    api.activity.verifyCertificate.mockResolvedValue(VALID)
    render(
      <App>
        <VerifyPage />
      </App>,
    )
    await waitFor(() => expect(api.user.me).toHaveBeenCalled())
    await waitFor(() => expect(result()).toBe('valid'))
    expect(textOf('verify-holder')).toBe('李*')
    for (const go of [Taro.redirectTo, Taro.navigateTo, Taro.reLaunch, Taro.switchTab]) expect(go).not.toHaveBeenCalled()
  })
})
