import { act, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks, __router, __storage } from './__mocks__/taro'
import DonorsPage from '../../src/packages/cadre/pages/donors'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import type { CheckedDonorCertificateT } from '../../types/contract/donors'
import { ERRORS } from '../../types/errors'
import { api, me, orgTreeAnswer, renderWithSession, role } from './fixtures'
import { donor } from './goods-fixtures'
import { tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

/** 爱心企业 (src/packages/cadre/pages/donors): each donor's issued 爱心证书, opened on demand, each opening its certificate. */

const cert = (serial: string, over: Partial<CheckedDonorCertificateT> = {}): CheckedDonorCertificateT => ({
  valid: true,
  serial,
  donorName: '阳城县爱心粮油有限公司',
  orgName: '城关镇团委',
  figures: { goods: 2, givenUnits: 15, givenValue: 55000, redeemedUnits: 5, redeemedValue: 19000, volunteers: 3 },
  issuedAt: Date.parse('2026-11-28T10:00:00+08:00'),
  ...over,
})
const NEWER = 'U7KQ-2M4P-X9ZA'
const OLDER = 'U3AB-CD45-EF67'

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] }))
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
  api.points.listDonors.mockResolvedValue({ items: [donor(), donor({ id: 'd2', name: '城关镇爱心超市' })], nextCursor: null })
})

async function openPage() {
  renderWithSession(<DonorsPage />)
  expect(await screen.findByText('阳城县爱心粮油有限公司')).toBeTruthy()
}

describe('cadre: a donor’s 爱心证书', () => {
  it('lists a donor’s certificates once asked — serial, date, issuer — and a tap opens the certificate', async () => {
    api.points.donorCertificates.mockResolvedValue({
      items: [cert(NEWER), cert(OLDER, { orgName: '共青团阳城县委', issuedAt: Date.parse('2026-03-05T09:00:00+08:00') })],
      nextCursor: null,
    })
    await openPage()
    // Not asked for every donor listed: only for the one opened.
    expect(api.points.donorCertificates).not.toHaveBeenCalled()
    expect(textOf('donor-certs-toggle-d1')).toBe('已出具的证书')
    tap('donor-certs-toggle-d1')
    await waitFor(() => expect(document.getElementById(`donor-cert-item-${NEWER}`)).toBeTruthy())
    expect(api.points.donorCertificates).toHaveBeenCalledTimes(1)
    expect(api.points.donorCertificates).toHaveBeenCalledWith({ donorId: 'd1', cursor: undefined })
    expect(textOf(`donor-cert-item-${NEWER}`)).toBe(`编号 ${NEWER}2026年11月28日 · 城关镇团委出具 · 有效`)
    expect(textOf(`donor-cert-item-${OLDER}`)).toBe(`编号 ${OLDER}2026年3月5日 · 共青团阳城县委出具 · 有效`)
    // Newest first, as answered.
    const shown = Array.from(document.querySelectorAll('#donor-certs-d1 .tq-donors__cert'), (n) => n.id)
    expect(shown).toEqual([`donor-cert-item-${NEWER}`, `donor-cert-item-${OLDER}`])
    // The other donor's list stays closed.
    expect(document.getElementById('donor-certs-d2')).toBeNull()

    tap(`donor-cert-item-${OLDER}`)
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.donorCertificate}?serial=${OLDER}` })

    tap('donor-certs-toggle-d1')
    expect(document.getElementById('donor-certs-d1')).toBeNull()
    expect(textOf('donor-certs-toggle-d1')).toBe('已出具的证书')
  })

  it('says when none was issued yet, and still issues one from the row', async () => {
    api.points.donorCertificates.mockResolvedValue({ items: [], nextCursor: null })
    await openPage()
    tap('donor-certs-toggle-d2')
    await waitFor(() => expect(textOf('donor-certs-d2')).toBe('还没有出具过爱心证书'))
    expect(api.points.donorCertificates).toHaveBeenCalledWith({ donorId: 'd2', cursor: undefined })
    tap('donor-cert-d2')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.donorCertificate}?donorId=d2&name=${encodeURIComponent('城关镇爱心超市')}` })
  })

  it('loads more certificates by cursor', async () => {
    api.points.donorCertificates.mockResolvedValueOnce({ items: [cert(NEWER)], nextCursor: 'c1' }).mockResolvedValueOnce({ items: [cert(OLDER)], nextCursor: null })
    await openPage()
    tap('donor-certs-toggle-d1')
    await waitFor(() => expect(textOf('donor-certs-more-d1')).toBe('更多证书'))
    tap('donor-certs-more-d1')
    await waitFor(() => expect(document.getElementById(`donor-cert-item-${OLDER}`)).toBeTruthy())
    expect(api.points.donorCertificates).toHaveBeenLastCalledWith({ donorId: 'd1', cursor: 'c1' })
    expect(document.getElementById(`donor-cert-item-${NEWER}`)).toBeTruthy()
    expect(document.getElementById('donor-certs-more-d1')).toBeNull()
  })

  it('says why the list failed and asks again on 重试', async () => {
    api.points.donorCertificates.mockRejectedValueOnce(new ApiError('AUTH.FORBIDDEN')).mockResolvedValueOnce({ items: [cert(NEWER)], nextCursor: null })
    await openPage()
    tap('donor-certs-toggle-d1')
    await waitFor(() => expect(textOf('donor-certs-error-d1')).toBe(ERRORS['AUTH.FORBIDDEN']))
    expect(textOf('donor-certs-more-d1')).toBe('重试')
    tap('donor-certs-more-d1')
    await waitFor(() => expect(document.getElementById(`donor-cert-item-${NEWER}`)).toBeTruthy())
    expect(document.getElementById('donor-certs-error-d1')?.textContent ?? '').toBe('')
  })

  it('asks again when the page is shown again, so a certificate just issued is on the list', async () => {
    api.points.donorCertificates.mockResolvedValueOnce({ items: [cert(OLDER)], nextCursor: null }).mockResolvedValueOnce({ items: [cert(NEWER), cert(OLDER)], nextCursor: null })
    await openPage()
    tap('donor-certs-toggle-d1')
    await waitFor(() => expect(document.getElementById(`donor-cert-item-${OLDER}`)).toBeTruthy())
    act(() => void __pageHooks.didShow?.()) // the page's first show
    act(() => void __pageHooks.didShow?.()) // back from the certificate page
    await waitFor(() => expect(document.getElementById(`donor-cert-item-${NEWER}`)).toBeTruthy())
    expect(api.points.donorCertificates).toHaveBeenCalledTimes(2)
  })
})
