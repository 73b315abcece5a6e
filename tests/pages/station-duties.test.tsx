import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router } from './__mocks__/taro'
import DutiesPage from '../../src/packages/station/pages/duties'
import LinkedPage from '../../src/packages/station/pages/linked'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { todayInShanghai } from '../../src/utils/time'
import { ERRORS } from '../../types/errors'
import { api, me, profile, renderWithSession } from './fixtures'
import { T0, dutyYear, page, station } from './station-rep-fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const thisYear = Number(todayInShanghai().slice(0, 4))

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  __router.params = {}
  api.user.me.mockResolvedValue(me())
})

describe('我的履职', () => {
  it('asks for this year and shows each duty against its minimum, with what is still short', async () => {
    station.myDuties.mockResolvedValue({
      duties: [dutyYear({ year: thisYear })],
      items: [
        { activityId: 'a-talk', title: '青年就业政策宣讲', dutyType: 'talk', venueId: 's-jl', venueName: '锦纶分站', at: T0, how: 'host' },
        { activityId: 'a-forum', title: '返乡青年座谈会', dutyType: 'forum', venueId: 's-jl', venueName: '锦纶分站', at: T0, how: 'attended' },
      ],
    })
    renderWithSession(<DutiesPage />)
    await waitFor(() => expect(byId('duty-0')).toBeTruthy())
    expect(station.myDuties).toHaveBeenCalledWith({ year: thisYear })
    expect(byId('duty-0').textContent).toContain('委员 · 锦纶分站')
    expect(textOf('duty-0-counts-talk')).toContain('1/1')
    expect(textOf('duty-0-counts-talk')).toContain('✓')
    expect(textOf('duty-0-counts-survey')).toContain('0/1')
    expect(textOf('duty-0-counts-survey')).toContain('还差1')
    expect(textOf('duty-0-counts-forum')).toContain('不作要求')
    expect(byId('duty-0-counts-survey').className).toContain('short')
    expect(byId('duty-0-counts-talk').className).not.toContain('short')
    expect(textOf('duty-0-missing')).toBe('今年还差：调研、服务')
    expect(textOf('duty-0-visits')).toBe('进站接待 3 次，共 2小时30分')
    expect(textOf('duty-item-a-talk')).toContain('主讲')
    expect(textOf('duty-item-a-talk')).toContain('宣讲 · 锦纶分站 · 2026年11月20日')
    expect(textOf('duty-item-a-forum')).toContain('参加')
  })

  it('says the year is done once nothing is missing, and asks again for another year', async () => {
    station.myDuties.mockResolvedValue({ duties: [dutyYear({ counts: { talk: 2, survey: 1, service: 1, forum: 0 }, missing: [], visits: 0, visitMinutes: 0 })], items: [] })
    renderWithSession(<DutiesPage />)
    await waitFor(() => expect(textOf('duty-0-missing')).toBe('今年的履职要求已全部完成 ✓'))
    expect(textOf('duty-0-visits')).toBe('今年还没有进站接待记录')
    expect(byId('duties-items-empty')).toBeTruthy()
    tap(`duties-year-${thisYear - 1}`)
    await waitFor(() => expect(station.myDuties).toHaveBeenLastCalledWith({ year: thisYear - 1 }))
  })

  it('says plainly when the caller holds no post that year', async () => {
    station.myDuties.mockResolvedValue({ duties: [], items: [] })
    renderWithSession(<DutiesPage />)
    await screen.findByText(`${thisYear}年您没有在联络站派驻的任期，没有履职要求。`)
    expect(document.getElementById('duties-items')).toBeNull()
  })

  it('shows why loading failed and loads again on 重试', async () => {
    station.myDuties.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue({ duties: [dutyYear()], items: [] })
    renderWithSession(<DutiesPage />)
    await waitFor(() => expect(textOf('duties-load-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('duties-retry')
    await waitFor(() => expect(byId('duty-0')).toBeTruthy())
  })

  it('opens 进站签到 and renders large in elder mode', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ elderMode: true }) }))
    station.myDuties.mockResolvedValue({ duties: [dutyYear()], items: [] })
    renderWithSession(<DutiesPage />)
    await waitFor(() => expect(byId('page-station-duties').className).toContain('tq-elder'))
    tap('duties-visit')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.stationVisit })
  })
})

describe('我联系的人', () => {
  it('lists the linked people with their org and masked mobile', async () => {
    station.myLinks.mockResolvedValue(
      page([
        { linkId: 'l-1', kind: 'rep_youth', userId: 'u-wang', name: '王晓青', mobile: '138****1234', orgName: '锦纶社区团支部' },
        { linkId: 'l-2', kind: 'rep_youth', userId: 'u-li', name: '李青', mobile: null, orgName: '锦纶社区团支部' },
      ]),
    )
    renderWithSession(<LinkedPage />)
    await waitFor(() => expect(textOf('link-l-1-name')).toBe('王晓青'))
    expect(textOf('link-l-1-meta')).toBe('锦纶社区团支部 · 138****1234')
    expect(textOf('link-l-2-meta')).toBe('锦纶社区团支部')
    expect(byId('link-l-1').textContent).toContain('联系的青年')
    expect(document.body.textContent).not.toMatch(/1381234/)
  })

  it('says who registers links when there are none, and retries a failed first page', async () => {
    station.myLinks.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue(page([]))
    renderWithSession(<LinkedPage />)
    await waitFor(() => expect(byId('linked-retry')).toBeTruthy())
    expect(document.body.textContent).toContain(ERRORS['GENERIC.NETWORK'])
    tap('linked-retry')
    await screen.findByText('还没有登记您联系的人。“两联”由团干部登记：委员联系团代表，团代表联系青年。')
  })
})
