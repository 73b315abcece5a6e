import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import CheckinPage from '../../src/packages/youth/pages/checkin'
import { ApiError } from '../../src/services/api'
import { formatTime } from '../../src/utils/time'
import { api, me, renderWithSession } from './fixtures'
import { liveView, participation } from './activity-fixtures'
import { byId, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

beforeEach(() => {
  __storage.clear()
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me())
  api.activity.getActivity.mockResolvedValue({ activity: liveView(), mine: participation() })
})

describe('签到', () => {
  it('sends the typed code in the browser build and shows the server’s time', async () => {
    __router.params = { id: 'a1', mode: 'in' }
    const at = Date.now()
    api.activity.checkIn.mockResolvedValue({ participation: participation({ checkInAt: at, checkInMethod: 'code' }) })
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    expect(document.getElementById('checkin-scan')).toBeNull()
    type('checkin-code-input', '  a1.1234567.abcdef  ')
    tap('checkin-code-submit')
    await waitFor(() => expect(textOf('checkin-result-title')).toBe('签到成功'))
    expect(api.activity.checkIn).toHaveBeenCalledWith({ activityId: 'a1', code: 'a1.1234567.abcdef' })
    expect(textOf('checkin-result-time')).toBe(formatTime(at))
    expect(document.getElementById('checkin-result-flags')).toBeNull()
  })

  it('scans the board’s code with the camera in the mini program', async () => {
    process.env.TARO_ENV = 'weapp'
    __router.params = { id: 'a1', mode: 'in' }
    ;(Taro.scanCode as jest.Mock).mockResolvedValueOnce({ result: 'a1.1234567.abcdef' })
    api.activity.checkIn.mockResolvedValue({ participation: participation({ checkInAt: Date.now(), checkInMethod: 'code' }) })
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    tap('checkin-scan')
    await waitFor(() => expect(textOf('checkin-result-title')).toBe('签到成功'))
    expect(Taro.scanCode).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true }))
    expect(api.activity.checkIn).toHaveBeenCalledWith({ activityId: 'a1', code: 'a1.1234567.abcdef' })
  })

  it('takes the 6 digits shown beside the board’s QR when the camera cannot read it', async () => {
    process.env.TARO_ENV = 'weapp'
    __router.params = { id: 'a1', mode: 'in' }
    api.activity.checkIn.mockResolvedValue({ participation: participation({ checkInAt: Date.now(), checkInMethod: 'code' }) })
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    expect(document.getElementById('checkin-scan')).not.toBeNull()
    tap('checkin-code-submit')
    await waitFor(() => expect(textOf('checkin-error')).toBe('请输入大屏上二维码旁的6位数字。'))
    expect(api.activity.checkIn).not.toHaveBeenCalled()
    type('checkin-code-input', ' 042 917 ')
    tap('checkin-code-submit')
    await waitFor(() => expect(textOf('checkin-result-title')).toBe('签到成功'))
    expect(api.activity.checkIn).toHaveBeenCalledWith({ activityId: 'a1', code: '042917' })
  })

  it('sends the GCJ-02 position with its accuracy and explains a flag kindly', async () => {
    process.env.TARO_ENV = 'weapp'
    __router.params = { id: 'a1', mode: 'in' }
    ;(Taro.getLocation as jest.Mock).mockResolvedValueOnce({ latitude: 35.5, longitude: 112.43, accuracy: 35.4 })
    api.activity.checkIn.mockResolvedValue({ participation: participation({ checkInAt: Date.now(), checkInMethod: 'geo', flags: ['outside_fence'], review: 'pending' }) })
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    tap('checkin-locate')
    await waitFor(() => expect(textOf('checkin-result-title')).toBe('签到成功'))
    expect(Taro.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }))
    expect(api.activity.checkIn).toHaveBeenCalledWith({ activityId: 'a1', location: { lat: 35.5, lng: 112.43, accuracy: 35 } })
    expect(textOf('checkin-result-flags')).toContain('签到位置在范围外')
    expect(textOf('checkin-result-flags')).toContain('将由组织者审核确认')
  })

  it('explains a refused location permission and sends nothing', async () => {
    __router.params = { id: 'a1', mode: 'in' }
    ;(Taro.getLocation as jest.Mock).mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' })
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    tap('checkin-locate')
    await waitFor(() => expect(textOf('checkin-error')).toMatch(/没有获得位置权限/))
    expect(api.activity.checkIn).not.toHaveBeenCalled()
  })

  it('shows the server’s refusal in Chinese', async () => {
    __router.params = { id: 'a1', mode: 'in' }
    api.activity.checkIn.mockRejectedValue(new ApiError('CHECKIN.BAD_CODE'))
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    type('checkin-code-input', 'a1.1.old')
    tap('checkin-code-submit')
    await waitFor(() => expect(textOf('checkin-error')).toBe(ERRORS['CHECKIN.BAD_CODE']))
  })

  it('shows the recorded check-in when the server says it is already there (a lost reply retried)', async () => {
    __router.params = { id: 'a1', mode: 'in' }
    const at = Date.now() - 60_000
    api.activity.checkIn.mockRejectedValue(new ApiError('CHECKIN.ALREADY'))
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    api.activity.getActivity.mockResolvedValue({ activity: liveView(), mine: participation({ checkInAt: at, checkInMethod: 'code' }) })
    type('checkin-code-input', 'a1.1234567.abcdef')
    tap('checkin-code-submit')
    await waitFor(() => expect(textOf('checkin-result-title')).toBe('签到成功'))
    expect(textOf('checkin-result-time')).toBe(formatTime(at))
    expect(document.getElementById('checkin-error')?.textContent ?? '').toBe('')
  })

  it('still says 已签到 as an error when the record cannot be read back', async () => {
    __router.params = { id: 'a1', mode: 'in' }
    api.activity.checkIn.mockRejectedValue(new ApiError('CHECKIN.ALREADY'))
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    api.activity.getActivity.mockRejectedValue(new ApiError('GENERIC.NETWORK'))
    type('checkin-code-input', 'a1.1234567.abcdef')
    tap('checkin-code-submit')
    await waitFor(() => expect(textOf('checkin-error')).toBe(ERRORS['CHECKIN.ALREADY']))
  })

  it('checks out and names the minutes and a short stay', async () => {
    __router.params = { id: 'a1', mode: 'out' }
    api.activity.checkOut.mockResolvedValue({
      participation: participation({ checkInAt: Date.now() - 3_600_000, checkOutAt: Date.now(), checkInMethod: 'geo', minutes: 0, flags: ['short_attendance'], review: 'pending' }),
    })
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    type('checkin-code-input', 'a1.1234567.abcdef')
    tap('checkin-code-submit')
    await waitFor(() => expect(textOf('checkin-result-title')).toBe('签退成功'))
    expect(api.activity.checkOut).toHaveBeenCalledWith({ activityId: 'a1', code: 'a1.1234567.abcdef' })
    expect(api.activity.checkIn).not.toHaveBeenCalled()
    expect(textOf('checkin-result-minutes')).toMatch(/在场时间不足/)
    expect(textOf('checkin-result-flags')).toContain('在场时间不足')
  })

  it('offers only the ways the activity allows', async () => {
    __router.params = { id: 'a1', mode: 'in' }
    api.activity.getActivity.mockResolvedValue({ activity: liveView({ checkInModes: ['geo'] }), mine: participation() })
    renderWithSession(<CheckinPage />)
    await screen.findByText('东街社区环境整治')
    expect(document.getElementById('checkin-by-code')).toBeNull()
    expect(document.getElementById('checkin-by-scan')).toBeNull()
    expect(byId('checkin-by-geo').textContent).toContain('300米范围内')
  })
})
