import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks, __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import ActivitiesPage from '../../src/pages/activities'
import ActivityPage from '../../src/pages/activity'
import MyActivitiesPage from '../../src/packages/youth/pages/my-activities'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { api, me, orgTreeAnswer, profile, renderWithSession, unregistered } from './fixtures'
import { card, participation, view } from './activity-fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me())
})

describe('活动 tab', () => {
  it('lists upcoming activities as cards and pages on with the cursor', async () => {
    api.activity.listActivities
      .mockResolvedValueOnce({ items: [card({ id: 'a1', signed: 12, capacity: 30, waitlisted: 3 })], nextCursor: 'c2' })
      .mockResolvedValueOnce({ items: [card({ id: 'a2', title: '西街敬老院义诊' })], nextCursor: null })
    renderWithSession(<ActivitiesPage />)
    expect(await screen.findByText('东街社区环境整治')).toBeTruthy()
    expect(api.activity.listActivities).toHaveBeenCalledWith({ sort: 'upcoming', q: undefined, cursor: undefined })
    const first = byId('activity-a1')
    expect(first.textContent).toContain('东街社区团支部')
    expect(first.textContent).toContain('东街社区党群服务中心')
    expect(first.textContent).toContain('12/30')
    expect(first.textContent).toContain('候补3人')
    expect(first.textContent).toContain('志愿服务')
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('西街敬老院义诊')).toBeTruthy()
    expect(api.activity.listActivities).toHaveBeenLastCalledWith({ sort: 'upcoming', q: undefined, cursor: 'c2' })
    expect(screen.getByText('没有更多了')).toBeTruthy()
    fireEvent.click(first)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.activity}?id=a1` })
  })

  it('loads the next page when the page reaches the bottom', async () => {
    api.activity.listActivities
      .mockResolvedValueOnce({ items: [card({ id: 'a1' })], nextCursor: 'c2' })
      .mockResolvedValueOnce({ items: [card({ id: 'a2', title: '第二页的活动' })], nextCursor: null })
    renderWithSession(<ActivitiesPage />)
    await screen.findByText('东街社区环境整治')
    act(() => void __pageHooks.reachBottom?.())
    expect(await screen.findByText('第二页的活动')).toBeTruthy()
  })

  it('sorts by distance from the phone (GCJ-02) and shows how far each is', async () => {
    api.activity.listActivities.mockResolvedValue({ items: [card({ id: 'a1', distance: 850 }), card({ id: 'a2', distance: 2340 })], nextCursor: null })
    renderWithSession(<ActivitiesPage />)
    await waitFor(() => expect(api.activity.listActivities).toHaveBeenCalledTimes(1))
    tap('activities-sort-nearby')
    await waitFor(() => expect(api.activity.listActivities).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'nearby' })))
    // The browser reports WGS-84; the server's fences are GCJ-02 (a few hundred metres apart in China).
    expect(Taro.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'wgs84' }))
    const near = api.activity.listActivities.mock.calls.at(-1)[0].near
    expect(near.lat).toBeCloseTo(35.4874, 2)
    expect(near.lng).not.toBe(112.415)
    await waitFor(() => expect(textOf('activity-a1')).toContain('距您850米'))
    expect(textOf('activity-a2')).toContain('距您2.3公里')
  })

  it('explains a refused location and falls back to 即将开始', async () => {
    ;(Taro.getLocation as jest.Mock).mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' })
    api.activity.listActivities.mockResolvedValue({ items: [card()], nextCursor: null })
    renderWithSession(<ActivitiesPage />)
    await screen.findByText('东街社区环境整治')
    tap('activities-sort-nearby')
    await waitFor(() => expect(textOf('activities-location-note')).toMatch(/没有获得位置权限/))
    expect(byId('activities-sort-upcoming').getAttribute('aria-selected')).toBe('true')
    expect(api.activity.listActivities.mock.calls.every(([input]) => input.sort === 'upcoming')).toBe(true)
  })

  it('shows an activity’s cover picture on its card, and no picture where there is none', async () => {
    const url = 'https://tq-env.tcb.qcloud.la/uploads/u_Ab3dEf6hIj9lMn2pQr5tUv/cover.jpg?sign=abc&t=1'
    api.activity.listActivities.mockResolvedValue({ items: [card({ id: 'a1', coverUrl: url }), card({ id: 'a2', title: '西街敬老院义诊', coverUrl: null })], nextCursor: null })
    renderWithSession(<ActivitiesPage />)
    await screen.findByText('西街敬老院义诊')
    const cover = byId('activity-a1-cover')
    expect(cover.getAttribute('src')).toBe(url)
    expect(byId('activity-a1').firstElementChild).toBe(cover)
    expect(document.getElementById('activity-a2-cover')).toBeNull()
    expect(byId('activity-a2').querySelector('img')).toBeNull()
  })

  it('searches by a word', async () => {
    api.activity.listActivities.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<ActivitiesPage />)
    await waitFor(() => expect(api.activity.listActivities).toHaveBeenCalled())
    const input = byId('activities-search').querySelector('input')!
    fireEvent.change(input, { target: { value: '义诊' } })
    fireEvent.keyDown(input, { key: 'Enter' })
    await waitFor(() => expect(api.activity.listActivities).toHaveBeenLastCalledWith({ sort: 'upcoming', q: '义诊', cursor: undefined }))
    expect(await screen.findByText('没有找到与“义诊”有关的活动')).toBeTruthy()
  })
})

describe('活动详情', () => {
  it('shows the details and signs up; a full activity puts me on the waitlist with my position', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity
      .mockResolvedValueOnce({ activity: view({ signed: 30, capacity: 30, waitlisted: 2 }), mine: null })
      .mockResolvedValue({ activity: view({ signed: 30, capacity: 30, waitlisted: 3 }), mine: participation({ status: 'waitlisted', waitlistPosition: 3 }) })
    api.activity.signUp.mockResolvedValue({ participation: participation({ status: 'waitlisted', waitlistPosition: 3 }) })
    renderWithSession(<ActivityPage />)
    expect(await screen.findByText('东街社区环境整治')).toBeTruthy()
    expect(api.activity.getActivity).toHaveBeenCalledWith({ activityId: 'a1' })
    expect(textOf('activity-quota')).toContain('已报名 30/30')
    expect(textOf('activity-quota')).toContain('候补 2 人')
    expect(textOf('activity-modes')).toBe('现场签到码、定位签到、组织者扫码')
    expect(textOf('activity-points')).toContain('每小时 1 益币')
    expect(textOf('activity-description')).toContain('清理楼道杂物')
    expect(textOf('activity-signup')).toBe('名额已满，报名候补')
    tap('activity-signup')
    await waitFor(() => expect(textOf('activity-done')).toMatch(/您是候补第3位/))
    // The browser build has no subscription messages: nothing was asked.
    expect(api.activity.signUp).toHaveBeenCalledWith({ activityId: 'a1', subscribed: false })
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled()
    expect(textOf('activity-mine-status')).toBe('候补第3位')
    expect(textOf('activity-cancel')).toBe('取消候补')
  })

  it('asks WeChat for the activity messages first in the mini program and says so', async () => {
    process.env.TARO_ENV = 'weapp'
    process.env.TARO_APP_TEMPLATE_REMINDER = 'tmpl-reminder'
    process.env.TARO_APP_TEMPLATE_WAITLIST = 'tmpl-waitlist'
    try {
      __router.params = { id: 'a1' }
      api.activity.getActivity.mockResolvedValue({ activity: view(), mine: null })
      ;(Taro.requestSubscribeMessage as jest.Mock).mockResolvedValueOnce({ errMsg: 'ok', 'tmpl-reminder': 'accept', 'tmpl-waitlist': 'reject' })
      api.activity.signUp.mockResolvedValue({ participation: participation() })
      renderWithSession(<ActivityPage />)
      await screen.findByText('东街社区环境整治')
      tap('activity-signup')
      await waitFor(() => expect(textOf('activity-done')).toBe('报名成功！活动开始前会提醒您。'))
      expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-reminder', 'tmpl-waitlist'] })
      expect(api.activity.signUp).toHaveBeenCalledWith({ activityId: 'a1', subscribed: true })
    } finally {
      delete process.env.TARO_APP_TEMPLATE_REMINDER
      delete process.env.TARO_APP_TEMPLATE_WAITLIST
    }
  })

  it('cancels a sign-up only after a confirmation', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view(), mine: participation() })
    api.activity.cancelSignUp.mockResolvedValue({ participation: participation({ status: 'cancelled' }) })
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    expect(textOf('activity-mine-status')).toBe('已报名')
    tap('activity-cancel')
    expect(await screen.findByText('取消后名额会让给候补的青年，确定取消报名吗？')).toBeTruthy()
    fireEvent.click(screen.getByText('取消'))
    await waitFor(() => expect(screen.queryByText('取消后名额会让给候补的青年，确定取消报名吗？')).toBeNull())
    expect(api.activity.cancelSignUp).not.toHaveBeenCalled()
    tap('activity-cancel')
    fireEvent.click(await screen.findByText('确定取消'))
    await waitFor(() => expect(textOf('activity-done')).toBe('已取消报名。'))
    expect(api.activity.cancelSignUp).toHaveBeenCalledWith({ activityId: 'a1' })
  })

  it('offers 去签到 inside the check-in window and 去签退 after checking in', async () => {
    const start = Date.now() - 10 * 60_000
    const live = { startAt: start, endAt: start + 7_200_000, signUpEndAt: start - 3_600_000, checkInOpensAt: start - 1_800_000, checkInClosesAt: start + 7_200_000, checkOutClosesAt: start + 10_800_000 }
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValueOnce({ activity: view(live), mine: participation() })
    const { unmount } = renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    tap('activity-checkin')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.checkin}?id=a1&mode=in` })
    expect(document.getElementById('activity-cancel')).toBeNull()
    unmount()

    const inAt = Date.now() - 5 * 60_000
    api.activity.getActivity.mockResolvedValueOnce({ activity: view(live), mine: participation({ checkInAt: inAt, checkInMethod: 'code' }) })
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    expect(textOf('activity-mine-status')).toMatch(/^已签到 \d\d:\d\d$/)
    tap('activity-checkout')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.checkin}?id=a1&mode=out` })
  })

  it('names an approved participation’s hours and the flags the organizer will check', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({
      activity: view({ startAt: Date.now() - 2 * 86_400_000, endAt: Date.now() - 2 * 86_400_000 + 7_200_000 }),
      mine: participation({ checkInAt: 1, checkOutAt: 2, review: 'approved', approvedMinutes: 150, flags: ['outside_fence'] }),
    })
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    expect(textOf('activity-mine-status')).toBe('已通过 2.5小时')
    expect(textOf('activity-mine-flags')).toContain('签到位置在范围外')
    expect(document.getElementById('activity-signup')).toBeNull()
  })

  it('shows the cover picture as a banner on top of the details, and none when there is no cover', async () => {
    const url = 'https://tq-env.tcb.qcloud.la/uploads/u_Ab3dEf6hIj9lMn2pQr5tUv/cover.jpg?sign=abc&t=1'
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValueOnce({ activity: view({ coverUrl: url, cover: 'cloud://tq-env.7471/uploads/u_Ab3dEf6hIj9lMn2pQr5tUv/cover0000000000000000.jpg' }), mine: null })
    const { unmount } = renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    const cover = byId('activity-cover')
    expect(cover.getAttribute('src')).toBe(url)
    expect(cover.compareDocumentPosition(byId('activity-title')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    unmount()

    api.activity.getActivity.mockResolvedValueOnce({ activity: view(), mine: null })
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    expect(document.getElementById('activity-cover')).toBeNull()
    expect(byId('page-activity').querySelector('img')).toBeNull()
  })

  it('shares the activity with its title and path', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view(), mine: null })
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    const share = __pageHooks.shareAppMessage?.() as { title: string; path: string }
    expect(share.path).toBe(`${ROUTES.activity}?id=a1`)
    expect(share.title).toContain('东街社区环境整治')
  })

  it('shows the organizer’s links to a cadre in scope', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view({ canManage: true }), mine: null })
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    tap('activity-manage-board')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.cadreBoard}?id=a1` })
    tap('activity-manage-edit')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.cadreActivityEdit}?id=a1` })
    tap('activity-manage-review')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.cadreReview}?orgId=b-dongjie&orgName=${encodeURIComponent('东街社区团支部')}&activityId=a1` })
  })

  it('hides the organizer’s links from a youth', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view(), mine: null })
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    expect(document.getElementById('activity-manage')).toBeNull()
  })

  it('sends someone without a profile to register', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view(), mine: null })
    api.activity.signUp.mockRejectedValue(new ApiError('USER.NOT_REGISTERED'))
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    tap('activity-signup')
    expect(await screen.findByText(ERRORS['USER.NOT_REGISTERED'])).toBeTruthy()
    tap('activity-register')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: ROUTES.index })
  })

  it('treats 已报名 as where the youth stands, reloading their sign-up instead of showing an error', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValueOnce({ activity: view(), mine: null })
    api.activity.signUp.mockRejectedValue(new ApiError('SIGNUP.ALREADY'))
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    api.activity.getActivity.mockResolvedValue({ activity: view(), mine: participation({ status: 'signed' }) })
    tap('activity-signup')
    await waitFor(() => expect(textOf('activity-done')).toBe(ERRORS['SIGNUP.ALREADY']))
    await waitFor(() => expect(api.activity.getActivity).toHaveBeenCalledTimes(2))
    expect(document.getElementById('activity-error')?.textContent ?? '').toBe('')
  })

  it('sends a registered youth without an ID number to their profile for a 实名 activity', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view(), mine: null })
    api.activity.signUp.mockRejectedValue(new ApiError('SIGNUP.REAL_NAME_REQUIRED'))
    renderWithSession(<ActivityPage />)
    await screen.findByText('东街社区环境整治')
    tap('activity-signup')
    expect(await screen.findByText(ERRORS['SIGNUP.REAL_NAME_REQUIRED'])).toBeTruthy()
    expect(document.getElementById('activity-register')).toBeNull()
    tap('activity-add-id')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.profile })
  })
})

describe('我的活动', () => {
  it('lists my upcoming and past activities with where I stand', async () => {
    api.activity.myActivities
      .mockResolvedValueOnce({ items: [{ activity: card(), participation: participation({ status: 'waitlisted', waitlistPosition: 2 }) }], nextCursor: null })
      .mockResolvedValueOnce({ items: [{ activity: card({ id: 'a0', title: '上月的植树活动' }), participation: participation({ review: 'approved', approvedMinutes: 120 }) }], nextCursor: null })
    renderWithSession(<MyActivitiesPage />)
    expect(await screen.findByText('候补第2位')).toBeTruthy()
    expect(api.activity.myActivities).toHaveBeenCalledWith({ when: 'upcoming', cursor: undefined })
    tap('my-activities-when-past')
    expect(await screen.findByText('上月的植树活动')).toBeTruthy()
    expect(screen.getByText('已通过 2小时')).toBeTruthy()
    expect(api.activity.myActivities).toHaveBeenLastCalledWith({ when: 'past', cursor: undefined })
  })
})

describe('活动 tab · 按组织', () => {
  type ListInput = { sort: string; orgId?: string; q?: string; cursor?: string }
  const lastList = (): ListInput => api.activity.listActivities.mock.calls.at(-1)[0]
  /** A tap in the picker, and whatever it loads. */
  const pick = async (orgId: string) => {
    const option = await waitFor(() => byId(`activities-org-option-${orgId}`))
    await act(async () => void fireEvent.click(option))
  }

  beforeEach(() => {
    api.user.getOrgTree.mockImplementation(orgTreeAnswer)
    api.activity.listActivities.mockImplementation(async (input: ListInput) => {
      if (input.orgId === 't-chengguan') return { items: [card({ id: 'a3', title: '城关镇义务植树' })], nextCursor: null }
      if (input.orgId === 'b-xijie') {
        return { items: input.q ? [] : [card({ id: 'a9', title: '西街团支部读书会', orgId: 'b-xijie', orgName: '西街团支部' })], nextCursor: null }
      }
      return { items: [card()], nextCursor: null }
    })
  })

  it('starts at my township, lists the chosen org’s activities with the search word, and drops the org on 即将开始', async () => {
    renderWithSession(<ActivitiesPage />)
    await screen.findByText('东街社区环境整治')
    expect(document.getElementById('activities-org')).toBeNull()

    tap('activities-sort-org')
    expect(await screen.findByText('城关镇义务植树')).toBeTruthy()
    expect(lastList()).toEqual({ sort: 'upcoming', orgId: 't-chengguan', q: undefined, cursor: undefined })
    expect(textOf('activities-org-open')).toContain('城关镇团委')
    expect(screen.queryByText('东街社区环境整治')).toBeNull()

    await act(async () => void tap('activities-org-open'))
    await pick('c-yangcheng')
    await pick('t-chengguan')
    await pick('b-xijie')
    expect(await screen.findByText('西街团支部读书会')).toBeTruthy()
    expect(lastList()).toEqual({ sort: 'upcoming', orgId: 'b-xijie', q: undefined, cursor: undefined })
    expect(textOf('activities-org-open')).toContain('西街团支部')
    expect(screen.queryByText('城关镇义务植树')).toBeNull()

    const input = byId('activities-search').querySelector('input')!
    fireEvent.change(input, { target: { value: '义诊' } })
    fireEvent.keyDown(input, { key: 'Enter' })
    expect(await screen.findByText('西街团支部没有与“义诊”有关的活动')).toBeTruthy()
    expect(lastList()).toEqual({ sort: 'upcoming', orgId: 'b-xijie', q: '义诊', cursor: undefined })

    tap('activities-sort-upcoming')
    expect(await screen.findByText('东街社区环境整治')).toBeTruthy()
    expect(lastList()).toEqual({ sort: 'upcoming', q: '义诊', cursor: undefined })
    expect(lastList()).not.toHaveProperty('orgId')
    expect(document.getElementById('activities-org')).toBeNull()

    // Back to 按组织: the org chosen before is still the one shown.
    tap('activities-sort-org')
    expect(await screen.findByText('西街团支部没有与“义诊”有关的活动')).toBeTruthy()
    expect(lastList()).toEqual({ sort: 'upcoming', orgId: 'b-xijie', q: '义诊', cursor: undefined })
  })

  it('pages on within the org with the cursor', async () => {
    api.activity.listActivities.mockImplementation(async (input: ListInput) => {
      if (!input.orgId) return { items: [], nextCursor: null }
      return input.cursor === 'c2'
        ? { items: [card({ id: 'a4', title: '城关镇第二页的活动' })], nextCursor: null }
        : { items: [card({ id: 'a3', title: '城关镇义务植树' })], nextCursor: 'c2' }
    })
    renderWithSession(<ActivitiesPage />)
    await waitFor(() => expect(api.activity.listActivities).toHaveBeenCalled())
    tap('activities-sort-org')
    await screen.findByText('城关镇义务植树')
    act(() => void __pageHooks.reachBottom?.())
    expect(await screen.findByText('城关镇第二页的活动')).toBeTruthy()
    expect(lastList()).toEqual({ sort: 'upcoming', orgId: 't-chengguan', q: undefined, cursor: 'c2' })
    expect(screen.getByText('城关镇义务植树')).toBeTruthy()
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  it('starts at my own org when no township stands above it', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ townshipId: null, townshipName: null }) }))
    renderWithSession(<ActivitiesPage />)
    await screen.findByText('东街社区环境整治')
    tap('activities-sort-org')
    await waitFor(() => expect(textOf('activities-org-open')).toContain('东街社区团支部'))
    await waitFor(() => expect(lastList()).toEqual({ sort: 'upcoming', orgId: 'b-dongjie', q: undefined, cursor: undefined }))
    expect(await screen.findByText('东街社区环境整治')).toBeTruthy()
  })

  it('asks someone without a profile to choose an org before listing', async () => {
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<ActivitiesPage />)
    await screen.findByText('东街社区环境整治')
    tap('activities-sort-org')
    expect(await screen.findByText('请先选择一个团组织')).toBeTruthy()
    expect(screen.queryByText('东街社区环境整治')).toBeNull()
    expect(api.activity.listActivities.mock.calls.some(([input]) => input.orgId)).toBe(false)

    await act(async () => void tap('activities-org-open'))
    await pick('c-yangcheng')
    await pick('t-chengguan')
    tap('activities-org-choose')
    expect(await screen.findByText('城关镇义务植树')).toBeTruthy()
    expect(lastList()).toEqual({ sort: 'upcoming', orgId: 't-chengguan', q: undefined, cursor: undefined })
  })
})
