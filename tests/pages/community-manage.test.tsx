import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks, __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import ManagePage from '../../src/packages/community/pages/manage'
import PostPage from '../../src/packages/community/pages/post'
import { ApiError } from '../../src/services/api'
import { uploadPhotos } from '../../src/services/files'
import { api, me, renderWithSession } from './fixtures'
import { fileId } from './goods-fixtures'
import { announcement, community, membership, page } from './community-fixtures'
import { UUID, cadre, figures, managedDetail, memberView } from './community-admin-fixtures'
import { confirm, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/services/files', () => ({ uploadPhotos: jest.fn() }))

/** 社群管理 of one group (src/packages/community/pages/manage) and 发布公告 (…/post), for its admins and the cadres. */

const upload = uploadPhotos as jest.MockedFunction<typeof uploadPhotos>
const youth = () => me()
const applicant = memberView()
const owner = memberView({ id: 'm-li', userId: 'u-li', name: '李青', role: 'owner', status: 'active', joinedAt: Date.UTC(2026, 9, 1), message: '' })
const admin = memberView({ id: 'm-wang', userId: 'u-wang', name: '王芳', role: 'admin', status: 'active', joinedAt: Date.UTC(2026, 9, 2), sector: 'ecommerce', message: '' })
const plain = memberView({ id: 'm-zhao', userId: 'u-zhao', name: '赵磊', status: 'active', joinedAt: Date.UTC(2026, 9, 3), sector: null, townshipName: null, message: '' })

beforeEach(() => {
  __storage.clear()
  __router.params = { id: 'g-vol' }
  process.env.TARO_ENV = 'h5'
  // The group's owner: a youth without any role.
  api.user.me.mockResolvedValue(youth())
  community.openGroup.mockResolvedValue({ group: managedDetail() })
  community.listJoinRequests.mockResolvedValue(page([applicant]))
  community.listMembers.mockResolvedValue(page([owner, admin, plain]))
})

describe('社群管理: 申请', () => {
  it('lists each request with who asks, from where and why, and approves one: the list and the count are asked again', async () => {
    community.listJoinRequests.mockResolvedValueOnce(page([applicant])).mockResolvedValue(page([]))
    community.reviewJoinRequest.mockResolvedValue({ member: { ...applicant, status: 'active' } })
    renderWithSession(<ManagePage />)
    await waitFor(() => expect(textOf('manage-group-figures')).toContain('成员 30 人 / 上限 31 人 · 覆盖青年 42 人'))
    expect(community.openGroup).toHaveBeenCalledWith({ groupId: 'g-vol' })
    await waitFor(() => expect(textOf('request-m-zhang')).toContain('张晓'))
    expect(community.listJoinRequests).toHaveBeenCalledWith({ groupId: 'g-vol', cursor: undefined })
    expect(textOf('request-m-zhang')).toContain('城关镇团委 · 快递外卖')
    expect(textOf('request-m-zhang')).toContain('申请理由：我是快递小哥，想参加志愿服务。')
    community.openGroup.mockResolvedValue({ group: managedDetail({ members: 31 }) })
    tap('request-approve-m-zhang')
    await waitFor(() => expect(textOf('requests-notice')).toBe('已通过「张晓」的加入申请。'))
    expect(community.reviewJoinRequest).toHaveBeenCalledWith({ membershipId: 'm-zhang', approve: true })
    await waitFor(() => expect(document.getElementById('request-m-zhang')).toBeNull())
    expect(community.listJoinRequests).toHaveBeenCalledTimes(2)
    await waitFor(() => expect(textOf('manage-group-figures')).toContain('成员 31 人 / 上限 31 人'))
  })

  it('rejects only with a reason, which is sent', async () => {
    community.reviewJoinRequest.mockResolvedValue({ member: { ...applicant, status: 'rejected', reason: '本群只面向东街社区的青年' } })
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('request-reject-m-zhang')
    await waitFor(() => expect(document.getElementById('reason-sheet')).toBeTruthy())
    tap('reason-submit')
    await waitFor(() => expect(textOf('reason-error')).toBe('请填写不通过的原因'))
    type('reason-input', '   ')
    tap('reason-submit')
    await waitFor(() => expect(textOf('reason-error')).toBe('请填写不通过的原因'))
    expect(community.reviewJoinRequest).not.toHaveBeenCalled()
    type('reason-input', '本群只面向东街社区的青年')
    tap('reason-submit')
    await waitFor(() => expect(textOf('requests-notice')).toBe('已拒绝「张晓」的加入申请，对方会看到原因。'))
    expect(community.reviewJoinRequest).toHaveBeenCalledWith({ membershipId: 'm-zhang', approve: false, reason: '本群只面向东街社区的青年' })
    expect(community.reviewJoinRequest).toHaveBeenCalledTimes(1)
  })

  it('says in the server’s sentence that the group is full, and keeps the request', async () => {
    community.reviewJoinRequest.mockRejectedValue(new ApiError('GROUP.FULL'))
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('request-approve-m-zhang')
    await waitFor(() => expect(textOf('requests-notice')).toBe(ERRORS['GROUP.FULL']))
    expect(document.getElementById('request-m-zhang')).toBeTruthy()
  })

  it('shows a failed list with 重试', async () => {
    community.listJoinRequests.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<ManagePage />)
    await waitFor(() => expect(textOf('manage-requests')).toContain(ERRORS['GENERIC.NETWORK']))
    tap('requests-retry')
    await screen.findByText('张晓')
    expect(document.getElementById('requests-retry')).toBeNull()
  })

  it('asks again for what is left when another admin decided the request meanwhile', async () => {
    community.listJoinRequests.mockResolvedValueOnce(page([applicant])).mockResolvedValue(page([]))
    community.reviewJoinRequest.mockRejectedValue(new ApiError('GROUP.REQUEST_DONE'))
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('request-reject-m-zhang')
    type('reason-input', '不符合条件')
    tap('reason-submit')
    await waitFor(() => expect(textOf('requests-notice')).toBe(ERRORS['GROUP.REQUEST_DONE']))
    await waitFor(() => expect(document.getElementById('request-m-zhang')).toBeNull())
  })
})

describe('社群管理: 成员', () => {
  it('shows roles; the owner appoints and dismisses admins, and removes a member with a reason after a confirmation', async () => {
    community.setMemberRole.mockResolvedValue({ member: { ...plain, role: 'admin' } })
    community.removeMember.mockResolvedValue({ member: { ...plain, status: 'removed' } })
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('manage-tab-members')
    await waitFor(() => expect(textOf('member-m-li-role')).toBe('群主'))
    expect(community.listMembers).toHaveBeenCalledWith({ groupId: 'g-vol', cursor: undefined })
    expect(textOf('member-m-wang-role')).toBe('管理员')
    expect(textOf('member-m-zhao-role')).toBe('成员')
    expect(textOf('member-m-zhao')).toContain('未填写乡镇和行业')
    // Nobody acts on the owner.
    expect(document.getElementById('member-role-m-li')).toBeNull()
    expect(document.getElementById('member-remove-m-li')).toBeNull()
    expect(textOf('member-role-m-wang')).toBe('取消管理员')
    tap('member-role-m-zhao')
    await waitFor(() => expect(textOf('members-notice')).toBe('已把「赵磊」设为管理员。'))
    expect(community.setMemberRole).toHaveBeenCalledWith({ membershipId: 'm-zhao', role: 'admin' })
    tap('member-role-m-wang')
    await waitFor(() => expect(community.setMemberRole).toHaveBeenLastCalledWith({ membershipId: 'm-wang', role: 'member' }))

    tap('member-remove-m-zhao')
    type('reason-input', '多')
    tap('reason-submit')
    await waitFor(() => expect(textOf('reason-error')).toBe('原因至少2个字'))
    type('reason-input', '多次发布广告')
    tap('reason-submit')
    const words = await confirm('确定移出')
    expect(words).toContain('把「赵磊」移出「城关镇青年志愿者」，原因：多次发布广告')
    await waitFor(() => expect(textOf('members-notice')).toBe('已把「赵磊」移出社群。'))
    expect(community.removeMember).toHaveBeenCalledWith({ membershipId: 'm-zhao', reason: '多次发布广告' })
  })

  it('removes nobody when the confirmation is declined', async () => {
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('manage-tab-members')
    await screen.findByText('赵磊')
    tap('member-remove-m-zhao')
    type('reason-input', '多次发布广告')
    tap('reason-submit')
    fireEvent.click(await screen.findByText('取消'))
    await waitFor(() => expect(screen.queryByText('确定移出')).toBeNull())
    expect(community.removeMember).not.toHaveBeenCalled()
  })

  it('lets an admin remove members only: no appointing, no removing another admin, nothing on their own row', async () => {
    api.user.me.mockResolvedValue(me({ profile: { ...me().profile!, userId: 'u-wang', realName: '王芳' } }))
    community.openGroup.mockResolvedValue({ group: managedDetail({ membership: membership({ id: 'm-wang', groupId: 'g-vol', role: 'admin' }) }) })
    community.listMembers.mockResolvedValue(page([owner, admin, plain, memberView({ id: 'm-sun', userId: 'u-sun', name: '孙丽', role: 'admin', status: 'active' })]))
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('manage-tab-members')
    await screen.findByText('孙丽')
    expect(textOf('member-m-wang')).toContain('（我）')
    expect(document.getElementById('member-remove-m-wang')).toBeNull()
    expect(document.getElementById('member-remove-m-sun')).toBeNull()
    expect(document.getElementById('member-role-m-zhao')).toBeNull()
    expect(document.getElementById('member-remove-m-zhao')).toBeTruthy()
    expect(document.getElementById('manage-edit')).toBeNull()
  })

  it('lets a cadre in scope appoint admins and edit the group', async () => {
    api.user.me.mockResolvedValue(cadre())
    community.openGroup.mockResolvedValue({ group: managedDetail({ membership: null, parentName: '阳城县青年志愿者' }) })
    community.listMembers.mockResolvedValue(page([admin, plain]))
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('manage-edit')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/community/pages/group-edit/index?id=g-vol&parentName=${encodeURIComponent('阳城县青年志愿者')}` })
    tap('manage-tab-members')
    await screen.findByText('赵磊')
    expect(textOf('member-role-m-zhao')).toBe('设为管理员')
    expect(document.getElementById('member-remove-m-wang')).toBeTruthy()
  })
})

describe('社群管理: 公告、数据、小程序码', () => {
  it('lists announcements with read counts and their check, pins one, and opens the post page', async () => {
    community.listAnnouncements
      .mockResolvedValueOnce(
        page([
          announcement({ id: 'n-1', title: '11月志愿活动安排', readCount: 12, memberCount: 40, pinned: true }),
          announcement({ id: 'n-2', title: '河道清理照片', status: 'pending', readCount: 0, memberCount: 40, imageUrls: ['https://tmp.example/a.jpg'] }),
          announcement({ id: 'n-3', title: '换届通知', status: 'withdrawn', readCount: 0, memberCount: 38 }),
        ]),
      )
      .mockResolvedValue(page([announcement({ id: 'n-1', readCount: 12, memberCount: 40, pinned: false })]))
    community.pinAnnouncement.mockResolvedValue({ announcement: announcement({ id: 'n-1', pinned: false }) })
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('manage-tab-announcements')
    await waitFor(() => expect(textOf('announcement-n-1-read')).toBe('已读 12 / 40'))
    expect(community.listAnnouncements).toHaveBeenCalledWith({ groupId: 'g-vol', cursor: undefined })
    expect(textOf('announcement-n-1')).toContain('置顶')
    expect(textOf('announcement-n-2-state')).toBe('图片审核中')
    expect(textOf('announcement-n-3-state')).toBe('未通过审核')
    expect(document.getElementById('announcement-n-1-state')).toBeNull()
    expect(textOf('announcement-pin-n-1')).toBe('取消置顶')
    tap('announcement-pin-n-1')
    await waitFor(() => expect(textOf('announcements-notice')).toBe('已取消置顶「11月志愿活动安排」。'))
    expect(community.pinAnnouncement).toHaveBeenCalledWith({ announcementId: 'n-1', pinned: false })
    await waitFor(() => expect(textOf('announcement-pin-n-1')).toBe('置顶'))
    tap('announcement-new')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/community/pages/post/index?groupId=g-vol&groupName=${encodeURIComponent('城关镇青年志愿者')}` })
    // Back from posting: the list is asked again.
    const before = community.listAnnouncements.mock.calls.length
    act(() => void __pageHooks.didShow?.())
    act(() => void __pageHooks.didShow?.())
    await waitFor(() => expect(community.listAnnouncements.mock.calls.length).toBeGreaterThan(before))
  })

  it('shows the group’s figures and the tower’s, and a failure with 重试', async () => {
    community.groupFigures.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce({ group: figures(), tower: figures({ members: 95, newThisMonth: 10, active30d: 51, activities: 9, hours: 310, groups: 4 }) })
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('manage-tab-figures')
    await waitFor(() => expect(textOf('figures-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('figures-retry')
    await waitFor(() => expect(textOf('figures-group-members')).toBe('成员30 人'))
    expect(community.groupFigures).toHaveBeenCalledWith({ groupId: 'g-vol' })
    expect(textOf('figures-group-newThisMonth')).toBe('本月新增4 人')
    expect(textOf('figures-group-active30d')).toBe('近30天活跃18 人')
    expect(textOf('figures-group-activities')).toBe('活动3 场')
    expect(textOf('figures-group-hours')).toBe('服务时长52.5 小时')
    expect(textOf('figures-tower')).toContain('连同下级社群（共 4 个社群）')
    expect(textOf('figures-tower-members')).toBe('成员95 人')
    expect(textOf('figures-tower-hours')).toBe('服务时长310 小时')
  })

  it('shows the mini-program code, and for an invite-only group the code it carries', async () => {
    community.openGroup.mockResolvedValue({ group: managedDetail({ joinPolicy: 'invite' }) })
    community.groupCode.mockResolvedValue({ scene: 'g=g-vol&i=K7M2QX', imageUrl: 'https://tmp.example/code.png', inviteCode: 'K7M2QX' })
    community.resolveGroupScene.mockResolvedValue({ groupId: 'g-vol', inviteCode: 'K7M2QX' })
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('manage-tab-code')
    await waitFor(() => expect((document.getElementById('code-image') as HTMLImageElement).src).toBe('https://tmp.example/code.png'))
    expect(community.groupCode).toHaveBeenCalledWith({ groupId: 'g-vol' })
    expect(textOf('code-invite')).toContain('邀请码：K7M2QX')
    tap('code-invite-copy')
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'K7M2QX' })
  })

  it('shows no invite code for a group that needs none', async () => {
    community.groupCode.mockResolvedValue({ scene: 'g=g-vol', imageUrl: 'https://tmp.example/code.png', inviteCode: null })
    renderWithSession(<ManagePage />)
    await screen.findByText('张晓')
    tap('manage-tab-code')
    await waitFor(() => expect(document.getElementById('code-image')).toBeTruthy())
    expect(document.getElementById('code-invite')).toBeNull()
    expect(community.resolveGroupScene).not.toHaveBeenCalled()
  })

  it('is closed to a member who does not manage the group, and a load failure offers 重试', async () => {
    community.openGroup.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue({ group: managedDetail({ canManage: false, membership: membership({ groupId: 'g-vol' }) }) })
    renderWithSession(<ManagePage />)
    await waitFor(() => expect(textOf('manage-load-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('manage-retry')
    expect(await screen.findByText(ERRORS['AUTH.FORBIDDEN'])).toBeTruthy()
    expect(community.listJoinRequests).not.toHaveBeenCalled()
  })
})

describe('发布公告', () => {
  beforeEach(() => {
    __router.params = { groupId: 'g-vol', groupName: '城关镇青年志愿者' }
  })

  const fill = () => {
    type('post-title-input', '周六河道清理')
    type('post-body-input', '本周六上午9点在沁河大桥集合。')
  }

  it('sends once on a double tap, with its pictures and pin, then goes back to the group’s management', async () => {
    let answer: (v: unknown) => void = () => undefined
    community.postAnnouncement.mockImplementation(() => new Promise((resolve) => (answer = resolve)))
    renderWithSession(<PostPage />)
    await waitFor(() => expect(document.getElementById('post-images-add')).toBeTruthy())
    expect(textOf('page-community-post')).toContain('发布到：城关镇青年志愿者')
    fill()
    ;(Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: ['/tmp/a.jpg', '/tmp/b.jpg'] })
    upload.mockResolvedValueOnce([fileId('river-0001'), fileId('river-0002')])
    tap('post-images-add')
    await waitFor(() => expect(document.getElementById('post-images-1')).toBeTruthy())
    expect((Taro.chooseImage as jest.Mock).mock.lastCall[0]).toMatchObject({ count: 9 })
    tap('post-pinned')
    tap('post-submit')
    tap('post-submit')
    answer({ announcement: announcement({ id: 'n-9', groupId: 'g-vol', pinned: true }) })
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/community/pages/manage/index?id=g-vol' }))
    expect(community.postAnnouncement).toHaveBeenCalledTimes(1)
    expect(community.postAnnouncement).toHaveBeenCalledWith({
      requestId: expect.stringMatching(UUID),
      groupId: 'g-vol',
      title: '周六河道清理',
      body: '本周六上午9点在沁河大桥集合。',
      images: [fileId('river-0001'), fileId('river-0002')],
      pinned: true,
    })
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已发布', icon: 'success' })
  })

  it('goes back to the page it came from when there is one, saying pending pictures are being checked', async () => {
    ;(Taro.getCurrentPages as jest.Mock).mockReturnValueOnce([{ route: 'manage' }, { route: 'post' }])
    community.postAnnouncement.mockResolvedValue({ announcement: announcement({ status: 'pending' }) })
    renderWithSession(<PostPage />)
    await waitFor(() => expect(document.getElementById('post-title-input')).toBeTruthy())
    fill()
    tap('post-submit')
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
    expect((Taro.showToast as jest.Mock).mock.lastCall[0].title).toContain('图片审核通过后成员才能看到')
  })

  it('refuses a short title before sending, and shows a content-check refusal in the server’s words, keeping its key', async () => {
    community.postAnnouncement
      .mockRejectedValueOnce(new ApiError('GENERIC.CONTENT_RISKY', '公告内容含有违规信息，请修改后再发布。', [{ path: ['body'], message: '公告内容含有违规信息' }]))
      .mockRejectedValueOnce(new ApiError('ANNOUNCEMENT.IMAGE_RISKY'))
      .mockResolvedValueOnce({ announcement: announcement() })
    renderWithSession(<PostPage />)
    await waitFor(() => expect(document.getElementById('post-title-input')).toBeTruthy())
    type('post-title-input', '周')
    tap('post-submit')
    await waitFor(() => expect(textOf('field-post-title-error')).toBe('公告标题至少2个字'))
    expect(textOf('field-post-body-error')).toBe('请填写公告内容')
    expect(community.postAnnouncement).not.toHaveBeenCalled()
    fill()
    tap('post-submit')
    await waitFor(() => expect(textOf('post-notice')).toBe('公告内容含有违规信息，请修改后再发布。'))
    expect(textOf('field-post-body-error')).toBe('公告内容含有违规信息')
    tap('post-submit')
    await waitFor(() => expect(textOf('field-post-images-error')).toBe(ERRORS['ANNOUNCEMENT.IMAGE_RISKY']))
    tap('post-submit')
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
    const keys = community.postAnnouncement.mock.calls.map((c) => c[0].requestId)
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
  })
})
