import { screen, waitFor } from '@testing-library/react'
import { __router, __storage } from './__mocks__/taro'
import type { VenueViewT } from '../../types/contract/venues'
import type { InviteViewT } from '../../types/contract/user'
import { ERRORS } from '../../types/errors'
import RolesPage from '../../src/packages/admin/pages/roles'
import InvitesPage from '../../src/packages/admin/pages/invites'
import { ApiError } from '../../src/services/api'
import { api, me, orgTreeAnswer, renderWithSession, role } from './fixtures'
import { tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

/** Granting and inviting at a venue (src/packages/admin/pages/roles/venue-scope.tsx): for 核销员 and 团代表 only. */

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

const invite = (over: Partial<InviteViewT> = {}): InviteViewT => ({
  code: 'K7M2Q9XA',
  role: 'clerk',
  orgId: 't-chengguan',
  orgName: '城关镇团委',
  venueId: 'v1',
  venueName: '城关镇便民服务中心',
  note: null,
  expiresAt: Date.UTC(2026, 10, 8, 2),
  maxUses: 1,
  uses: 0,
  status: 'active',
  createdAt: T0,
  ...over,
})

const youth = { userId: 'y1', realName: '王青', gender: 'female' as const, age: 24, phoneMasked: '139****0001', orgId: 'b-dongjie', orgName: '东街社区团支部', sector: 'delivery' as const, leagueMember: true, skills: [], needs: [] }

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me({ roles: [role({ id: 'r-admin', role: 'admin', orgId: 't-chengguan', orgName: '城关镇团委' })] }))
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
  api.points.listVenues.mockResolvedValue({ items: [venue(), venue({ id: 'v2', name: '东街社区兑换点', orgName: '东街社区团支部' })], nextCursor: null })
})

describe('admin: 角色授权 at a venue', () => {
  const pickYouth = async () => {
    api.user.listProfiles.mockResolvedValue({ items: [youth], nextCursor: null })
    type('grant-search-input', '王青')
    tap('grant-search')
    await waitFor(() => expect(document.getElementById('grant-pick-y1')).not.toBeNull())
    tap('grant-pick-y1')
  }

  it('offers the venue choice only for 核销员 and 团代表, and lists the org’s open venues', async () => {
    api.user.listRoles.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<RolesPage />)
    await screen.findByText('授予角色', { selector: '.tq-section__title' })
    expect(document.getElementById('field-grant-scope')).toBeNull()
    tap('grant-role-clerk')
    await waitFor(() => expect(document.getElementById('field-grant-scope')).not.toBeNull())
    expect(api.points.listVenues).not.toHaveBeenCalled()
    tap('grant-scope-venue')
    await waitFor(() => expect(document.getElementById('grant-scope-pick-v2')).not.toBeNull())
    expect(api.points.listVenues).toHaveBeenCalledWith({ orgId: 't-chengguan', status: 'open', cursor: undefined })
    expect(textOf('grant-scope-pick-v2')).toContain('东街社区团支部')
    tap('grant-role-cadre')
    await waitFor(() => expect(document.getElementById('field-grant-scope')).toBeNull())
  })

  it('grants a clerk at the venue picked, and says where', async () => {
    api.user.listRoles.mockResolvedValue({ items: [], nextCursor: null })
    api.user.grantRole.mockResolvedValue({ role: role({ role: 'clerk', userName: '王青', venueId: 'v1', venueName: '城关镇便民服务中心' }) })
    renderWithSession(<RolesPage />)
    await screen.findByText('授予角色', { selector: '.tq-section__title' })
    await pickYouth()
    tap('grant-role-clerk')
    tap('grant-scope-venue')
    // Not yet picked: nothing is sent.
    tap('grant-submit')
    await waitFor(() => expect(textOf('field-grant-scope-error')).toBe('请选择一个兑换点'))
    expect(api.user.grantRole).not.toHaveBeenCalled()
    await waitFor(() => expect(document.getElementById('grant-scope-pick-v1')).not.toBeNull())
    tap('grant-scope-pick-v1')
    expect(textOf('grant-scope-pick-v1')).toContain('✓')
    tap('grant-submit')
    await waitFor(() => expect(api.user.grantRole).toHaveBeenCalledWith({ userId: 'y1', role: 'clerk', orgId: 't-chengguan', venueId: 'v1' }))
    await waitFor(() => expect(textOf('grant-success')).toBe('已授予 王青 核销员（城关镇便民服务中心）。'))
  })

  it('grants at the whole org when that is chosen, and shows venue roles with their venue in the list', async () => {
    api.user.listRoles.mockResolvedValue({
      items: [role({ id: 'r-v', role: 'clerk', userName: '王青', venueId: 'v1', venueName: '城关镇便民服务中心' }), role({ id: 'r-o', role: 'clerk', userName: '赵六' })],
      nextCursor: null,
    })
    api.user.grantRole.mockResolvedValue({ role: role({ role: 'clerk', userName: '王青' }) })
    renderWithSession(<RolesPage />)
    await waitFor(() => expect(textOf('role-r-v')).toContain('城关镇便民服务中心（城关镇团委）'))
    expect(textOf('role-r-o')).not.toContain('（')
    await pickYouth()
    tap('grant-role-clerk')
    tap('grant-submit')
    await waitFor(() => expect(api.user.grantRole).toHaveBeenCalledWith({ userId: 'y1', role: 'clerk', orgId: 't-chengguan', venueId: undefined }))
    expect(api.user.grantRole.mock.calls[0][0].venueId).toBeUndefined()
  })

  it('shows the server’s refusal for a closed venue', async () => {
    api.user.listRoles.mockResolvedValue({ items: [], nextCursor: null })
    api.user.grantRole.mockRejectedValue(new ApiError('VENUE.CLOSED'))
    renderWithSession(<RolesPage />)
    await screen.findByText('授予角色', { selector: '.tq-section__title' })
    await pickYouth()
    tap('grant-role-clerk')
    tap('grant-scope-venue')
    await waitFor(() => expect(document.getElementById('grant-scope-pick-v1')).not.toBeNull())
    tap('grant-scope-pick-v1')
    tap('grant-submit')
    expect(await screen.findByText(ERRORS['VENUE.CLOSED'])).toBeTruthy()
  })
})

describe('admin: 邀请码 for a venue', () => {
  it('creates a clerk invite at a venue and shows the venue on the code and in the list', async () => {
    api.user.listInvites.mockResolvedValueOnce({ items: [], nextCursor: null }).mockResolvedValue({ items: [invite()], nextCursor: null })
    api.user.createInvite.mockResolvedValue({ invite: invite() })
    renderWithSession(<InvitesPage />)
    await screen.findByText('生成邀请码', { selector: '.tq-section__title' })
    tap('invite-role-clerk')
    await waitFor(() => expect(document.getElementById('invite-scope-venue')).not.toBeNull())
    tap('invite-scope-venue')
    await waitFor(() => expect(document.getElementById('invite-scope-pick-v1')).not.toBeNull())
    tap('invite-scope-pick-v1')
    tap('invite-create-submit')
    await waitFor(() => expect(textOf('invite-code-shown')).toBe('K7M2Q9XA'))
    expect(api.user.createInvite).toHaveBeenCalledWith({ role: 'clerk', orgId: 't-chengguan', venueId: 'v1', expiresInDays: 7, maxUses: 1, note: undefined })
    expect(textOf('invite-new')).toContain('核销员 · 城关镇便民服务中心（城关镇团委）')
    await waitFor(() => expect(textOf('invite-K7M2Q9XA')).toContain('城关镇便民服务中心（城关镇团委）'))
  })

  it('sends no venue for a cadre invite, even after a venue was picked for a clerk', async () => {
    api.user.listInvites.mockResolvedValue({ items: [], nextCursor: null })
    api.user.createInvite.mockResolvedValue({ invite: invite({ role: 'cadre', venueId: null, venueName: null }) })
    renderWithSession(<InvitesPage />)
    await screen.findByText('生成邀请码', { selector: '.tq-section__title' })
    tap('invite-role-clerk')
    await waitFor(() => expect(document.getElementById('invite-scope-venue')).not.toBeNull())
    tap('invite-scope-venue')
    await waitFor(() => expect(document.getElementById('invite-scope-pick-v1')).not.toBeNull())
    tap('invite-scope-pick-v1')
    tap('invite-role-cadre')
    await waitFor(() => expect(document.getElementById('field-invite-scope')).toBeNull())
    tap('invite-create-submit')
    await waitFor(() => expect(api.user.createInvite).toHaveBeenCalled())
    expect(api.user.createInvite.mock.calls[0][0]).toMatchObject({ role: 'cadre', orgId: 't-chengguan' })
    expect(api.user.createInvite.mock.calls[0][0].venueId).toBeUndefined()
  })
})
