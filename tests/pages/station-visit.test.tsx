import { act, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router } from './__mocks__/taro'
import VisitPage from '../../src/packages/station/pages/visit'
import DoorPage from '../../src/packages/station/pages/door'
import { ApiError } from '../../src/services/api'
import { ERRORS } from '../../types/errors'
import { api, me, renderWithSession } from './fixtures'
import { page, post, station, visit } from './station-rep-fixtures'
import { byId, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/components/qr-code', () => require('./mock-modules').qrCodeModule())

const DOOR = 's-jl.1a2b3c.0123456789ab'

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  __router.params = {}
  api.user.me.mockResolvedValue(me())
  station.myPosts.mockResolvedValue({ posts: [post()] })
  station.myVisits.mockResolvedValue(page([visit()]))
})

afterEach(() => {
  jest.useRealTimers()
})

describe('进站签到', () => {
  it('scans the door’s code in the mini program and shows the visit running', async () => {
    process.env.TARO_ENV = 'weapp'
    const startedAt = Date.now() - 25 * 60_000
    ;(Taro.scanCode as jest.Mock).mockResolvedValueOnce({ result: DOOR })
    station.checkInVisit.mockResolvedValue({ visit: visit({ id: 'v-2', startedAt, endedAt: null, minutes: null }), resumed: false })
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(byId('visit-v-1').textContent).toContain('1小时30分'))
    tap('visit-scan')
    await waitFor(() => expect(textOf('visit-open-venue')).toBe('锦纶分站'))
    expect(Taro.scanCode).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true }))
    expect(station.checkInVisit).toHaveBeenCalledWith({ code: DOOR })
    expect(textOf('visit-open-duration')).toBe('已接待 25分钟')
    expect(textOf('visit-notice')).toBe('已进站「锦纶分站」，开始接待。')
    expect(document.getElementById('visit-by-digits')).toBeNull()
  })

  it('says nothing when the scan is cancelled and explains an unreadable code', async () => {
    process.env.TARO_ENV = 'weapp'
    ;(Taro.scanCode as jest.Mock).mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' }).mockResolvedValueOnce({ result: '' })
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(byId('visit-scan')).toBeTruthy())
    tap('visit-scan')
    await waitFor(() => expect(Taro.scanCode).toHaveBeenCalledTimes(1))
    expect(textOf('visit-error')).toBeNull()
    tap('visit-scan')
    await waitFor(() => expect(textOf('visit-error')).toBe('没有识别到二维码，请对准联络站门口屏幕上的进站码再试。'))
    expect(station.checkInVisit).not.toHaveBeenCalled()
  })

  it('sends the 6 digits with the station the page was opened for, and refuses fewer digits itself', async () => {
    __router.params = { venueId: 's-xj' }
    station.myPosts.mockResolvedValue({
      posts: [post(), post({ id: 'p-zhao-xj', venueId: 's-xj', venueName: '红色之站' }), post({ id: 'p-old', venueId: 's-old', venueName: '旧站', active: false })],
    })
    station.checkInVisit.mockResolvedValue({ visit: visit({ venueId: 's-xj', venueName: '红色之站', endedAt: null, minutes: null, startedAt: Date.now() }), resumed: false })
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(byId('visit-station-s-xj')).toBeTruthy())
    expect(document.getElementById('visit-scan')).toBeNull()
    expect(document.getElementById('visit-station-s-old')).toBeNull()
    type('visit-code-input', '1234')
    tap('visit-code-submit')
    await waitFor(() => expect(textOf('visit-error')).toBe('请输入6位数字签到码'))
    expect(station.checkInVisit).not.toHaveBeenCalled()
    type('visit-code-input', ' 042 917 ')
    tap('visit-code-submit')
    await waitFor(() => expect(textOf('visit-open-venue')).toBe('红色之站'))
    expect(station.checkInVisit).toHaveBeenCalledWith({ venueId: 's-xj', shortCode: '042917' })
  })

  it('sends the digits for another station once it is chosen', async () => {
    station.myPosts.mockResolvedValue({ posts: [post(), post({ id: 'p-zhao-xj', venueId: 's-xj', venueName: '红色之站' })] })
    station.checkInVisit.mockRejectedValue(new ApiError('STATION.BAD_DOOR_CODE'))
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(byId('visit-station-s-xj')).toBeTruthy())
    tap('visit-station-s-xj')
    type('visit-code-input', '042917')
    tap('visit-code-submit')
    await waitFor(() => expect(textOf('visit-error')).toBe(ERRORS['STATION.BAD_DOOR_CODE']))
    expect(station.checkInVisit).toHaveBeenCalledWith({ venueId: 's-xj', shortCode: '042917' })
  })

  it('shows 未派驻 plainly when the server refuses the station', async () => {
    station.checkInVisit.mockRejectedValue(new ApiError('STATION.NOT_POSTED'))
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(byId('visit-code-input')).toBeTruthy())
    type('visit-code-input', '042917')
    tap('visit-code-submit')
    await waitFor(() => expect(textOf('visit-error')).toBe(ERRORS['STATION.NOT_POSTED']))
    expect(document.getElementById('visit-open')).toBeNull()
  })

  it('takes the whole door code pasted in the browser build', async () => {
    station.checkInVisit.mockResolvedValue({ visit: visit({ endedAt: null, minutes: null, startedAt: Date.now() }), resumed: true })
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(byId('visit-code-input')).toBeTruthy())
    type('visit-code-input', `  ${DOOR} `)
    tap('visit-code-submit')
    await waitFor(() => expect(textOf('visit-notice')).toBe('您已在「锦纶分站」进站，接着计时。'))
    expect(station.checkInVisit).toHaveBeenCalledWith({ code: DOOR })
  })

  it('ends the open visit from the list and says how long it was', async () => {
    const open = visit({ id: 'v-open', startedAt: Date.now() - 40 * 60_000, endedAt: null, minutes: null })
    station.myVisits.mockResolvedValue(page([open, visit()]))
    station.checkOutVisit.mockResolvedValue({ visit: { ...open, endedAt: Date.now(), minutes: 40 } })
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(textOf('visit-open-duration')).toBe('已接待 40分钟'))
    station.myVisits.mockResolvedValue(page([{ ...open, endedAt: Date.now(), minutes: 40 }, visit()]))
    tap('visit-end')
    await waitFor(() => expect(textOf('visit-notice')).toBe('已结束在「锦纶分站」的接待，本次 40分钟。'))
    expect(station.checkOutVisit).toHaveBeenCalledWith({ visitId: 'v-open' })
    expect(document.getElementById('visit-open')).toBeNull()
    expect(byId('visit-code-input')).toBeTruthy()
  })

  it('reloads the list when the visit was already ended elsewhere', async () => {
    const open = visit({ id: 'v-open', startedAt: Date.now() - 60_000, endedAt: null, minutes: null })
    station.myVisits.mockResolvedValue(page([open]))
    station.checkOutVisit.mockRejectedValue(new ApiError('STATION.VISIT_ENDED'))
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(byId('visit-end')).toBeTruthy())
    station.myVisits.mockResolvedValue(page([{ ...open, endedAt: Date.now(), minutes: 240, autoEnded: true }]))
    tap('visit-end')
    await waitFor(() => expect(textOf('visit-error')).toBe(ERRORS['STATION.VISIT_ENDED']))
    await waitFor(() => expect(byId('visit-v-open').textContent).toContain('已由系统结束'))
    expect(document.getElementById('visit-open')).toBeNull()
  })

  it('offers no form to someone with no post in office', async () => {
    station.myPosts.mockResolvedValue({ posts: [post({ active: false })] })
    station.myVisits.mockResolvedValue(page([]))
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(byId('visit-not-posted')).toBeTruthy())
    expect(document.getElementById('visit-code-input')).toBeNull()
  })

  it('retries the posts when they fail to load', async () => {
    station.myPosts.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue({ posts: [post()] })
    renderWithSession(<VisitPage />)
    await waitFor(() => expect(textOf('visit-load-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('visit-retry')
    await waitFor(() => expect(byId('visit-code-input')).toBeTruthy())
  })
})

describe('进站码', () => {
  it('draws the code and the digits, keeps the screen on, and fetches the next code before this one expires', async () => {
    jest.useFakeTimers()
    __router.params = { venueId: 's-jl' }
    const first = Date.now()
    station.doorCode
      .mockResolvedValueOnce({ code: DOOR, shortCode: '042917', expiresAt: first + 20_000, venueName: '锦纶分站' })
      .mockResolvedValue({ code: 's-jl.1a2b3d.ba9876543210', shortCode: '381605', expiresAt: first + 50_000, venueName: '锦纶分站' })
    renderWithSession(<DoorPage />)
    await waitFor(() => expect(textOf('door-short-code')).toBe('042 917'))
    expect(station.doorCode).toHaveBeenCalledWith({ venueId: 's-jl' })
    expect(byId('door-qr').getAttribute('data-value')).toBe(DOOR)
    expect(textOf('door-venue')).toBe('锦纶分站')
    expect(Taro.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true })
    expect(textOf('door-countdown')).toBe('20 秒后更换')
    await act(async () => {
      jest.advanceTimersByTime(17_000)
    })
    expect(station.doorCode).toHaveBeenCalledTimes(1)
    await act(async () => {
      jest.advanceTimersByTime(2_000)
    })
    await waitFor(() => expect(textOf('door-short-code')).toBe('381 605'))
    expect(byId('door-qr').getAttribute('data-value')).toBe('s-jl.1a2b3d.ba9876543210')
  })

  it('keeps trying through a network failure', async () => {
    jest.useFakeTimers()
    __router.params = { venueId: 's-jl' }
    station.doorCode.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue({ code: DOOR, shortCode: '042917', expiresAt: Date.now() + 30_000, venueName: '锦纶分站' })
    renderWithSession(<DoorPage />)
    await waitFor(() => expect(textOf('door-error')).toBe(`${ERRORS['GENERIC.NETWORK']}（每5秒自动重试）`))
    await act(async () => {
      jest.advanceTimersByTime(5_000)
    })
    await waitFor(() => expect(textOf('door-short-code')).toBe('042 917'))
    expect(textOf('door-error')).toBeNull()
  })

  it.each([
    ['the caller may not show this station’s code', new ApiError('AUTH.FORBIDDEN'), ERRORS['AUTH.FORBIDDEN']],
    ['the station is closed', new ApiError('VENUE.CLOSED', '这个联络站已停用。'), '这个联络站已停用。'],
  ])('stops asking when %s', async (_why, refusal, said) => {
    jest.useFakeTimers()
    __router.params = { venueId: 's-jl' }
    station.doorCode.mockRejectedValue(refusal)
    renderWithSession(<DoorPage />)
    await waitFor(() => expect(textOf('door-error')).toBe(said))
    await act(async () => {
      jest.advanceTimersByTime(30_000)
    })
    expect(station.doorCode).toHaveBeenCalledTimes(1)
    expect(document.getElementById('door-qr')).toBeNull()
    tap('door-retry')
    await waitFor(() => expect(station.doorCode).toHaveBeenCalledTimes(2))
  })
})
