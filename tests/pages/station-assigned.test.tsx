import { screen, waitFor } from '@testing-library/react'
import AssignedPage from '../../src/packages/station/pages/assigned'
import { ApiError } from '../../src/services/api'
import { ERRORS } from '../../types/errors'
import { api, me, profile, renderWithSession } from './fixtures'
import { assignedOpinion, page, station } from './station-rep-fixtures'
import { byId, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const REPLY = '已联系镇人社所，12月中旬在锦纶分站办一场创业培训，届时通知你。'

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me())
  station.assignedOpinions.mockResolvedValue(page([assignedOpinion()]))
})

describe('待我答复', () => {
  it('lists the opinions waiting for the caller’s reply, with their steps', async () => {
    renderWithSession(<AssignedPage />)
    await waitFor(() => expect(textOf('opinion-o-1-text')).toBe('希望联络站多办几场返乡青年创业培训。'))
    expect(station.assignedOpinions).toHaveBeenCalledWith({ state: 'assigned', cursor: undefined })
    expect(textOf('opinion-o-1-state')).toBe('待答复')
    expect(textOf('opinion-o-1-author')).toBe('提出人：王晓青')
    expect(textOf('opinion-o-1-venue')).toContain('联络站：锦纶分站')
    expect(textOf('opinion-o-1-steps')).toContain('待分派')
    expect(textOf('opinion-o-1-steps')).toContain('李干部')
    expect(byId('opinion-o-1').textContent).toContain('就业创业')
  })

  it('shows an anonymous author as 匿名青年 and marks one past its reply days', async () => {
    station.assignedOpinions.mockResolvedValue(page([assignedOpinion({ anonymous: true, authorName: null, overdue: true, steps: [{ state: 'submitted', at: 1, by: '匿名青年' }] })]))
    renderWithSession(<AssignedPage />)
    await waitFor(() => expect(textOf('opinion-o-1-author')).toBe('提出人：匿名青年'))
    expect(textOf('opinion-o-1-state-overdue')).toBe('超期未答复')
    expect(document.body.textContent).not.toContain('王晓青')
  })

  it('filters by state', async () => {
    renderWithSession(<AssignedPage />)
    await waitFor(() => expect(byId('opinion-o-1')).toBeTruthy())
    station.assignedOpinions.mockResolvedValue(page([]))
    tap('assigned-filter-all')
    await waitFor(() => expect(station.assignedOpinions).toHaveBeenLastCalledWith({ state: undefined, cursor: undefined }))
    await screen.findByText('没有这类意见')
    tap('assigned-filter-replied')
    await waitFor(() => expect(station.assignedOpinions).toHaveBeenLastCalledWith({ state: 'replied', cursor: undefined }))
  })

  it('replies through the sheet after checking the length itself, then reloads', async () => {
    station.replyOpinion.mockResolvedValue({ opinion: assignedOpinion({ state: 'replied', reply: REPLY, canReply: false }) })
    renderWithSession(<AssignedPage />)
    await waitFor(() => expect(byId('opinion-o-1-reply-open')).toBeTruthy())
    tap('opinion-o-1-reply-open')
    await waitFor(() => expect(byId('reply-sheet')).toBeTruthy())
    type('reply-input', '好的')
    tap('reply-submit')
    await waitFor(() => expect(textOf('reply-error')).toMatch(/至少/))
    expect(station.replyOpinion).not.toHaveBeenCalled()
    station.assignedOpinions.mockResolvedValue(page([]))
    type('reply-input', REPLY)
    tap('reply-submit')
    await waitFor(() => expect(textOf('assigned-notice')).toBe('答复已提交，提出意见的青年会收到通知。'))
    expect(station.replyOpinion).toHaveBeenCalledWith({ opinionId: 'o-1', text: REPLY })
    expect(document.getElementById('reply-sheet')).toBeNull()
    await screen.findByText('没有待您答复的意见')
  })

  it('keeps the text in the sheet when the reply is refused as risky', async () => {
    station.replyOpinion.mockRejectedValue(new ApiError('GENERIC.CONTENT_RISKY'))
    renderWithSession(<AssignedPage />)
    await waitFor(() => expect(byId('opinion-o-1-reply-open')).toBeTruthy())
    tap('opinion-o-1-reply-open')
    type('reply-input', REPLY)
    tap('reply-submit')
    await waitFor(() => expect(textOf('reply-error')).toBe(ERRORS['GENERIC.CONTENT_RISKY']))
    expect((byId('reply-input').querySelector('textarea') ?? byId('reply-input')) as HTMLTextAreaElement).toHaveProperty('value', REPLY)
  })

  it('closes the sheet and refreshes when the opinion was reassigned meanwhile', async () => {
    station.replyOpinion.mockRejectedValue(new ApiError('OPINION.NOT_ASSIGNEE'))
    renderWithSession(<AssignedPage />)
    await waitFor(() => expect(byId('opinion-o-1-reply-open')).toBeTruthy())
    tap('opinion-o-1-reply-open')
    type('reply-input', REPLY)
    station.assignedOpinions.mockResolvedValue(page([]))
    tap('reply-submit')
    await waitFor(() => expect(textOf('assigned-notice')).toBe(ERRORS['OPINION.NOT_ASSIGNEE']))
    expect(document.getElementById('reply-sheet')).toBeNull()
    await screen.findByText('没有待您答复的意见')
  })

  it('retries a failed first page, in elder mode', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ elderMode: true }) }))
    station.assignedOpinions.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue(page([assignedOpinion()]))
    renderWithSession(<AssignedPage />)
    await waitFor(() => expect(byId('assigned-retry')).toBeTruthy())
    expect(byId('page-station-assigned').className).toContain('tq-elder')
    tap('assigned-retry')
    await waitFor(() => expect(byId('opinion-o-1')).toBeTruthy())
  })
})
