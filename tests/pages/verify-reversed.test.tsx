import { waitFor } from '@testing-library/react'
import { __router, __storage } from './__mocks__/taro'
import VerifyPage from '../../src/pages/verify'
import { api, me, renderWithSession } from './fixtures'
import { byId, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

/** The public check says plainly when hours on a printed certificate were reversed afterwards. */
const SERIAL = 'AB12-CD34-EF56'
const PRINTED = { valid: true as const, holderName: '李*', totalMinutes: 390, stars: 1, issuedAt: Date.UTC(2026, 10, 1, 2) }

beforeEach(() => {
  __storage.clear()
  __router.params = { serial: SERIAL }
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me())
})

describe('证明验真: reversed hours', () => {
  it('shows the printed total and the notice when hours on it were reversed', async () => {
    const notice = '注意：这份证明开具后，其中3小时的时长已被撤销审核，证明上的累计时长不再全部有效。'
    api.activity.verifyCertificate.mockResolvedValue({ ...PRINTED, reversedMinutes: 180, notice })
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(byId('verify-result').getAttribute('data-result')).toBe('valid'))
    expect(textOf('verify-total')).toBe('6.5 小时')
    expect(textOf('verify-reversed')).toBe(notice)
  })

  it('shows no notice when every hour on it still stands', async () => {
    api.activity.verifyCertificate.mockResolvedValue({ ...PRINTED, reversedMinutes: 0, notice: null })
    renderWithSession(<VerifyPage />)
    await waitFor(() => expect(byId('verify-result').getAttribute('data-result')).toBe('valid'))
    expect(document.getElementById('verify-reversed')).toBeNull()
  })
})
