import { waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MyRepPage from '../../src/packages/station/pages/my-rep'
import { ApiError } from '../../src/services/api'
import { ROUTES, withQuery } from '../../src/utils/routes'
import { ERRORS } from '../../types/errors'
import { api, me, renderWithSession } from './fixtures'
import { station } from './station-rep-fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const ZHAO = { userId: 'u-zhao', name: '赵敏', venueId: 's-sx', venueName: '书香之站', address: '锦纶街道文化路12号', hours: '周二至周六 9:00–17:00' }

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me())
})

describe('我的团代表', () => {
  it('shows each linked representative with the station where they can be found, and no mobile', async () => {
    station.myRepresentative.mockResolvedValue({ representatives: [ZHAO, { ...ZHAO, venueId: 's-hs', venueName: '红色之站', address: '', hours: '' }] })
    renderWithSession(<MyRepPage />)
    await waitFor(() => expect(byId('rep-u-zhao-s-sx')).toBeTruthy())
    expect(station.myRepresentative).toHaveBeenCalledWith({})
    expect(textOf('rep-u-zhao-s-sx')).toContain('赵敏')
    expect(textOf('rep-u-zhao-s-sx-venue')).toBe('派驻：书香之站')
    expect(textOf('rep-u-zhao-s-sx-address')).toBe('地址：锦纶街道文化路12号')
    expect(textOf('rep-u-zhao-s-sx-hours')).toBe('开放时间：周二至周六 9:00–17:00')
    // A station without address or hours shows no empty lines.
    expect(byId('rep-u-zhao-s-hs')).toBeTruthy()
    expect(document.getElementById('rep-u-zhao-s-hs-address')).toBeNull()
    expect(document.getElementById('rep-u-zhao-s-hs-hours')).toBeNull()
  })

  it('reaches the representative through the station: an opinion left there, or its page', async () => {
    station.myRepresentative.mockResolvedValue({ representatives: [ZHAO] })
    renderWithSession(<MyRepPage />)
    await waitFor(() => expect(byId('rep-u-zhao-s-sx-opinion')).toBeTruthy())
    tap('rep-u-zhao-s-sx-opinion')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: withQuery(ROUTES.stationOpinionNew, { venueId: 's-sx', venueName: '书香之站' }) })
    tap('rep-u-zhao-s-sx-station')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: withQuery(ROUTES.stationVenue, { venueId: 's-sx' }) })
  })

  it('says so when nobody is linked yet, and points to the stations nearby', async () => {
    station.myRepresentative.mockResolvedValue({ representatives: [] })
    renderWithSession(<MyRepPage />)
    await waitFor(() => expect(byId('my-rep-venues')).toBeTruthy())
    expect(textOf('my-rep-none')).toContain('还没有团代表联系您')
    tap('my-rep-venues')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.stationVenues })
  })

  it('shows why loading failed and loads again on 重试', async () => {
    station.myRepresentative.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue({ representatives: [ZHAO] })
    renderWithSession(<MyRepPage />)
    await waitFor(() => expect(textOf('my-rep-load-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('my-rep-retry')
    await waitFor(() => expect(byId('rep-u-zhao-s-sx')).toBeTruthy())
  })
})
