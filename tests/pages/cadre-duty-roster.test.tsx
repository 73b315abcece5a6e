import { screen, waitFor } from '@testing-library/react'
import CadreDutyRosterPage from '../../src/packages/cadre/pages/duty-roster'
import { ApiError } from '../../src/services/api'
import { todayInShanghai } from '../../src/utils/time'
import { ERRORS } from '../../types/errors'
import { api, me, orgTreeAnswer, profile, renderWithSession, role } from './fixtures'
import { dutyYear, station } from './station-rep-fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const thisYear = Number(todayInShanghai().slice(0, 4))
const cadre = (over = {}) => me({ roles: [role({ role: 'admin', orgId: 'yuci', orgName: '榆次区团委' })], ...over })

const behind = dutyYear()
const done = dutyYear({ userId: 'u-sun', name: '孙浩', post: 'representative', counts: { talk: 1, survey: 2, service: 1, forum: 0 }, missing: [], visits: 0, visitMinutes: 0 })

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
  station.dutyRoster.mockResolvedValue({ people: [behind, done], behind: 1, total: 2 })
})

describe('履职情况', () => {
  it('shows each person’s year for the cadre’s org, the ones behind with what they miss', async () => {
    renderWithSession(<CadreDutyRosterPage />)
    await waitFor(() => expect(byId('roster-u-zhao-s-jl')).toBeTruthy())
    expect(station.dutyRoster).toHaveBeenCalledWith({ orgId: 'yuci', year: thisYear, behindOnly: false })
    expect(textOf('roster-summary')).toBe('未达标 1 人 / 共 2 人')
    expect(textOf('roster-u-zhao-s-jl-missing')).toBe('还差：调研、服务')
    expect(textOf('roster-u-zhao-s-jl-counts-survey')).toContain('还差1')
    expect(textOf('roster-u-sun-s-jl-missing')).toBe('已达标 ✓')
    expect(byId('roster-u-sun-s-jl').textContent).toContain('团代表 · 锦纶分站')
    const rows = Array.from(byId('roster-list').querySelectorAll('[id^="roster-u-"][class~="tq-list-item"]'), (e) => e.id)
    expect(rows).toEqual(['roster-u-zhao-s-jl', 'roster-u-sun-s-jl'])
  })

  it('asks for those behind only, and for last year', async () => {
    renderWithSession(<CadreDutyRosterPage />)
    await waitFor(() => expect(byId('roster-u-zhao-s-jl')).toBeTruthy())
    station.dutyRoster.mockResolvedValue({ people: [behind], behind: 1, total: 2 })
    tap('roster-behind')
    await waitFor(() => expect(station.dutyRoster).toHaveBeenLastCalledWith({ orgId: 'yuci', year: thisYear, behindOnly: true }))
    await waitFor(() => expect(document.getElementById('roster-u-sun-s-jl')).toBeNull())
    tap(`roster-year-${thisYear - 1}`)
    await waitFor(() => expect(station.dutyRoster).toHaveBeenLastCalledWith({ orgId: 'yuci', year: thisYear - 1, behindOnly: true }))
  })

  it('says when everyone has met the minimum', async () => {
    station.dutyRoster.mockResolvedValue({ people: [], behind: 0, total: 2 })
    renderWithSession(<CadreDutyRosterPage />)
    await waitFor(() => expect(byId('roster-behind')).toBeTruthy())
    tap('roster-behind')
    await screen.findByText('所有团代表和委员都已达标')
  })

  it('shows why it failed and retries, in elder mode', async () => {
    api.user.me.mockResolvedValue(cadre({ profile: profile({ elderMode: true }) }))
    station.dutyRoster.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<CadreDutyRosterPage />)
    await waitFor(() => expect(textOf('roster-load-error')).toBe(ERRORS['GENERIC.NETWORK']))
    expect(byId('page-cadre-duty-roster').className).toContain('tq-elder')
    tap('roster-retry')
    await waitFor(() => expect(byId('roster-u-zhao-s-jl')).toBeTruthy())
  })

  it('turns away someone without a cadre role', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<CadreDutyRosterPage />)
    await waitFor(() => expect(byId('forbidden')).toBeTruthy())
    expect(station.dutyRoster).not.toHaveBeenCalled()
  })
})
