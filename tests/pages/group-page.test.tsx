import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks, __router } from './__mocks__/taro'
import GroupPage from '../../src/packages/community/pages/group'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { ERRORS } from '../../types/errors'
import { api, me, profile, renderWithSession } from './fixtures'
import { card as activityCard } from './activity-fixtures'
import { announcement, community, groupDetail, memberDetail, membership, page } from './community-fixtures'
import { byId, confirm, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const GROUP_PAGE = '/packages/community/pages/group/index'

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  __router.params = { id: 'g-photo' }
  api.user.me.mockResolvedValue(me())
  community.openGroup.mockResolvedValue({ group: groupDetail() })
  community.listAnnouncements.mockResolvedValue(page([]))
  community.listGroupActivities.mockResolvedValue(page([]))
})

afterEach(() => {
  delete process.env.TARO_APP_TEMPLATE_ANNOUNCEMENT_POSTED
})

describe('社群主页 for a youth who has not joined', () => {
  it('shows what the group is, where it sits and how many are in it, but nothing for members', async () => {
    community.openGroup.mockResolvedValue({
      group: groupDetail({ coverUrl: 'https://tmp.example/cover.png', parentId: 'g-town', parentName: '城关镇青年社群', reach: 40 }),
    })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-name')).toBe('城关镇青年摄影社'))
    expect(community.openGroup).toHaveBeenCalledWith({ groupId: 'g-photo' })
    expect(byId('group-cover').getAttribute('src')).toBe('https://tmp.example/cover.png')
    expect(textOf('group-kind')).toBe('兴趣社群')
    expect(textOf('group-policy')).toBe('开放加入')
    expect(textOf('group-org')).toBe('城关镇团委')
    expect(textOf('group-members')).toBe('成员 12/50 人 · 连同下级社群共 40 人')
    expect(textOf('group-tags')).toBe('摄影采风')
    expect(textOf('group-description')).toBe('每月一次外出采风，交流手机和相机摄影。')
    expect(document.getElementById('group-chat-qr')).toBeNull()
    expect(document.getElementById('group-announcements')).toBeNull()
    expect(document.getElementById('group-manage')).toBeNull()
    expect(community.listAnnouncements).not.toHaveBeenCalled()
    expect(community.listGroupActivities).not.toHaveBeenCalled()
    tap('group-parent')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${GROUP_PAGE}?id=g-town` })
  })

  it('joins an open group once however fast the button is tapped, then shows the members’ parts', async () => {
    let answer: (v: unknown) => void = () => undefined
    community.joinGroup.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-join')).toBe('加入社群'))
    tap('group-join')
    tap('group-join')
    expect(community.joinGroup).toHaveBeenCalledTimes(1)
    expect(community.joinGroup).toHaveBeenCalledWith({ groupId: 'g-photo' })
    community.openGroup.mockResolvedValue({ group: memberDetail() })
    community.listAnnouncements.mockResolvedValue(page([announcement()]))
    await act(async () => answer({ membership: membership() }))
    await waitFor(() => expect(textOf('group-status-tag')).toBe('已加入'))
    expect(textOf('group-join-done')).toBe('已加入社群，欢迎你！')
    await waitFor(() => expect(byId('announcement-n-1')).toBeTruthy())
    expect(textOf('group-chat-hint')).toBe('长按识别二维码，加入社群的微信群')
  })

  it('opened from the group’s code, joins an invite-only group with the code the scene carried', async () => {
    __router.params = { scene: encodeURIComponent('g=g-photo&i=AB12CD') }
    community.resolveGroupScene.mockResolvedValue({ groupId: 'g-photo', inviteCode: 'AB12CD' })
    community.openGroup.mockResolvedValue({ group: groupDetail({ joinPolicy: 'invite' }) })
    community.joinGroup.mockResolvedValue({ membership: membership() })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect((byId('group-code-input') as HTMLInputElement).value).toBe('AB12CD'))
    expect(community.resolveGroupScene).toHaveBeenCalledWith({ scene: 'g=g-photo&i=AB12CD' })
    expect(community.openGroup).toHaveBeenCalledWith({ groupId: 'g-photo' })
    expect(textOf('group-policy')).toBe('仅限邀请')
    tap('group-join')
    await waitFor(() => expect(community.joinGroup).toHaveBeenCalledWith({ groupId: 'g-photo', inviteCode: 'AB12CD' }))
  })

  it('checks a typed code before sending it, and says the server’s word on a wrong one', async () => {
    community.openGroup.mockResolvedValue({ group: groupDetail({ joinPolicy: 'invite' }) })
    community.joinGroup.mockRejectedValue(new ApiError('GROUP.INVITE_WRONG'))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('group-code-input')).toBeTruthy())
    type('group-code-input', 'ab1')
    tap('group-join')
    expect(textOf('field-group-code-error')).toBe('邀请码为6位字母或数字')
    expect(community.joinGroup).not.toHaveBeenCalled()
    type('group-code-input', 'zz99qq')
    tap('group-join')
    await waitFor(() => expect(textOf('group-join-error')).toBe(ERRORS['GROUP.INVITE_WRONG']))
    expect(community.joinGroup).toHaveBeenCalledWith({ groupId: 'g-photo', inviteCode: 'ZZ99QQ' })
    expect(document.getElementById('field-group-code-error')).toBeNull()
  })

  it('applies to a group that approves each request, with a reason, then may withdraw while it waits', async () => {
    community.openGroup.mockResolvedValue({ group: groupDetail({ joinPolicy: 'approval' }) })
    const pending = membership({ status: 'pending', joinedAt: null })
    community.joinGroup.mockResolvedValue({ membership: pending })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-apply')).toBe('申请加入'))
    tap('group-apply')
    type('group-message-input', ' 我是社区志愿者，也爱拍照 ')
    community.openGroup.mockResolvedValue({ group: groupDetail({ joinPolicy: 'approval', membership: pending }) })
    tap('group-apply-send')
    await waitFor(() => expect(textOf('group-status-tag')).toBe('审核中'))
    expect(community.joinGroup).toHaveBeenCalledWith({ groupId: 'g-photo', message: '我是社区志愿者，也爱拍照' })
    expect(textOf('group-join-done')).toBe('申请已提交，社群管理员审核后即可加入。')
    // Waiting is not membership: no announcements yet.
    expect(community.listAnnouncements).not.toHaveBeenCalled()

    community.leaveGroup.mockResolvedValue({ membership: membership({ status: 'left', joinedAt: null }) })
    community.openGroup.mockResolvedValue({ group: groupDetail({ joinPolicy: 'approval', membership: membership({ status: 'left', joinedAt: null }) }) })
    tap('group-withdraw')
    await waitFor(() => expect(textOf('group-apply')).toBe('申请加入'))
    expect(community.leaveGroup).toHaveBeenCalledWith({ groupId: 'g-photo' })
    expect(textOf('group-join-done')).toBe('已撤回加入申请。')
  })

  it('sends no reason at all when the box is left blank', async () => {
    community.openGroup.mockResolvedValue({ group: groupDetail({ joinPolicy: 'approval' }) })
    community.joinGroup.mockResolvedValue({ membership: membership({ status: 'pending', joinedAt: null }) })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('group-apply')).toBeTruthy())
    tap('group-apply')
    type('group-message-input', '   ')
    tap('group-apply-send')
    await waitFor(() => expect(community.joinGroup).toHaveBeenCalledWith({ groupId: 'g-photo' }))
  })

  it('shows why a request was turned down, and lets the youth apply again', async () => {
    community.openGroup.mockResolvedValue({
      group: groupDetail({ joinPolicy: 'approval', membership: membership({ status: 'rejected', joinedAt: null, reason: '本社群仅面向城关镇青年' }) }),
    })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-rejected')).toBe('上次的申请未通过：本社群仅面向城关镇青年你可以再次申请。'))
    expect(textOf('group-apply')).toBe('再次申请')
    expect(byId('group-apply').className).not.toContain('nut-button-disabled')
  })

  it('says kindly that a full group cannot be joined, and offers no join', async () => {
    community.openGroup.mockResolvedValue({ group: groupDetail({ members: 50, capacity: 50 }) })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-full')).toContain('人数已满'))
    expect(textOf('group-join')).toBe('人数已满')
    expect(byId('group-join').className).toContain('nut-button-disabled')
    tap('group-join')
    expect(community.joinGroup).not.toHaveBeenCalled()
  })

  it('tells the server’s GROUP.FULL kindly when the group filled up meanwhile, and asks the page again', async () => {
    community.joinGroup.mockRejectedValue(new ApiError('GROUP.FULL'))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('group-join')).toBeTruthy())
    community.openGroup.mockResolvedValue({ group: groupDetail({ members: 50, capacity: 50 }) })
    tap('group-join')
    await waitFor(() => expect(textOf('group-join-error')).toBe(ERRORS['GROUP.FULL']))
    expect(byId('group-join-error').className).toContain('tq-notice--info')
    await waitFor(() => expect(textOf('group-join')).toBe('人数已满'))
    expect(community.openGroup).toHaveBeenCalledTimes(2)
  })

  it('says the server’s refusal in its words and stays ready to try again', async () => {
    community.joinGroup.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce({ membership: membership() })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('group-join')).toBeTruthy())
    tap('group-join')
    await waitFor(() => expect(textOf('group-join-error')).toBe(ERRORS['GENERIC.NETWORK']))
    expect(byId('group-join').className).not.toContain('nut-button-disabled')
    community.openGroup.mockResolvedValue({ group: memberDetail() })
    tap('group-join')
    await waitFor(() => expect(textOf('group-status-tag')).toBe('已加入'))
    expect(document.getElementById('group-join-error')).toBeNull()
  })

  it('says why the page could not load: 重试 for the network, 返回社群 for a group that is gone', async () => {
    community.openGroup.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
    const first = renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-load-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('group-retry')
    await waitFor(() => expect(textOf('group-name')).toBe('城关镇青年摄影社'))
    first.unmount()

    __router.params = { scene: 'g=gone' }
    community.resolveGroupScene.mockRejectedValue(new ApiError('GROUP.SCENE_INVALID'))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-load-error')).toBe(ERRORS['GROUP.SCENE_INVALID']))
    expect(community.openGroup).toHaveBeenCalledTimes(2)
    tap('group-back')
    // Opened from a code there is no page to go back to: the 社群 tab.
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/groups/index' })
    expect(Taro.navigateBack).not.toHaveBeenCalled()
  })

  it('shares a card with the group’s name that opens this page', async () => {
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-name')).toBe('城关镇青年摄影社'))
    expect(__pageHooks.shareAppMessage?.()).toEqual({ title: '城关镇青年摄影社', path: `${GROUP_PAGE}?id=g-photo` })
  })
})

describe('社群主页 for a member', () => {
  beforeEach(() => {
    community.openGroup.mockResolvedValue({ group: memberDetail() })
  })

  it('shows the chat’s QR to long-press, the announcements pinned first with unread dots, and the group’s activities', async () => {
    community.listAnnouncements.mockResolvedValue(
      page([announcement({ id: 'n-pin', title: '社群公约', pinned: true }), announcement({ id: 'n-new', title: '周六采风', read: false, replyCount: 3 })]),
    )
    community.listGroupActivities.mockResolvedValue(page([activityCard({ id: 'a-walk', title: '古城墙采风' })]))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('group-chat-qr').getAttribute('src')).toBe('https://tmp.example/chat-qr.png'))
    expect(textOf('group-chat-hint')).toBe('长按识别二维码，加入社群的微信群')
    await waitFor(() => expect(byId('announcement-n-pin')).toBeTruthy())
    const ids = Array.from(byId('group-announcements-list').querySelectorAll('[id^="announcement-n-"][class*="tq-list-item"]')).map((e) => e.id)
    expect(ids).toEqual(['announcement-n-pin', 'announcement-n-new'])
    expect(textOf('announcement-n-pin-pinned')).toBe('置顶')
    expect(document.getElementById('announcement-n-pin-unread')).toBeNull()
    expect(byId('announcement-n-new-unread')).toBeTruthy()
    expect(textOf('announcement-n-new')).toContain('回复 3')
    // Read counts are for the group's admins.
    expect(document.getElementById('announcement-n-new-reads')).toBeNull()
    expect(community.listAnnouncements).toHaveBeenCalledWith({ groupId: 'g-photo', cursor: undefined })
    tap('announcement-n-new')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/community/pages/announcement/index?id=n-new' })

    await waitFor(() => expect(byId('activity-a-walk')).toBeTruthy())
    expect(community.listGroupActivities).toHaveBeenCalledWith({ groupId: 'g-photo', cursor: undefined })
    tap('activity-a-walk')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.activity}?id=a-walk` })
  })

  it('says why the announcements did not come, and 重试 asks again', async () => {
    community.listAnnouncements.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue(page([announcement()]))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('group-announcements-retry')).toBeTruthy())
    expect(textOf('group-announcements')).toContain(ERRORS['GENERIC.NETWORK'])
    tap('group-announcements-retry')
    await waitFor(() => expect(byId('announcement-n-1')).toBeTruthy())
  })

  it('asks the announcements again when shown again, back from reading one', async () => {
    community.listAnnouncements.mockResolvedValue(page([announcement({ id: 'n-new', read: false })]))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('announcement-n-new-unread')).toBeTruthy())
    act(() => void __pageHooks.didShow?.()) // the first show
    community.listAnnouncements.mockResolvedValue(page([announcement({ id: 'n-new', read: true })]))
    act(() => void __pageHooks.didShow?.())
    await waitFor(() => expect(document.getElementById('announcement-n-new-unread')).toBeNull())
  })

  it('in the mini program asks WeChat for the message first, then turns the reminder on; off asks nothing', async () => {
    process.env.TARO_ENV = 'weapp'
    process.env.TARO_APP_TEMPLATE_ANNOUNCEMENT_POSTED = 'tmpl-announcement'
    ;(Taro.requestSubscribeMessage as jest.Mock).mockResolvedValueOnce({ 'tmpl-announcement': 'accept' })
    community.subscribeAnnouncements.mockResolvedValueOnce({ membership: membership({ subscribed: true }) })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-subscribe')).toBe('开启新公告提醒'))
    community.openGroup.mockResolvedValue({ group: memberDetail({ membership: membership({ subscribed: true }) }) })
    tap('group-subscribe')
    await waitFor(() => expect(textOf('group-subscribe-on')).toBe('已开启新公告提醒'))
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-announcement'] })
    expect((Taro.requestSubscribeMessage as jest.Mock).mock.invocationCallOrder[0]).toBeLessThan(community.subscribeAnnouncements.mock.invocationCallOrder[0])
    expect(community.subscribeAnnouncements).toHaveBeenCalledWith({ groupId: 'g-photo', subscribed: true })

    community.subscribeAnnouncements.mockResolvedValueOnce({ membership: membership({ subscribed: false }) })
    community.openGroup.mockResolvedValue({ group: memberDetail() })
    tap('group-subscribe-off')
    await waitFor(() => expect(textOf('group-subscribe')).toBe('开启新公告提醒'))
    expect(community.subscribeAnnouncements).toHaveBeenLastCalledWith({ groupId: 'g-photo', subscribed: false })
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledTimes(1)
  })

  it('says why the reminder could not be turned on', async () => {
    community.subscribeAnnouncements.mockRejectedValue(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('group-subscribe')).toBeTruthy())
    tap('group-subscribe')
    await waitFor(() => expect(textOf('group-subscribe-error')).toBe(ERRORS['GENERIC.NETWORK']))
    expect(textOf('group-subscribe')).toBe('开启新公告提醒')
  })

  it('leaves only after saying yes to the confirmation', async () => {
    community.leaveGroup.mockResolvedValue({ membership: membership({ status: 'left' }) })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('group-leave')).toBeTruthy())
    tap('group-leave')
    await screen.findByText('确定退出')
    fireEvent.click(screen.getByText('取消'))
    await waitFor(() => expect(screen.queryByText('确定退出')).toBeNull())
    expect(community.leaveGroup).not.toHaveBeenCalled()

    community.openGroup.mockResolvedValue({ group: groupDetail({ membership: membership({ status: 'left' }) }) })
    tap('group-leave')
    const words = await confirm('确定退出')
    expect(words).toContain('城关镇青年摄影社')
    await waitFor(() => expect(textOf('group-join')).toBe('加入社群'))
    expect(community.leaveGroup).toHaveBeenCalledWith({ groupId: 'g-photo' })
    expect(textOf('group-join-done')).toBe('已退出社群。')
    expect(document.getElementById('group-chat-qr')).toBeNull()
  })

  it('offers its owner no 退出 and its managers 管理', async () => {
    community.openGroup.mockResolvedValue({ group: memberDetail({ membership: membership({ role: 'owner' }), canManage: true }) })
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('group-status-tag')).toBe('已加入'))
    expect(textOf('group-status')).toContain('群主')
    expect(document.getElementById('group-leave')).toBeNull()
    tap('group-manage')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/community/pages/manage/index?id=g-photo' })
  })

  it('shows a cadre who manages the group without being in it the announcements with read counts', async () => {
    community.openGroup.mockResolvedValue({ group: groupDetail({ canManage: true }) })
    community.listAnnouncements.mockResolvedValue(page([announcement({ readCount: 12, memberCount: 40 }), announcement({ id: 'n-2', status: 'pending', readCount: 0, memberCount: 40 })]))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(textOf('announcement-n-1-reads')).toBe('已读 12 / 40'))
    expect(textOf('announcement-n-2')).toContain('图片审核中')
    // Not a member: no chat, no reminder.
    expect(document.getElementById('group-subscribe')).toBeNull()
    expect(document.getElementById('group-chat-qr')).toBeNull()
  })

  it('renders in elder mode (large text), all in Chinese', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ elderMode: true }) }))
    community.listAnnouncements.mockResolvedValue(page([announcement()]))
    renderWithSession(<GroupPage />)
    await waitFor(() => expect(byId('announcement-n-1')).toBeTruthy())
    expect(byId('page-group').className).toContain('tq-elder')
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/)
  })
})
