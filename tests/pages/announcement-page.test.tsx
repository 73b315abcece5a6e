import { act, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router } from './__mocks__/taro'
import AnnouncementPage from '../../src/packages/community/pages/announcement'
import { ApiError } from '../../src/services/api'
import { ERRORS } from '../../types/errors'
import { api, me, profile, renderWithSession } from './fixtures'
import { announcement, community, page, reply } from './community-fixtures'
import { byId, inputIn, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

beforeEach(() => {
  __router.params = { id: 'n-1' }
  api.user.me.mockResolvedValue(me())
  community.readAnnouncement.mockResolvedValue({ announcement: announcement({ replyCount: 1 }) })
  community.listReplies.mockResolvedValue(page([reply()]))
})

describe('公告', () => {
  it('is read on opening, then shows its title, text, pictures and replies', async () => {
    community.readAnnouncement.mockResolvedValue({
      announcement: announcement({ imageUrls: ['https://tmp.example/a.png', 'https://tmp.example/b.png'], replyCount: 1 }),
    })
    renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(textOf('announcement-title')).toBe('11月采风活动安排'))
    expect(community.readAnnouncement).toHaveBeenCalledWith({ announcementId: 'n-1' })
    expect(textOf('announcement-body')).toBe('本周六上午9点在城关镇文化广场集合。\n请带好相机或手机。')
    expect(textOf('page-announcement')).toContain('王社长')
    // A member sees no read counts.
    expect(document.getElementById('announcement-reads')).toBeNull()
    tap('announcement-image-1')
    expect(Taro.previewImage).toHaveBeenCalledWith({ urls: ['https://tmp.example/a.png', 'https://tmp.example/b.png'], current: 'https://tmp.example/b.png' })
    await waitFor(() => expect(textOf('reply-r-1')).toContain('收到，准时到。'))
    expect(community.listReplies).toHaveBeenCalledWith({ announcementId: 'n-1', cursor: undefined })
  })

  it('shows the group’s admins and the cadres how many members have read it', async () => {
    community.readAnnouncement.mockResolvedValue({ announcement: announcement({ readCount: 12, memberCount: 40 }) })
    renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(textOf('announcement-reads')).toBe('已读 12 / 40'))
  })

  it('greys a hidden reply its author still sees, and pages the replies by cursor', async () => {
    community.listReplies
      .mockResolvedValueOnce(page([reply(), reply({ id: 'r-mine', authorName: '李青', text: '我想报名', hidden: true, mine: true })], 'c2'))
      .mockResolvedValueOnce(page([reply({ id: 'r-3', text: '第三条' })]))
    renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(byId('reply-r-mine')).toBeTruthy())
    expect(byId('reply-r-mine').className).toContain('tq-announcement__reply--hidden')
    expect(textOf('reply-r-mine-hidden')).toBe('已被管理员隐藏，仅你可见')
    expect(byId('reply-r-1').className).not.toContain('--hidden')
    // Not an admin: nothing to hide.
    expect(document.getElementById('reply-r-1-hide')).toBeNull()
    tap('replies-more')
    await waitFor(() => expect(textOf('reply-r-3')).toContain('第三条'))
    expect(community.listReplies).toHaveBeenLastCalledWith({ announcementId: 'n-1', cursor: 'c2' })
  })

  it('sends a reply once on a double tap, disabled while it is on its way, then shows it', async () => {
    let answer: (v: unknown) => void = () => undefined
    community.replyToAnnouncement.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(byId('reply-r-1')).toBeTruthy())
    type('reply-input', ' 我也去 ')
    expect(inputIn('reply-input').value).toBe(' 我也去 ')
    tap('reply-send')
    tap('reply-send')
    expect(community.replyToAnnouncement).toHaveBeenCalledTimes(1)
    const sent = community.replyToAnnouncement.mock.calls[0][0] as { requestId: string; announcementId: string; text: string }
    expect(sent).toEqual({ requestId: expect.stringMatching(UUID), announcementId: 'n-1', text: '我也去' })
    expect(byId('reply-send').className).toContain('nut-button-disabled')
    await act(async () => answer({ reply: reply({ id: 'r-new', authorName: '李青', text: '我也去', mine: true }) }))
    await waitFor(() => expect(textOf('reply-r-new')).toContain('我也去'))
    expect(textOf('announcement-replies')).toContain('回复（2）')
    expect(inputIn('reply-input').value).toBe('')
    expect(byId('reply-send').className).not.toContain('nut-button-disabled')
  })

  it('says the server’s word on a refused reply; after a lost reply the same text keeps its request key', async () => {
    community.replyToAnnouncement
      .mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
      .mockRejectedValueOnce(new ApiError('GENERIC.CONTENT_RISKY'))
      .mockRejectedValueOnce(new ApiError('GENERIC.CONTENT_RISKY'))
    renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(byId('reply-r-1')).toBeTruthy())
    type('reply-input', '什么时候结束')
    tap('reply-send')
    await waitFor(() => expect(textOf('reply-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('reply-send')
    await waitFor(() => expect(textOf('reply-error')).toBe(ERRORS['GENERIC.CONTENT_RISKY']))
    const [first, second] = community.replyToAnnouncement.mock.calls.map((c) => (c[0] as { requestId: string }).requestId)
    expect(second).toBe(first)
    // A verdict left nothing behind: the next try is a new request.
    tap('reply-send')
    await waitFor(() => expect(community.replyToAnnouncement).toHaveBeenCalledTimes(3))
    expect((community.replyToAnnouncement.mock.calls[2][0] as { requestId: string }).requestId).not.toBe(first)
  })

  it('asks for some text before sending anything', async () => {
    renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(byId('reply-r-1')).toBeTruthy())
    type('reply-input', '   ')
    tap('reply-send')
    expect(textOf('reply-error')).toBe('请填写回复')
    expect(community.replyToAnnouncement).not.toHaveBeenCalled()
  })

  it('lets an admin hide a reply and show it again', async () => {
    community.readAnnouncement.mockResolvedValue({ announcement: announcement({ readCount: 3, memberCount: 10, replyCount: 1 }) })
    community.hideReply.mockResolvedValueOnce({ reply: reply({ hidden: true }) }).mockResolvedValueOnce({ reply: reply({ hidden: false }) })
    renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(byId('reply-r-1-hide')).toBeTruthy())
    tap('reply-r-1-hide')
    await waitFor(() => expect(textOf('reply-r-1-hidden')).toBe('已隐藏'))
    expect(community.hideReply).toHaveBeenCalledWith({ replyId: 'r-1', hidden: true })
    expect(byId('reply-r-1').className).toContain('tq-announcement__reply--hidden')
    expect(textOf('announcement-replies')).toContain('回复（0）')
    tap('reply-r-1-show')
    await waitFor(() => expect(document.getElementById('reply-r-1-hidden')).toBeNull())
    expect(community.hideReply).toHaveBeenLastCalledWith({ replyId: 'r-1', hidden: false })
  })

  it('says why it could not open: 重试 for the network, 返回 for one that is not the youth’s to read', async () => {
    community.readAnnouncement.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
    const first = renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(textOf('announcement-load-error')).toBe(ERRORS['GENERIC.NETWORK']))
    expect(community.listReplies).not.toHaveBeenCalled()
    tap('announcement-retry')
    await waitFor(() => expect(textOf('announcement-title')).toBe('11月采风活动安排'))
    first.unmount()

    community.readAnnouncement.mockRejectedValue(new ApiError('GROUP.NOT_MEMBER'))
    renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(textOf('announcement-load-error')).toBe(ERRORS['GROUP.NOT_MEMBER']))
    expect(document.getElementById('announcement-retry')).toBeNull()
    tap('announcement-back')
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/groups/index' })
  })

  it('renders in elder mode (large text), all in Chinese', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ elderMode: true }) }))
    renderWithSession(<AnnouncementPage />)
    await waitFor(() => expect(byId('reply-r-1')).toBeTruthy())
    expect(byId('page-announcement').className).toContain('tq-elder')
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/)
  })
})
