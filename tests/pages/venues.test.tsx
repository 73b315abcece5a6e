import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import type { VenueViewT } from '../../types/contract/venues'
import VenuesPage from '../../src/packages/cadre/pages/venues'
import { ApiError } from '../../src/services/api'
import { api, me, orgTreeAnswer, renderWithSession, role } from './fixtures'
import { tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

/** 兑换点管理 (src/packages/cadre/pages/venues): an org's pickup points, made, changed, closed and reopened. */

const T0 = Date.UTC(2026, 10, 1, 2)
const venue = (over: Partial<VenueViewT> = {}): VenueViewT => ({
  id: 'v1',
  name: '城关镇便民服务中心',
  address: '城关镇东街 8 号',
  lat: 35.486,
  lng: 112.415,
  hours: '周一至周五 9:00–17:00',
  kind: 'pickup',
  orgId: 't-chengguan',
  orgName: '城关镇团委',
  status: 'open',
  createdAt: T0,
  updatedAt: T0,
  ...over,
})

const cadre = () => me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] })

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
})

const fill = () => {
  type('venue-name-input', '东街社区兑换点')
  type('venue-address-input', '东街社区居委会一楼')
  type('venue-lat-input', '35.4861')
  type('venue-lng-input', '112.4152')
  type('venue-hours-input', '每天 8:00–18:00')
}

describe('cadre: 兑换点管理', () => {
  it('lists the org’s pickup points with their state and pages with 加载更多', async () => {
    api.points.listVenues
      .mockResolvedValueOnce({ items: [venue()], nextCursor: 'v1' })
      .mockResolvedValueOnce({ items: [venue({ id: 'v2', name: '西街兑换点', status: 'closed', orgName: '西街团支部' })], nextCursor: null })
    renderWithSession(<VenuesPage />)
    expect(await screen.findByText('城关镇便民服务中心')).toBeTruthy()
    expect(api.points.listVenues).toHaveBeenCalledWith({ orgId: 't-chengguan', kind: 'pickup', cursor: undefined })
    expect(textOf('venue-v1')).toContain('开放')
    expect(textOf('venue-v1')).toContain('城关镇东街 8 号')
    expect(textOf('venue-v1')).toContain('开放时间：周一至周五 9:00–17:00')
    tap('venues-more')
    expect(await screen.findByText('西街兑换点')).toBeTruthy()
    expect(api.points.listVenues).toHaveBeenLastCalledWith({ orgId: 't-chengguan', kind: 'pickup', cursor: 'v1' })
    expect(textOf('venue-v2')).toContain('已停用')
    expect(textOf('venue-toggle-v2')).toBe('重新启用')
  })

  it('creates a pickup point for the chosen org and shows it in the list', async () => {
    api.points.listVenues.mockResolvedValueOnce({ items: [], nextCursor: null }).mockResolvedValue({ items: [venue({ id: 'v9', name: '东街社区兑换点' })], nextCursor: null })
    api.points.saveVenue.mockResolvedValue({ venue: venue({ id: 'v9', name: '东街社区兑换点' }) })
    renderWithSession(<VenuesPage />)
    await waitFor(() => expect(api.points.listVenues).toHaveBeenCalled())
    tap('venue-new')
    expect(textOf('venue-org-open')).toContain('城关镇团委')
    fill()
    tap('venue-save')
    await waitFor(() => expect(textOf('venues-notice')).toBe('已新建兑换点「东街社区兑换点」。'))
    const sent = api.points.saveVenue.mock.calls[0][0]
    expect(sent).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      orgId: 't-chengguan',
      kind: 'pickup',
      name: '东街社区兑换点',
      address: '东街社区居委会一楼',
      lat: 35.4861,
      lng: 112.4152,
      hours: '每天 8:00–18:00',
    })
    expect(document.getElementById('venue-editor')).toBeNull()
    expect(await screen.findByText('东街社区兑换点')).toBeTruthy()
  })

  it('sends the same request key again when a save fails, so a lost reply makes no second venue', async () => {
    api.points.listVenues.mockResolvedValue({ items: [], nextCursor: null })
    api.points.saveVenue.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce({ venue: venue({ id: 'v9', name: '东街社区兑换点' }) })
    renderWithSession(<VenuesPage />)
    await waitFor(() => expect(api.points.listVenues).toHaveBeenCalled())
    tap('venue-new')
    fill()
    tap('venue-save')
    await waitFor(() => expect(textOf('venue-editor-notice')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('venue-save')
    await waitFor(() => expect(api.points.saveVenue).toHaveBeenCalledTimes(2))
    const [first, second] = api.points.saveVenue.mock.calls.map((c) => c[0].requestId)
    expect(second).toBe(first)
    // The next new venue gets a key of its own.
    await waitFor(() => expect(document.getElementById('venue-editor')).toBeNull())
    api.points.saveVenue.mockResolvedValueOnce({ venue: venue({ id: 'v10' }) })
    tap('venue-new')
    fill()
    tap('venue-save')
    await waitFor(() => expect(api.points.saveVenue).toHaveBeenCalledTimes(3))
    expect(api.points.saveVenue.mock.calls[2][0].requestId).not.toBe(first)
  })

  it('shows the shared schema’s messages under the fields and sends nothing (bad coordinates, control characters)', async () => {
    api.points.listVenues.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<VenuesPage />)
    await waitFor(() => expect(api.points.listVenues).toHaveBeenCalled())
    tap('venue-new')
    tap('venue-save')
    await waitFor(() => expect(textOf('field-venue-name-error')).toBe('名称至少2个字'))
    expect(textOf('field-venue-point-error')).toBe('请填写兑换点的纬度和经度')
    expect(textOf('field-venue-hours-error')).toBe('请填写开放时间')
    fill()
    type('venue-lat-input', '91')
    type('venue-name-input', '东街\u0007兑换点')
    tap('venue-save')
    await waitFor(() => expect(textOf('field-venue-point-error')).toBe('纬度超出范围'))
    expect(textOf('field-venue-name-error')).toBe('名称含有不可见的特殊字符')
    // Inside the ranges of latitude and longitude, but in the Mediterranean: not a GCJ-02 point.
    type('venue-lat-input', '35.4')
    type('venue-lng-input', '24.5')
    type('venue-name-input', '东街社区兑换点')
    tap('venue-save')
    await waitFor(() => expect(textOf('field-venue-point-error')).toBe('位置不在国内，请在地图上重新选择'))
    expect(api.points.saveVenue).not.toHaveBeenCalled()
  })

  it('picks the point on WeChat’s map in the mini program and fills an empty name and address from it', async () => {
    process.env.TARO_ENV = 'weapp'
    ;(Taro.chooseLocation as jest.Mock).mockResolvedValueOnce({ name: '城关镇人民政府', address: '山西省晋城市阳城县城关镇凤城路1号', latitude: 35.4861, longitude: 112.4152 })
    api.points.listVenues.mockResolvedValue({ items: [], nextCursor: null })
    api.points.saveVenue.mockResolvedValue({ venue: venue() })
    renderWithSession(<VenuesPage />)
    await waitFor(() => expect(api.points.listVenues).toHaveBeenCalled())
    tap('venue-new')
    expect(document.getElementById('venue-lat-input')).toBeNull()
    tap('venue-point-choose')
    await waitFor(() => expect(textOf('field-venue-point')).toContain('已选：纬度 35.486100，经度 112.415200'))
    type('venue-hours-input', '工作日 9:00–17:00')
    tap('venue-save')
    await waitFor(() => expect(api.points.saveVenue).toHaveBeenCalled())
    expect(api.points.saveVenue.mock.calls[0][0]).toMatchObject({ name: '城关镇人民政府', address: '山西省晋城市阳城县城关镇凤城路1号', lat: 35.4861, lng: 112.4152 })
  })

  it('edits a venue in place: the org is fixed, the venue id is sent, the list shows the change', async () => {
    api.points.listVenues.mockResolvedValueOnce({ items: [venue()], nextCursor: null }).mockResolvedValue({ items: [venue({ hours: '每天 8:00–20:00' })], nextCursor: null })
    api.points.saveVenue.mockResolvedValue({ venue: venue({ hours: '每天 8:00–20:00' }) })
    renderWithSession(<VenuesPage />)
    await screen.findByText('城关镇便民服务中心')
    tap('venue-edit-v1')
    expect(textOf('venue-org-fixed')).toBe('城关镇团委')
    expect((document.getElementById('venue-name-input') as HTMLInputElement).value).toBe('城关镇便民服务中心')
    type('venue-hours-input', '每天 8:00–20:00')
    tap('venue-save')
    await waitFor(() => expect(textOf('venues-notice')).toBe('「城关镇便民服务中心」的修改已保存。'))
    expect(api.points.saveVenue.mock.calls[0][0]).toMatchObject({ venueId: 'v1', orgId: 't-chengguan', hours: '每天 8:00–20:00', lat: 35.486, lng: 112.415 })
    await waitFor(() => expect(textOf('venue-v1')).toContain('每天 8:00–20:00'))
  })

  it('shows the server’s refusal under the form and keeps what was typed', async () => {
    api.points.listVenues.mockResolvedValue({ items: [], nextCursor: null })
    api.points.saveVenue.mockRejectedValue(new ApiError('GENERIC.CONTENT_RISKY'))
    renderWithSession(<VenuesPage />)
    await waitFor(() => expect(api.points.listVenues).toHaveBeenCalled())
    tap('venue-new')
    fill()
    tap('venue-save')
    await waitFor(() => expect(textOf('venue-editor-notice')).toBe(ERRORS['GENERIC.CONTENT_RISKY']))
    expect((document.getElementById('venue-name-input') as HTMLInputElement).value).toBe('东街社区兑换点')
  })

  it('closes a venue only after a confirmation, and reopens it', async () => {
    api.points.listVenues
      .mockResolvedValueOnce({ items: [venue()], nextCursor: null })
      .mockResolvedValueOnce({ items: [venue({ status: 'closed' })], nextCursor: null })
      .mockResolvedValue({ items: [venue()], nextCursor: null })
    api.points.setVenueStatus.mockImplementation(async ({ status }: { status: 'open' | 'closed' }) => ({ venue: venue({ status }) }))
    renderWithSession(<VenuesPage />)
    await screen.findByText('城关镇便民服务中心')
    tap('venue-toggle-v1')
    fireEvent.click(await screen.findByText('取消'))
    expect(api.points.setVenueStatus).not.toHaveBeenCalled()
    tap('venue-toggle-v1')
    fireEvent.click(await screen.findByText('确定停用'))
    await waitFor(() => expect(textOf('venues-notice')).toBe('「城关镇便民服务中心」已停用。'))
    expect(api.points.setVenueStatus).toHaveBeenCalledWith({ venueId: 'v1', status: 'closed' })
    await waitFor(() => expect(textOf('venue-toggle-v1')).toBe('重新启用'))
    tap('venue-toggle-v1')
    await waitFor(() => expect(api.points.setVenueStatus).toHaveBeenLastCalledWith({ venueId: 'v1', status: 'open' }))
    await waitFor(() => expect(textOf('venues-notice')).toBe('「城关镇便民服务中心」已重新启用。'))
  })

  it('stays closed to a youth and to a clerk', async () => {
    api.user.me.mockResolvedValue(me({ roles: [role({ role: 'clerk', orgId: 't-chengguan', venueId: 'v1', venueName: '城关镇便民服务中心' })] }))
    renderWithSession(<VenuesPage />)
    expect(await screen.findByText(ERRORS['AUTH.FORBIDDEN'])).toBeTruthy()
    expect(api.points.listVenues).not.toHaveBeenCalled()
  })
})
