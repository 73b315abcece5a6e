import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import BoardPage from '../../src/packages/cadre/pages/board'
import ReviewPage from '../../src/packages/cadre/pages/review'
import ScanPage from '../../src/packages/cadre/pages/scan'
import CadreActivitiesPage from '../../src/packages/cadre/pages/activities'
import ActivityEditPage from '../../src/packages/cadre/pages/activity-edit'
import MePage from '../../src/pages/me'
import { ApiError } from '../../src/services/api'
import { uploadPhotos } from '../../src/services/files'
import { ROUTES } from '../../src/utils/routes'
import { api, me, orgTreeAnswer, renderWithSession, role } from './fixtures'
import { card, liveView, reviewItem, view } from './activity-fixtures'
import { byId, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/services/files', () => ({ uploadPhotos: jest.fn() }))

const upload = uploadPhotos as jest.MockedFunction<typeof uploadPhotos>
const fileId = (name: string) => `cloud://env-1.tcb/uploads/u_${'A'.repeat(22)}/${name}.jpg`
/** The next photo the cadre picks (the browser build's chooser). */
const picks = (path: string) => (Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: [path] })

jest.mock('../../src/components/qr-code', () => require('./mock-modules').qrCodeModule())

const cadre = () => me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] })

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
})

afterEach(() => {
  jest.useRealTimers()
})


/** The fields a new activity needs beyond the defaults. */
function fillBasics() {
  type('edit-title-input', '周末环境整治')
  type('edit-description-input', '清理楼道杂物')
  type('edit-place-input', '东街社区')
  type('edit-lat-input', '35.486')
  type('edit-lng-input', '112.415')
}

describe('我的: volunteer and workbench entries', () => {
  it('gives every youth 我的活动, 我的时长 and 我的签到码', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    tap('entry-my-activities')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.myActivities })
    tap('entry-hours')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.hours })
    tap('entry-my-code')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.myCode })
    expect(document.getElementById('entry-cadre-activities')).toBeNull()
  })

  it('gives a cadre 活动管理 and 审核时长', async () => {
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    tap('entry-cadre-activities')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.cadreActivities })
    tap('entry-cadre-review')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.cadreReview })
  })
})

describe('cadre: 活动管理', () => {
  it('lists every activity of the org with its status and starts a new one for that org', async () => {
    api.activity.manageActivities.mockResolvedValue({
      items: [card({ id: 'a1', status: 'draft', title: '草稿活动' }), card({ id: 'a2', status: 'published' }), card({ id: 'a3', status: 'cancelled', title: '取消的活动' })],
      nextCursor: null,
    })
    renderWithSession(<CadreActivitiesPage />)
    expect(await screen.findByText('草稿活动')).toBeTruthy()
    expect(api.activity.manageActivities).toHaveBeenCalledWith({ orgId: 't-chengguan', cursor: undefined })
    expect(textOf('manage-a1')).toContain('草稿')
    expect(textOf('manage-a2')).toContain('已发布')
    expect(textOf('manage-a3')).toContain('已取消')
    tap('manage-a1')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.cadreActivityEdit}?id=a1` })
    tap('manage-a2')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.activity}?id=a2` })
    tap('cadre-activity-new')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.cadreActivityEdit}?orgId=t-chengguan&orgName=${encodeURIComponent('城关镇团委')}` })
  })

  it('stays closed to a youth', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<CadreActivitiesPage />)
    expect(await screen.findByText(ERRORS['AUTH.FORBIDDEN'])).toBeTruthy()
    expect(api.activity.manageActivities).not.toHaveBeenCalled()
  })
})

describe('cadre: 新建/编辑活动', () => {
  it('shows the shared schema’s messages under the fields and sends nothing', async () => {
    __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
    renderWithSession(<ActivityEditPage />)
    await screen.findByText('保存草稿')
    expect(textOf('edit-org-open')).toContain('城关镇团委')
    tap('edit-save')
    await waitFor(() => expect(textOf('field-edit-title-error')).toBe('活动名称至少2个字'))
    expect(textOf('field-edit-description-error')).toBe('请填写活动介绍')
    expect(textOf('field-edit-place-error')).toBe('请填写活动地点')
    expect(textOf('field-edit-point-error')).toBe('请填写活动地点的纬度和经度')
    expect(textOf('edit-notice')).toBe('有几项需要修改，请看红色提示。')
    expect(api.activity.createActivity).not.toHaveBeenCalled()
  })

  it('shows a number out of range under its field', async () => {
    __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
    renderWithSession(<ActivityEditPage />)
    await screen.findByText('保存草稿')
    fillBasics()
    type('edit-capacity-input', '0')
    tap('edit-save')
    await waitFor(() => expect(textOf('field-edit-capacity-error')).toBe('名额至少1人'))
    expect(document.getElementById('field-edit-title-error')).toBeNull()
  })

  it('creates the activity and publishes it, then opens it', async () => {
    __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
    api.activity.createActivity.mockResolvedValue({ activity: view({ id: 'new1', status: 'draft' }) })
    api.activity.publishActivity.mockResolvedValue({ activity: view({ id: 'new1', status: 'published' }) })
    renderWithSession(<ActivityEditPage />)
    await screen.findByText('保存草稿')
    fillBasics()
    tap('edit-modes-scan')
    tap('edit-publish')
    await waitFor(() => expect(api.activity.publishActivity).toHaveBeenCalledWith({ activityId: 'new1' }))
    const sent = api.activity.createActivity.mock.calls[0][0]
    expect(sent).toEqual(
      expect.objectContaining({
        orgId: 't-chengguan',
        kind: 'volunteer',
        title: '周末环境整治',
        place: { name: '东街社区', lat: 35.486, lng: 112.415, radius: 300 },
        capacity: 30,
        checkInModes: ['code', 'geo'],
        audience: { type: 'everyone' },
      }),
    )
    expect(sent.signUpEndAt).toBeLessThanOrEqual(sent.startAt)
    expect(sent.endAt - sent.startAt).toBe(2 * 3_600_000)
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.activity}?id=new1` })
  })

  it('sends a failed create again with the same request key, so a lost reply never makes two drafts', async () => {
    __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
    api.activity.createActivity.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValue({ activity: view({ id: 'new1', status: 'draft' }) })
    renderWithSession(<ActivityEditPage />)
    await screen.findByText('保存草稿')
    fillBasics()
    tap('edit-save')
    await waitFor(() => expect(api.activity.createActivity).toHaveBeenCalledTimes(1))
    await waitFor(() => expect(byId('edit-save').textContent).toContain('保存草稿'))
    tap('edit-save')
    await waitFor(() => expect(api.activity.createActivity).toHaveBeenCalledTimes(2))
    const [first, second] = api.activity.createActivity.mock.calls.map((c) => c[0])
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(second.requestId).toBe(first.requestId)
  })

  it('edits an existing activity with updateActivity (no org or kind) and shows a server refusal under its field', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view({ id: 'a1', status: 'published', canManage: true }), mine: null })
    api.activity.updateActivity.mockRejectedValue(new ApiError('ACTIVITY.CAPACITY_BELOW_SIGNED'))
    renderWithSession(<ActivityEditPage />)
    await screen.findByText('保存修改')
    expect(document.getElementById('edit-publish')).toBeNull()
    type('edit-capacity-input', '5')
    tap('edit-save')
    await waitFor(() => expect(textOf('field-edit-capacity-error')).toBe(ERRORS['ACTIVITY.CAPACITY_BELOW_SIGNED']))
    const sent = api.activity.updateActivity.mock.calls[0][0]
    expect(sent.activityId).toBe('a1')
    expect(sent.capacity).toBe(5)
    expect(sent).not.toHaveProperty('orgId')
    expect(sent).not.toHaveProperty('kind')
    expect(sent).not.toHaveProperty('requestId')
  })

  it('cancels an activity with a reason after a confirmation', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view({ id: 'a1', status: 'published', canManage: true }), mine: null })
    api.activity.cancelActivity.mockResolvedValue({ activity: view({ id: 'a1', status: 'cancelled', cancelReason: '天气原因' }), notified: 12 })
    renderWithSession(<ActivityEditPage />)
    await screen.findByText('保存修改')
    tap('edit-cancel')
    await waitFor(() => expect(textOf('field-edit-cancel-reason-error')).toMatch(/请填写取消原因/))
    type('edit-cancel-reason-input', '天气原因')
    tap('edit-cancel')
    fireEvent.click(await screen.findByText('确定取消'))
    await waitFor(() => expect(textOf('edit-notice')).toBe('活动已取消，已通知 12 位报名的青年。'))
    expect(api.activity.cancelActivity).toHaveBeenCalledWith({ activityId: 'a1', reason: '天气原因' })
  })

  describe('封面图片', () => {
    const fillForm = () => {
      type('edit-title-input', '周末环境整治')
      type('edit-description-input', '清理楼道杂物')
      type('edit-place-input', '东街社区')
      type('edit-lat-input', '35.486')
      type('edit-lng-input', '112.415')
    }
    const editing = (over: Parameters<typeof view>[0] = {}) => {
      __router.params = { id: 'a1' }
      const saved = view({ id: 'a1', status: 'published', canManage: true, cover: fileId('oldCover01'), coverUrl: 'https://tmp.example/old.jpg', ...over })
      api.activity.getActivity.mockResolvedValue({ activity: saved, mine: null })
      api.activity.updateActivity.mockImplementation(async (input: { cover?: string | null }) => ({
        activity: { ...saved, ...('cover' in input ? { cover: input.cover ?? null } : {}) },
      }))
    }

    it('uploads the chosen picture at once, shows it and creates the activity with its file id', async () => {
      __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
      api.activity.createActivity.mockResolvedValue({ activity: view({ id: 'new1', status: 'draft' }) })
      let finish: (ids: string[]) => void = () => undefined
      upload.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)))
      picks('blob:http://127.0.0.1/cover-1')
      renderWithSession(<ActivityEditPage />)
      await screen.findByText('保存草稿')
      fillForm()
      tap('edit-cover-choose')
      await waitFor(() => expect(textOf('edit-cover-choose')).toBe('上传中…'))
      expect(upload).toHaveBeenCalledWith('u-li', ['blob:http://127.0.0.1/cover-1'])
      // Saving waits for the upload: the cover would be missing otherwise.
      tap('edit-save')
      expect(api.activity.createActivity).not.toHaveBeenCalled()
      await act(async () => finish([fileId('newCover01')]))
      await waitFor(() => expect(byId('edit-cover-image').getAttribute('src')).toBe('blob:http://127.0.0.1/cover-1'))
      expect(textOf('edit-cover-choose')).toBe('更换图片')
      tap('edit-save')
      await waitFor(() => expect(api.activity.createActivity).toHaveBeenCalled())
      expect(api.activity.createActivity.mock.calls[0][0].cover).toBe(fileId('newCover01'))
    })

    it('shows why an upload failed and creates the activity without a cover', async () => {
      __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
      api.activity.createActivity.mockResolvedValue({ activity: view({ id: 'new1', status: 'draft' }) })
      upload.mockRejectedValueOnce(new ApiError('FILE.TOO_LARGE'))
      picks('blob:http://127.0.0.1/huge')
      renderWithSession(<ActivityEditPage />)
      await screen.findByText('保存草稿')
      fillForm()
      tap('edit-cover-choose')
      await waitFor(() => expect(textOf('field-edit-cover-error')).toBe(ERRORS['FILE.TOO_LARGE']))
      expect(document.getElementById('edit-cover-image')).toBeNull()
      expect(textOf('edit-cover-choose')).toBe('选择图片')
      tap('edit-save')
      await waitFor(() => expect(api.activity.createActivity).toHaveBeenCalled())
      expect(api.activity.createActivity.mock.calls[0][0].cover).toBeNull()
    })

    it('keeps the saved cover unless it is changed, and removes it with cover: null', async () => {
      editing()
      renderWithSession(<ActivityEditPage />)
      await screen.findByText('保存修改')
      expect(byId('edit-cover-image').getAttribute('src')).toBe('https://tmp.example/old.jpg')
      tap('edit-save')
      await waitFor(() => expect(api.activity.updateActivity).toHaveBeenCalledTimes(1))
      expect(api.activity.updateActivity.mock.calls[0][0]).not.toHaveProperty('cover')
      await waitFor(() => expect(textOf('edit-notice')).toBe('修改已保存。'))

      tap('edit-cover-remove')
      expect(document.getElementById('edit-cover-image')).toBeNull()
      expect(document.getElementById('edit-cover-remove')).toBeNull()
      tap('edit-save')
      await waitFor(() => expect(api.activity.updateActivity).toHaveBeenCalledTimes(2))
      expect(api.activity.updateActivity.mock.calls[1][0]).toEqual(expect.objectContaining({ activityId: 'a1', cover: null }))
    })

    it('says when the saved cover waits for its content check, or failed it', async () => {
      editing({ coverCheck: 'pending' })
      const { unmount } = renderWithSession(<ActivityEditPage />)
      await screen.findByText('保存修改')
      expect(textOf('field-edit-cover')).toContain('通过后其他人才能看到')
      unmount()
      editing({ coverCheck: 'risky' })
      renderWithSession(<ActivityEditPage />)
      await screen.findByText('保存修改')
      await waitFor(() => expect(textOf('field-edit-cover-error')).toContain('未通过内容安全检查'))
    })

    it('keeps the saved cover when a replacement fails, and sends the new file id once one uploads', async () => {
      editing()
      upload.mockRejectedValueOnce(new ApiError('FILE.UPLOAD_FAILED')).mockResolvedValueOnce([fileId('newCover02')])
      picks('blob:http://127.0.0.1/try-1')
      picks('blob:http://127.0.0.1/try-2')
      renderWithSession(<ActivityEditPage />)
      await screen.findByText('保存修改')
      tap('edit-cover-choose')
      await waitFor(() => expect(textOf('field-edit-cover-error')).toBe(ERRORS['FILE.UPLOAD_FAILED']))
      expect(byId('edit-cover-image').getAttribute('src')).toBe('https://tmp.example/old.jpg')
      tap('edit-cover-choose')
      await waitFor(() => expect(byId('edit-cover-image').getAttribute('src')).toBe('blob:http://127.0.0.1/try-2'))
      expect(document.getElementById('field-edit-cover-error')).toBeNull()
      tap('edit-save')
      await waitFor(() => expect(api.activity.updateActivity).toHaveBeenCalled())
      expect(api.activity.updateActivity.mock.calls[0][0].cover).toBe(fileId('newCover02'))
    })

    it('tells a cadre without a youth profile why there is no picker', async () => {
      api.user.me.mockResolvedValue(me({ profile: null, roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] }))
      __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
      renderWithSession(<ActivityEditPage />)
      await screen.findByText('保存草稿')
      expect(textOf('edit-cover-no-profile')).toBe('登记青年档案后才能上传图片。')
      expect(document.getElementById('edit-cover-choose')).toBeNull()
    })
  })
})

describe('cadre: 签到看板', () => {
  const board = (over: Partial<{ value: string; short: string; expiresAt: number; counts: Record<string, number> }> = {}) => ({
    counts: { signed: 28, waitlisted: 3, checkedIn: 17, checkedOut: 2, flagged: 1, ...(over.counts ?? {}) },
    code: { value: over.value ?? 'a1.58933.k3J9x2', short: over.short ?? '042917', step: 58933, expiresAt: over.expiresAt ?? Date.now() + 21_000 },
    serverTime: Date.now(),
  })

  it('shows the rotating code as a QR with its 6 digits to type, the countdown and the live counts', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: liveView(), mine: null })
    api.activity.attendanceBoard.mockResolvedValue(board())
    renderWithSession(<BoardPage />)
    await waitFor(() => expect(byId('board-qr').getAttribute('data-value')).toBe('a1.58933.k3J9x2'))
    expect(api.activity.attendanceBoard).toHaveBeenCalledWith({ activityId: 'a1' })
    expect(textOf('board-short-code')).toBe('042 917')
    expect(textOf('board-countdown')).toMatch(/^(19|20|21) 秒后更换$/)
    expect(textOf('board-count-signed')).toBe('28')
    expect(textOf('board-count-waitlisted')).toBe('3')
    expect(textOf('board-count-checkedIn')).toBe('17')
    expect(textOf('board-count-checkedOut')).toBe('2')
    expect(textOf('board-count-flagged')).toBe('1')
    expect(Taro.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true })
  })

  it('refreshes every 5 seconds and as soon as the code expires', async () => {
    jest.useFakeTimers()
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: liveView(), mine: null })
    api.activity.attendanceBoard
      .mockResolvedValueOnce(board({ expiresAt: Date.now() + 2500 }))
      .mockResolvedValueOnce(board({ value: 'a1.58934.Zp0q7W', short: '773105', expiresAt: Date.now() + 32_500, counts: { checkedIn: 18 } }))
      .mockResolvedValue(board({ value: 'a1.58934.Zp0q7W', short: '773105', expiresAt: Date.now() + 32_500, counts: { checkedIn: 19 } }))
    renderWithSession(<BoardPage />)
    await act(async () => {
      await Promise.resolve()
    })
    await waitFor(() => expect(byId('board-qr').getAttribute('data-value')).toBe('a1.58933.k3J9x2'))
    // The code runs out after 2.5 s: the board fetches the next one before the 5-second poll.
    await act(async () => {
      jest.advanceTimersByTime(3000)
    })
    await waitFor(() => expect(byId('board-qr').getAttribute('data-value')).toBe('a1.58934.Zp0q7W'))
    expect(textOf('board-short-code')).toBe('773 105')
    expect(textOf('board-count-checkedIn')).toBe('18')
    await act(async () => {
      jest.advanceTimersByTime(5000)
    })
    await waitFor(() => expect(textOf('board-count-checkedIn')).toBe('19'))
  })

  it('says when check-in is not open', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view(), mine: null })
    api.activity.attendanceBoard.mockResolvedValue({ counts: { signed: 5, waitlisted: 0, checkedIn: 0, checkedOut: 0, flagged: 0 }, code: null, serverTime: Date.now() })
    renderWithSession(<BoardPage />)
    await waitFor(() => expect(textOf('board-closed')).toMatch(/不在签到时间内/))
    expect(document.getElementById('board-qr')).toBeNull()
  })
})

describe('cadre: 扫码签到 (offline queue)', () => {
  const QUEUE_KEY = 'tq.scanQueue.a1'

  it('queues a scan on the phone, syncs it and shows the result', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: liveView(), mine: null })
    api.activity.syncScans.mockImplementation(async ({ scans }: { scans: { scanId: string }[] }) => ({
      results: scans.map((s) => ({ id: s.scanId, ok: true, code: null, message: null })),
    }))
    renderWithSession(<ScanPage />)
    await screen.findByText('东街社区环境整治')
    type('scan-code-input', 'pc-7Hq2kLm9')
    tap('scan-code-submit')
    await waitFor(() => expect(textOf('scan-results')).toContain('签到成功'))
    const sent = api.activity.syncScans.mock.calls[0][0]
    expect(sent.activityId).toBe('a1')
    expect(sent.scans).toEqual([{ scanId: expect.stringMatching(/^[0-9a-f-]{36}$/), personCode: 'pc-7Hq2kLm9', kind: 'in', scannedAt: expect.any(Number) }])
    expect(textOf('scan-queue-count')).toBe('0 条')
    expect(__storage.has(QUEUE_KEY)).toBe(false)
  })

  it('keeps scans on the phone when the network is down and sends them when it is back', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: liveView(), mine: null })
    api.activity.syncScans.mockRejectedValue(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<ScanPage />)
    await screen.findByText('东街社区环境整治')
    tap('scan-kind-out')
    type('scan-code-input', 'pc-1')
    tap('scan-code-submit')
    await waitFor(() => expect(textOf('scan-status')).toMatch(/暂时没有网络/))
    type('scan-code-input', 'pc-2')
    tap('scan-code-submit')
    await waitFor(() => expect(textOf('scan-queue-count')).toBe('2 条'))
    const stored = __storage.get(QUEUE_KEY) as { personCode: string; kind: string }[]
    expect(stored.map((s) => [s.personCode, s.kind])).toEqual([
      ['pc-1', 'out'],
      ['pc-2', 'out'],
    ])

    api.activity.syncScans.mockReset()
    api.activity.syncScans.mockImplementation(async ({ scans }: { scans: { scanId: string; personCode: string }[] }) => ({
      results: scans.map((s) => (s.personCode === 'pc-2' ? { id: s.scanId, ok: false, code: 'CHECKIN.UNKNOWN_PERSON', message: ERRORS['CHECKIN.UNKNOWN_PERSON'] } : { id: s.scanId, ok: true, code: null, message: null })),
    }))
    await act(async () => {
      window.dispatchEvent(new Event('online'))
    })
    await waitFor(() => expect(textOf('scan-queue-count')).toBe('1 条'))
    expect(api.activity.syncScans.mock.calls[0][0].scans).toHaveLength(2)
    expect(textOf('scan-queue')).toContain(ERRORS['CHECKIN.UNKNOWN_PERSON'])
    expect(textOf('scan-results')).toContain('签退成功')
    // The refused one stays until the organizer removes it.
    const left = (__storage.get(QUEUE_KEY) as { scanId: string }[])[0]
    tap(`scan-remove-${left.scanId}`)
    await waitFor(() => expect(textOf('scan-queue-count')).toBe('0 条'))
  })

  it('picks up what an earlier visit left in the queue', async () => {
    __router.params = { id: 'a1' }
    __storage.set(QUEUE_KEY, [{ scanId: '00000000-0000-4000-8000-000000000001', personCode: 'pc-9', kind: 'in', scannedAt: Date.now() - 60_000 }])
    api.activity.getActivity.mockResolvedValue({ activity: liveView(), mine: null })
    api.activity.syncScans.mockResolvedValue({ results: [{ id: '00000000-0000-4000-8000-000000000001', ok: true, code: null, message: null }] })
    renderWithSession(<ScanPage />)
    await waitFor(() => expect(api.activity.syncScans).toHaveBeenCalledWith({
      activityId: 'a1',
      scans: [{ scanId: '00000000-0000-4000-8000-000000000001', personCode: 'pc-9', kind: 'in', scannedAt: expect.any(Number) }],
    }))
    await waitFor(() => expect(textOf('scan-queue-count')).toBe('0 条'))
  })
})

describe('cadre: 审核时长', () => {
  const items = [
    reviewItem({ id: 'p1', userName: '王小明', flags: ['outside_fence'] }),
    reviewItem({ id: 'p2', userName: '赵小红' }),
    reviewItem({ kind: 'declaration', id: 'd1', userName: '孙小军', title: '防汛值守', activityId: null, checkInAt: null, checkOutAt: null, evidenceText: '证明人：张主任' }),
  ]

  it('highlights flagged records and approves the selected ones in a batch, showing each result', async () => {
    api.activity.reviewQueue.mockResolvedValue({ items, nextCursor: null })
    api.activity.approveHours.mockResolvedValue({
      results: [
        { id: 'p1', ok: true, code: null, message: null },
        { id: 'd1', ok: false, code: 'HOURS.OWN_RECORD', message: ERRORS['HOURS.OWN_RECORD'] },
      ],
    })
    renderWithSession(<ReviewPage />)
    await screen.findByText('王小明')
    expect(api.activity.reviewQueue).toHaveBeenCalledWith({ orgId: 't-chengguan', activityId: undefined, cursor: undefined })
    expect(byId('review-item-p1').className).toContain('tq-review__item--flagged')
    expect(textOf('review-flags-p1')).toBe('签到位置在范围外')
    expect(byId('review-item-p2').className).not.toContain('flagged')
    tap('review-item-p1')
    tap('review-item-d1')
    expect(textOf('review-selected-count')).toBe('已选 2 条')
    tap('review-approve')
    await waitFor(() => expect(textOf('review-result-p1')).toBe('已通过'))
    expect(api.activity.approveHours).toHaveBeenCalledWith({
      items: [
        { kind: 'attendance', id: 'p1' },
        { kind: 'declaration', id: 'd1' },
      ],
    })
    expect(textOf('review-result-d1')).toBe(ERRORS['HOURS.OWN_RECORD'])
    expect(textOf('review-summary')).toBe('通过 1 条；1 条未能通过，原因见各条记录。')
    // The approved one is done; the refused one stays selected for another try.
    expect(textOf('review-selected-count')).toBe('已选 1 条')
  })

  it('rejects the selected records with a reason', async () => {
    api.activity.reviewQueue.mockResolvedValue({ items, nextCursor: null })
    api.activity.rejectHours.mockResolvedValue({ results: [{ id: 'p2', ok: true, code: null, message: null }] })
    renderWithSession(<ReviewPage />)
    await screen.findByText('赵小红')
    tap('review-item-p2')
    tap('review-reject')
    await screen.findByText('驳回 1 条时长')
    fireEvent.click(screen.getAllByText('驳回').at(-1)!)
    expect(await screen.findByText('请填写驳回原因，青年会看到')).toBeTruthy()
    type('review-reject-reason-input', '未见签退记录')
    fireEvent.click(screen.getAllByText('驳回').at(-1)!)
    await waitFor(() => expect(textOf('review-result-p2')).toBe('已驳回'))
    expect(api.activity.rejectHours).toHaveBeenCalledWith({ items: [{ kind: 'attendance', id: 'p2' }], reason: '未见签退记录' })
  })

  it('selects all open records at once', async () => {
    api.activity.reviewQueue.mockResolvedValue({ items, nextCursor: null })
    renderWithSession(<ReviewPage />)
    await screen.findByText('王小明')
    tap('review-select-all')
    expect(textOf('review-selected-count')).toBe('已选 3 条')
    tap('review-select-all')
    expect(textOf('review-selected-count')).toBe('已选 0 条')
  })

  it('opens on one activity’s records when reached from it', async () => {
    __router.params = { orgId: 'b-dongjie', orgName: '东街社区团支部', activityId: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view(), mine: null })
    api.activity.reviewQueue.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<ReviewPage />)
    await waitFor(() => expect(api.activity.reviewQueue).toHaveBeenCalledWith({ orgId: 'b-dongjie', activityId: 'a1', cursor: undefined }))
    expect(await screen.findByText('只看：东街社区环境整治')).toBeTruthy()
    expect(api.activity.reviewQueue).toHaveBeenCalledTimes(1)
  })

  it('shows evidence photos as thumbnails, a placeholder for a lost one, and previews the item’s photos on a tap', async () => {
    const previewImage = jest.fn(async () => undefined)
    Object.assign(Taro, { previewImage })
    const withPhotos = reviewItem({
      kind: 'declaration',
      id: 'd2',
      userName: '周小华',
      photos: [
        { fileId: fileId('photo0001'), url: 'https://tmp.example/1.jpg' },
        { fileId: fileId('photo0002'), url: null },
        { fileId: fileId('photo0003'), url: 'https://tmp.example/3.jpg' },
      ],
    })
    api.activity.reviewQueue.mockResolvedValue({ items: [withPhotos], nextCursor: null })
    renderWithSession(<ReviewPage />)
    await screen.findByText('周小华')
    const thumbnails = byId('review-photos-d2').querySelectorAll('img')
    expect(Array.from(thumbnails, (img) => img.getAttribute('src'))).toEqual(['https://tmp.example/1.jpg', 'https://tmp.example/3.jpg'])
    expect(textOf('review-photo-d2-1')).toBe('照片已失效')
    expect(byId('review-photo-d2-1').querySelector('img')).toBeNull()

    tap('review-photo-d2-2')
    expect(previewImage).toHaveBeenCalledWith({ urls: ['https://tmp.example/1.jpg', 'https://tmp.example/3.jpg'], current: 'https://tmp.example/3.jpg' })
    tap('review-photo-d2-1')
    expect(previewImage).toHaveBeenCalledTimes(1)
    // Looking at the photos does not select the record.
    expect(textOf('review-selected-count')).toBe('已选 0 条')
  })
})
