import { waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router } from './__mocks__/taro'
import DonorCertificatePage from '../../src/packages/donor/pages/certificate'
import VerifyPage from '../../src/pages/verify'
import { ApiError } from '../../src/services/api'
import type { DonorCertificateT } from '../../types/contract/donors'
import type { Ctx2D } from '../../src/utils/certificate-image'
import { drawDonorCard, storyLines, CARD_STORY_LINES } from '../../src/utils/donor-card-image'
import { drawDonorCertificate, donorCertificateSentence } from '../../src/utils/donor-certificate-image'
import { yuanText } from '../../src/utils/donor-figures'
import { boardOrgFromLink, donorBoardLink } from '../../src/utils/donor-links'
import { api, me, role, renderWithSession } from './fixtures'
import { byId, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/components/qr-code', () => require('./mock-modules').qrCodeModule())

/** 爱心证书: the cadre's page that issues it, its picture, and its public check on the verification page. */

const SERIAL = 'U7KQ-2M4P-X9ZA'
const CERT: DonorCertificateT = {
  serial: SERIAL,
  donorName: '阳城县爱心粮油有限公司',
  orgName: '共青团阳城县委',
  figures: { goods: 2, givenUnits: 15, givenValue: 55000, redeemedUnits: 5, redeemedValue: 19000, volunteers: 3 },
  issuedAt: Date.UTC(2026, 10, 28, 2),
}

const cadre = () => me({ roles: [role({ role: 'cadre', orgId: 'yc-rc' })] })

beforeEach(() => {
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
})

describe('爱心证书 page (cadres)', () => {
  it('issues the certificate once asked, and shows its serial, words, figures, issuer, date and QR', async () => {
    __router.params = { donorId: 'd1', name: '阳城县爱心粮油有限公司' }
    api.points.issueDonorCertificate.mockResolvedValue({ certificate: CERT })
    renderWithSession(<DonorCertificatePage />)
    await waitFor(() => expect(document.getElementById('donor-cert-issue')).toBeTruthy())
    expect(textOf('donor-cert-intro')).toContain('为「阳城县爱心粮油有限公司」出具爱心证书')
    expect(api.points.issueDonorCertificate).not.toHaveBeenCalled()
    tap('donor-cert-issue')
    await waitFor(() => expect(document.getElementById('donor-cert-card')).toBeTruthy())
    const [call] = api.points.issueDonorCertificate.mock.calls[0]
    expect(call).toEqual({ donorId: 'd1', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    expect(textOf('donor-cert-serial')).toBe(`编号 ${SERIAL}`)
    expect(textOf('donor-cert-sentence')).toBe(donorCertificateSentence(CERT))
    expect(textOf('donor-cert-sentence')).toContain('捐赠爱心物资 15 件，价值 550元')
    expect(textOf('donor-cert-sentence')).toContain('已有 3 名志愿者用志愿服务兑换其中 5 件')
    expect(textOf('donor-cert-rows')).toContain('190元')
    expect(textOf('donor-cert-issuer')).toBe('共青团阳城县委')
    expect(textOf('donor-cert-issued')).toBe('发证日期 2026年11月28日')
    expect(byId('donor-cert-qr').getAttribute('data-value')).toBe(`${window.location.origin}/v/${SERIAL}`)
  })

  it('retries with the same request key after a failure, so a lost reply never prints two', async () => {
    __router.params = { donorId: 'd1' }
    api.points.issueDonorCertificate.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce({ certificate: CERT })
    renderWithSession(<DonorCertificatePage />)
    await waitFor(() => expect(document.getElementById('donor-cert-issue')).toBeTruthy())
    tap('donor-cert-issue')
    await waitFor(() => expect(textOf('donor-cert-error')).toBe('网络不太好，请检查网络后再试。'))
    tap('donor-cert-issue')
    await waitFor(() => expect(document.getElementById('donor-cert-card')).toBeTruthy())
    const [first, second] = api.points.issueDonorCertificate.mock.calls.map((c) => c[0].requestId)
    expect(second).toBe(first)
  })

  it('says why a donor cannot have one yet', async () => {
    __router.params = { donorId: 'd-draft' }
    api.points.issueDonorCertificate.mockRejectedValue(new ApiError('DONOR.NOTHING_GIVEN'))
    renderWithSession(<DonorCertificatePage />)
    await waitFor(() => expect(document.getElementById('donor-cert-issue')).toBeTruthy())
    tap('donor-cert-issue')
    await waitFor(() => expect(textOf('donor-cert-error')).toBe('这家爱心企业还没有上架过捐赠物资，暂不能出具爱心证书。'))
  })

  it('is for cadres and admins only', async () => {
    api.user.me.mockResolvedValue(me())
    __router.params = { donorId: 'd1' }
    renderWithSession(<DonorCertificatePage />)
    await waitFor(() => expect(document.getElementById('forbidden')).toBeTruthy())
    expect(document.getElementById('donor-cert-issue')).toBeNull()
  })

  it('shows an issued certificate again by its serial', async () => {
    __router.params = { serial: SERIAL.toLowerCase() }
    api.points.verifyDonorCertificate.mockResolvedValue({ valid: true, ...CERT })
    renderWithSession(<DonorCertificatePage />)
    await waitFor(() => expect(textOf('donor-cert-serial')).toBe(`编号 ${SERIAL}`))
    expect(api.points.verifyDonorCertificate).toHaveBeenCalledWith({ serial: SERIAL })
    expect(api.points.issueDonorCertificate).not.toHaveBeenCalled()
  })

  it('saves the certificate’s picture in the mini program', async () => {
    process.env.TARO_ENV = 'weapp'
    const texts: string[] = []
    const node = { width: 0, height: 0, getContext: () => recorder(texts) }
    const q = { select: () => q, fields: () => q, exec: (cb: (r: unknown[]) => void) => cb([{ node }]) }
    const query = jest.spyOn(Taro, 'createSelectorQuery').mockReturnValue(q as unknown as ReturnType<typeof Taro.createSelectorQuery>)
    try {
      __router.params = { serial: SERIAL }
      api.points.verifyDonorCertificate.mockResolvedValue({ valid: true, ...CERT })
      renderWithSession(<DonorCertificatePage />)
      await waitFor(() => expect(document.getElementById('donor-cert-picture')).toBeTruthy())
      tap('donor-cert-picture')
      await waitFor(() => expect(Taro.showShareImageMenu).toHaveBeenCalled())
      expect(texts).toEqual(expect.arrayContaining(['爱心证书', `编号 ${SERIAL}`, '扫码验真', '发证日期 2026年11月28日']))
    } finally {
      query.mockRestore()
    }
  })
})

describe('爱心证书 on the verification page (public)', () => {
  it('checks a U-serial with the donor check and shows what was printed', async () => {
    api.user.me.mockRejectedValue(new ApiError('AUTH.UNAUTHENTICATED'))
    __router.params = { serial: SERIAL }
    api.points.verifyDonorCertificate.mockResolvedValue({ valid: true, ...CERT })
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(byId('verify-result').getAttribute('data-kind')).toBe('donor'))
    expect(api.points.verifyDonorCertificate).toHaveBeenCalledWith({ serial: SERIAL })
    expect(api.activity.verifyCertificate).not.toHaveBeenCalled()
    expect(textOf('verify-status')).toContain('爱心证书有效')
    expect(textOf('verify-donor')).toBe('阳城县爱心粮油有限公司')
    expect(textOf('verify-given')).toBe('15 件，价值 550元')
    expect(textOf('verify-redeemed')).toBe('5 件，价值 190元')
    expect(textOf('verify-volunteers')).toBe('3 名')
    expect(textOf('verify-issuer')).toBe('共青团阳城县委')
    expect(textOf('verify-issued')).toBe('2026年11月28日')
    expect(document.querySelector('.tq-page__title')?.textContent).toBe('爱心证书验真')
  })

  it('refuses a serial nobody issued, then checks one typed off the paper', async () => {
    __router.params = { q: encodeURIComponent('https://tq.example.cn/v/U000-0000-0000') }
    api.points.verifyDonorCertificate.mockRejectedValueOnce(new ApiError('CERT.NOT_FOUND')).mockResolvedValue({ valid: true, ...CERT })
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(byId('verify-result').getAttribute('data-result')).toBe('not-found'))
    type('verify-serial-input', SERIAL.toLowerCase())
    tap('verify-submit')
    await waitFor(() => expect(byId('verify-result').getAttribute('data-kind')).toBe('donor'))
    expect(api.points.verifyDonorCertificate).toHaveBeenLastCalledWith({ serial: SERIAL })
  })

  it('sends a scanned board link on to the board', async () => {
    __router.params = { q: encodeURIComponent('https://tq.example.cn/v/#/pages/donors/index?orgId=yc') }
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/donors/index?orgId=yc' }))
    expect(api.activity.verifyCertificate).not.toHaveBeenCalled()
  })
})

/** A Canvas 2D stand-in that records the text (one character ≈ its font size wide). */
function recorder(texts: string[]): Ctx2D & { scale: () => void } {
  let size = 16
  return {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    textAlign: 'left',
    textBaseline: 'alphabetic',
    get font() {
      return `${size}px sans-serif`
    },
    set font(f: string) {
      size = Number(/(\d+)px/.exec(f)?.[1] ?? 16)
    },
    fillRect: () => undefined,
    strokeRect: () => undefined,
    fillText: (t: string) => void texts.push(t),
    measureText: (t: string) => ({ width: Array.from(t).length * size }),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    stroke: () => undefined,
    save: () => undefined,
    restore: () => undefined,
    translate: () => undefined,
    scale: () => undefined,
  }
}

describe('pictures and words', () => {
  it('draws the certificate with its figures and a QR of the verification link', () => {
    const texts: string[] = []
    drawDonorCertificate(recorder(texts), CERT)
    const all = texts.join('')
    for (const s of ['爱心证书', `编号 ${SERIAL}`, '阳城县爱心粮油有限公司', '15 件', '550元', '5 件', '190元', '3 名', '共青团阳城县委', '发证日期 2026年11月28日', '扫码验真']) expect(all).toContain(s)
  })

  it('keeps a long story on the thank-you card to a few lines, ending with …', () => {
    const ctx = recorder([])
    ctx.font = '10px sans-serif'
    const lines = storyLines(ctx, '一'.repeat(200), 100)
    expect(lines).toHaveLength(CARD_STORY_LINES)
    expect(lines[CARD_STORY_LINES - 1].endsWith('…')).toBe(true)
    expect(storyLines(ctx, '短', 100)).toEqual(['短'])
    const texts: string[] = []
    drawDonorCard(recorder(texts), { countyName: '共青团阳城县委', donor: { name: '阳城文具批发部', story: '一'.repeat(500) }, figures: CERT.figures, link: '' })
    expect(texts.filter((t) => t.startsWith('一'))).toHaveLength(CARD_STORY_LINES)
    expect(texts).not.toContain('扫码看爱心企业榜') // no public address known: no QR
  })

  it('says yuan as people read them', () => {
    expect(yuanText(0)).toBe('0元')
    expect(yuanText(4500)).toBe('45元')
    expect(yuanText(12345)).toBe('123.45元')
    expect(yuanText(12340)).toBe('123.4元')
    expect(yuanText(3_000_000)).toBe('3万元')
    expect(yuanText(3_456_700)).toBe('3.46万元')
  })

  it('makes the board link and reads it back, encoded or not', () => {
    const link = donorBoardLink('yc', 'https://tq.example.cn')
    expect(link).toBe('https://tq.example.cn/v/#/pages/donors/index?orgId=yc')
    expect(boardOrgFromLink(link)).toBe('yc')
    expect(boardOrgFromLink(encodeURIComponent(encodeURIComponent(link)))).toBe('yc')
    expect(boardOrgFromLink('https://tq.example.cn/v/AB12-CD34-EF56')).toBe('')
    expect(boardOrgFromLink('https://tq.example.cn/v/#/pages/donors/index?orgId=yc/../x')).toBe('')
    expect(donorBoardLink('yc', '')).toBe('')
  })
})
