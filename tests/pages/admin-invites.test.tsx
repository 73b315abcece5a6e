import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ERRORS } from '../../types/errors'
import type { InviteViewT } from '../../types/contract/user'
import InvitesPage from '../../src/packages/admin/pages/invites'
import YouthPage from '../../src/packages/cadre/pages/youth'
import { ApiError } from '../../src/services/api'
import { api, me, renderWithSession, role } from './fixtures'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const invite = (over: Partial<InviteViewT> = {}): InviteViewT => ({
  code: 'K7M2Q9XA',
  role: 'cadre',
  orgId: 'c-yangcheng',
  orgName: '阳城县团委',
  note: null,
  expiresAt: Date.UTC(2026, 10, 8, 2),
  maxUses: 1,
  uses: 0,
  status: 'active',
  createdAt: Date.UTC(2026, 10, 1, 2),
  ...over,
})

const admin = () => me({ roles: [role({ id: 'r-admin', role: 'admin', orgId: 'c-yangcheng', orgName: '阳城县团委' })] })

describe('admin: invite codes', () => {
  it('creates an invite for the chosen role and org and shows the code large, with copy', async () => {
    api.user.me.mockResolvedValue(admin())
    api.user.listInvites.mockResolvedValueOnce({ items: [], nextCursor: null }).mockResolvedValue({ items: [invite()], nextCursor: null })
    api.user.createInvite.mockResolvedValue({ invite: invite() })
    renderWithSession(<InvitesPage />)
    await screen.findByText('生成邀请码', { selector: '.tq-section__title' })
    await waitFor(() => expect(api.user.listInvites).toHaveBeenCalledWith({ orgId: 'c-yangcheng', cursor: undefined }))
    fireEvent.click(document.getElementById('invite-create-submit')!)
    await waitFor(() => expect(document.getElementById('invite-code-shown')?.textContent).toBe('K7M2Q9XA'))
    expect(api.user.createInvite).toHaveBeenCalledWith({ role: 'cadre', orgId: 'c-yangcheng', expiresInDays: 7, maxUses: 1, note: undefined })
    fireEvent.click(screen.getByText('复制邀请码'))
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'K7M2Q9XA' })
    await waitFor(() => expect(document.getElementById('invite-list')?.textContent).toContain('有效'))
  })

  it('shows the server’s refusal kindly', async () => {
    api.user.me.mockResolvedValue(admin())
    api.user.listInvites.mockResolvedValue({ items: [], nextCursor: null })
    api.user.createInvite.mockRejectedValue(new ApiError('ROLE.ABOVE_OWN'))
    renderWithSession(<InvitesPage />)
    await waitFor(() => expect(api.user.listInvites).toHaveBeenCalled())
    fireEvent.click(document.getElementById('invite-create-submit')!)
    expect(await screen.findByText(ERRORS['ROLE.ABOVE_OWN'])).toBeTruthy()
    expect(document.getElementById('invite-code-shown')).toBeNull()
  })

  it('keeps the page closed to someone without the admin role', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<InvitesPage />)
    expect(await screen.findByText(ERRORS['AUTH.FORBIDDEN'])).toBeTruthy()
    expect(api.user.listInvites).not.toHaveBeenCalled()
  })
})

describe('cadre: 青年档案', () => {
  it('lists youth in scope with masked phones and pages with 加载更多', async () => {
    api.user.me.mockResolvedValue(me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] }))
    const youth = (n: number) => ({
      userId: `y${n}`,
      realName: `青年${n}`,
      gender: 'male' as const,
      age: 20 + n,
      phoneMasked: `139****000${n}`,
      orgId: 'b-dongjie',
      orgName: '东街社区团支部',
      sector: 'delivery' as const,
      leagueMember: n % 2 === 0,
      skills: [],
      needs: ['employment' as const],
    })
    api.user.listProfiles.mockResolvedValueOnce({ items: [youth(1)], nextCursor: 'c2' }).mockResolvedValueOnce({ items: [youth(2)], nextCursor: null })
    renderWithSession(<YouthPage />)
    expect(document.querySelector('#page-cadre-youth .tq-page__title')?.textContent).toBe('青年档案')
    expect(await screen.findByText('青年1')).toBeTruthy()
    expect(screen.getByText('东街社区团支部 · 139****0001')).toBeTruthy()
    expect(api.user.listProfiles).toHaveBeenCalledWith({ orgId: 't-chengguan', q: undefined, cursor: undefined })
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('青年2')).toBeTruthy()
    expect(api.user.listProfiles).toHaveBeenLastCalledWith({ orgId: 't-chengguan', q: undefined, cursor: 'c2' })
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })
})
