import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import MePage from '../../src/pages/me'
import IndexPage from '../../src/pages/index'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { api, me, orgTreeAnswer, profile, renderWithSession, role, unregistered } from './fixtures'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const byId = (id: string) => {
  const el = document.getElementById(id)
  if (!el) throw new Error(`#${id} not found`)
  return el
}
/** Our Taro stand-in puts the id on the <input> itself; Taro's h5 build on a wrapper around it. */
const inputOf = (id: string) => byId(id).querySelector('input') ?? byId(id)

beforeEach(() => {
  __storage.clear()
})

describe('我的', () => {
  it('shows the profile card with the masked phone, age, org and league badge', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<MePage />)
    expect(await screen.findByText('李青')).toBeTruthy()
    expect(byId('profile-phone').textContent).toBe('138****5678')
    expect(byId('profile-age').textContent).toBe('28岁')
    expect(byId('profile-card').textContent).toContain('东街社区团支部')
    expect(byId('league-badge').textContent).toBe('共青团员')
  })

  it('lists my roles and opens only the workbench entries they allow', async () => {
    api.user.me.mockResolvedValue(me({ roles: [role({ role: 'cadre', orgName: '城关镇团委' })] }))
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    expect(byId('my-roles').textContent).toContain('团干部')
    expect(byId('my-roles').textContent).toContain('城关镇团委')
    expect(document.getElementById('entry-youth')).toBeTruthy()
    for (const id of ['entry-cadre-goods', 'entry-cadre-donors', 'entry-cadre-venues', 'entry-cadre-mall-report']) expect(document.getElementById(id)).toBeTruthy()
    expect(document.getElementById('entry-orgs')).toBeNull()
    fireEvent.click(screen.getByText('青年档案'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.cadreYouth })
  })

  it('shows the admin entries to an admin', async () => {
    api.user.me.mockResolvedValue(me({ roles: [role({ role: 'admin', orgId: 't-chengguan', orgName: '城关镇团委' })] }))
    api.user.getOrgTree.mockImplementation(orgTreeAnswer)
    renderWithSession(<MePage />)
    await screen.findByText('组织管理')
    expect(screen.getByText('角色授权')).toBeTruthy()
    expect(screen.getByText('邀请码')).toBeTruthy()
    expect(screen.getByText('青年档案')).toBeTruthy()
    // A township's admin does not set the county's 益币 expiry.
    await waitFor(() => expect(api.user.getOrgTree).toHaveBeenCalled())
    expect(document.getElementById('entry-admin-points-policy')).toBeNull()
  })

  it('leads the admin of a county to 益币有效期', async () => {
    api.user.me.mockResolvedValue(me({ roles: [role({ role: 'admin', orgId: 'c-yangcheng', orgName: '阳城县团委' })] }))
    api.user.getOrgTree.mockImplementation(orgTreeAnswer)
    renderWithSession(<MePage />)
    await waitFor(() => expect(document.getElementById('entry-admin-points-policy')).toBeTruthy())
    expect(byId('entry-admin-points-policy').textContent).toContain('益币有效期')
    fireEvent.click(byId('entry-admin-points-policy'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.adminPointsPolicy })
  })

  it('asks nothing of the org tree for someone who is no admin', async () => {
    api.user.me.mockResolvedValue(me({ roles: [role({ role: 'cadre', orgId: 'c-yangcheng', orgName: '阳城县团委' })] }))
    renderWithSession(<MePage />)
    await screen.findByText('青年档案')
    expect(api.user.getOrgTree).not.toHaveBeenCalled()
    expect(document.getElementById('entry-admin-points-policy')).toBeNull()
  })

  it('shows no workbench to a youth without roles', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    expect(document.getElementById('workbench')).toBeNull()
    expect(byId('my-roles').textContent).toContain('暂无角色')
  })

  it('redeems an invite code, refreshes the session and names the new role', async () => {
    const granted = role({ role: 'cadre', orgName: '城关镇团委' })
    api.user.me.mockResolvedValueOnce(me()).mockResolvedValueOnce(me({ roles: [granted] }))
    api.user.redeemInvite.mockResolvedValue({ role: granted })
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    fireEvent.change(inputOf('invite-code-input'), { target: { value: 'abcd 1234' } })
    fireEvent.click(screen.getByText('使用'))
    await waitFor(() => expect(byId('invite-success').textContent).toBe('邀请码已使用，您已成为团干部（城关镇团委）。'))
    expect(api.user.redeemInvite).toHaveBeenCalledWith({ code: 'abcd 1234' })
    expect(api.user.me).toHaveBeenCalledTimes(2)
    expect(byId('my-roles').textContent).toContain('团干部')
    expect(document.getElementById('entry-youth')).toBeTruthy()
  })

  it('explains a refused invite code', async () => {
    api.user.me.mockResolvedValue(me())
    api.user.redeemInvite.mockRejectedValue(new ApiError('INVITE.EXPIRED'))
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    fireEvent.change(inputOf('invite-code-input'), { target: { value: 'ABCD1234' } })
    fireEvent.click(screen.getByText('使用'))
    await waitFor(() => expect(byId('invite-error').textContent).toBe(ERRORS['INVITE.EXPIRED']))
  })
})

describe('elder mode', () => {
  it('toggles the root class, saves it in the profile and on the device', async () => {
    api.user.me.mockResolvedValue(me())
    api.user.updateProfile.mockResolvedValue({ profile: profile({ elderMode: true }) })
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    expect(byId('page-me').className).not.toContain('tq-elder')
    fireEvent.click(byId('elder-switch'))
    await waitFor(() => expect(byId('page-me').className).toContain('tq-elder'))
    expect(api.user.updateProfile).toHaveBeenCalledWith({ elderMode: true })
    expect(__storage.get('tq.elderMode')).toBe(true)
  })

  it('rolls back when the server refuses', async () => {
    api.user.me.mockResolvedValue(me())
    api.user.updateProfile.mockRejectedValue(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    fireEvent.click(byId('elder-switch'))
    expect(await screen.findByText(ERRORS['GENERIC.NETWORK'])).toBeTruthy()
    expect(byId('page-me').className).not.toContain('tq-elder')
    expect(__storage.get('tq.elderMode')).toBe(false)
  })

  it('survives a reload: the profile says so', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ elderMode: true }) }))
    renderWithSession(<MePage />)
    await screen.findByText('李青')
    expect(byId('page-me').className).toContain('tq-elder')
  })

  it('before registration, the device preference applies at once', async () => {
    __storage.set('tq.elderMode', true)
    api.user.me.mockReturnValue(new Promise(() => undefined))
    renderWithSession(<IndexPage />)
    expect(byId('page-index').className).toContain('tq-elder')
  })

  it('before registration, a profile-less session keeps the device preference', async () => {
    __storage.set('tq.elderMode', true)
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<IndexPage />)
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
    expect(byId('page-index').className).toContain('tq-elder')
  })
})
