import { screen, waitFor } from '@testing-library/react'
import CadreOpinionsPage from '../../src/packages/cadre/pages/opinions'
import { ApiError } from '../../src/services/api'
import { ERRORS } from '../../types/errors'
import { api, me, orgTreeAnswer, renderWithSession, role } from './fixtures'
import { assignedOpinion, opinion, page, post, station } from './station-rep-fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const cadre = () => me({ roles: [role({ role: 'cadre', orgId: 'yuci-jl', orgName: '锦纶社区团委' })] })

const PEOPLE = [
  post(),
  post({ id: 'p-sun', userId: 'u-sun', name: '孙浩', team: '' }),
  post({ id: 'p-qian', userId: 'u-qian', name: '钱委员', post: 'committee' }),
  post({ id: 'p-zhou', userId: 'u-zhou', name: '周过期', active: false }),
]

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
  station.listOpinions.mockResolvedValue(page([opinion()]))
  station.listPeople.mockResolvedValue(page(PEOPLE))
})

describe('意见办理', () => {
  it('lists the org’s opinions waiting to be assigned, with the author as the cadre may see them', async () => {
    station.listOpinions.mockResolvedValue(page([opinion(), opinion({ id: 'o-2', anonymous: true, authorName: '李青', authorMobile: '138****5678', venueId: null, venueName: null })]))
    renderWithSession(<CadreOpinionsPage />)
    await waitFor(() => expect(byId('opinion-o-1')).toBeTruthy())
    expect(station.listOpinions).toHaveBeenCalledWith({ orgId: 'yuci-jl', state: 'submitted', overdue: undefined, cursor: undefined })
    expect(textOf('opinion-o-1-author')).toBe('提出人：王晓青 · 138****1234')
    expect(textOf('opinion-o-2-author')).toBe('提出人：匿名（李青，仅处理人可见） · 138****5678')
    expect(textOf('opinion-o-2-venue')).toContain('线上提交')
    expect(textOf('opinion-o-1-assign')).toBe('分派')
  })

  it('filters by state and by 超期', async () => {
    renderWithSession(<CadreOpinionsPage />)
    await waitFor(() => expect(byId('opinion-o-1')).toBeTruthy())
    station.listOpinions.mockResolvedValue(page([]))
    tap('opinions-filter-overdue')
    await waitFor(() => expect(station.listOpinions).toHaveBeenLastCalledWith({ orgId: 'yuci-jl', state: undefined, overdue: true, cursor: undefined }))
    await screen.findByText('没有超期未答复的意见')
    tap('opinions-filter-replied')
    await waitFor(() => expect(station.listOpinions).toHaveBeenLastCalledWith({ orgId: 'yuci-jl', state: 'replied', overdue: undefined, cursor: undefined }))
    tap('opinions-filter-all')
    await waitFor(() => expect(station.listOpinions).toHaveBeenLastCalledWith({ orgId: 'yuci-jl', state: undefined, overdue: undefined, cursor: undefined }))
  })

  it('assigns to an active representative of the opinion’s station and reloads', async () => {
    station.assignOpinion.mockResolvedValue({ opinion: assignedOpinion({ assigneeUserId: 'u-sun', assigneeName: '孙浩' }) })
    renderWithSession(<CadreOpinionsPage />)
    await waitFor(() => expect(byId('opinion-o-1-assign')).toBeTruthy())
    tap('opinion-o-1-assign')
    await waitFor(() => expect(byId('assign-person-u-sun')).toBeTruthy())
    expect(station.listPeople).toHaveBeenCalledWith({ orgId: 'yuci-jl', venueId: 's-jl', cursor: undefined })
    // Committee members and ended terms are not offered.
    expect(document.getElementById('assign-person-u-qian')).toBeNull()
    expect(document.getElementById('assign-person-u-zhou')).toBeNull()
    expect(textOf('assign-person-u-zhao')).toBe('赵敏（锦纶分站 · 就业创业组）')
    expect(byId('assign-submit').className).toContain('nut-button-disabled')
    station.listOpinions.mockResolvedValue(page([assignedOpinion({ assigneeUserId: 'u-sun', assigneeName: '孙浩', canAssign: true })]))
    tap('assign-person-u-sun')
    await waitFor(() => expect(byId('assign-submit').className).not.toContain('nut-button-disabled'))
    tap('assign-submit')
    await waitFor(() => expect(textOf('opinions-notice')).toBe('已分派给孙浩，对方会收到通知。'))
    expect(station.assignOpinion).toHaveBeenCalledWith({ opinionId: 'o-1', userId: 'u-sun' })
    expect(document.getElementById('assign-sheet')).toBeNull()
    await waitFor(() => expect(textOf('opinion-o-1-assign')).toBe('改派'))
  })

  it('refreshes with the server’s word when the opinion moved on meanwhile', async () => {
    station.assignOpinion.mockRejectedValue(new ApiError('OPINION.WRONG_STATE'))
    renderWithSession(<CadreOpinionsPage />)
    await waitFor(() => expect(byId('opinion-o-1-assign')).toBeTruthy())
    tap('opinion-o-1-assign')
    await waitFor(() => expect(byId('assign-person-u-zhao')).toBeTruthy())
    tap('assign-person-u-zhao')
    station.listOpinions.mockResolvedValue(page([opinion({ state: 'replied', canAssign: false, reply: '已答复。' })]))
    tap('assign-submit')
    await waitFor(() => expect(textOf('opinions-notice')).toBe(ERRORS['OPINION.WRONG_STATE']))
    expect(document.getElementById('assign-sheet')).toBeNull()
    await waitFor(() => expect(textOf('opinion-o-1-state')).toBe('已答复'))
    expect(document.getElementById('opinion-o-1-assign')).toBeNull()
  })

  it('keeps the sheet open with the reason when the representative is out of scope', async () => {
    station.assignOpinion.mockRejectedValue(new ApiError('OPINION.ASSIGNEE_OUT_OF_SCOPE'))
    renderWithSession(<CadreOpinionsPage />)
    await waitFor(() => expect(byId('opinion-o-1-assign')).toBeTruthy())
    tap('opinion-o-1-assign')
    await waitFor(() => expect(byId('assign-person-u-zhao')).toBeTruthy())
    tap('assign-person-u-zhao')
    tap('assign-submit')
    await waitFor(() => expect(textOf('assign-error')).toBe(ERRORS['OPINION.ASSIGNEE_OUT_OF_SCOPE']))
    expect(byId('assign-sheet')).toBeTruthy()
  })

  it('says when there is nobody to assign to', async () => {
    station.listPeople.mockResolvedValue(page([post({ post: 'committee' })]))
    renderWithSession(<CadreOpinionsPage />)
    await waitFor(() => expect(byId('opinion-o-1-assign')).toBeTruthy())
    tap('opinion-o-1-assign')
    await waitFor(() => expect(byId('assign-none')).toBeTruthy())
  })

  it('retries a failed first page', async () => {
    station.listOpinions.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue(page([opinion()]))
    renderWithSession(<CadreOpinionsPage />)
    await waitFor(() => expect(byId('opinions-retry')).toBeTruthy())
    tap('opinions-retry')
    await waitFor(() => expect(byId('opinion-o-1')).toBeTruthy())
  })

  it('turns away someone without a cadre role', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<CadreOpinionsPage />)
    await waitFor(() => expect(byId('forbidden')).toBeTruthy())
    expect(station.listOpinions).not.toHaveBeenCalled()
  })
})
