import { readFileSync } from 'fs'
import { join } from 'path'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks } from './__mocks__/taro'
import GroupsPage from '../../src/pages/groups'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { ERRORS } from '../../types/errors'
import { api, me, profile, renderWithSession, unregistered } from './fixtures'
import { community, groupCard, membership, page } from './community-fixtures'
import { byId, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

const GROUP_PAGE = '/packages/community/pages/group/index'

beforeEach(() => {
  api.user.me.mockResolvedValue(me())
  community.myGroups.mockResolvedValue(
    page([
      { group: groupCard({ id: 'g-photo', name: '城关镇青年摄影社' }), membership: membership({ groupId: 'g-photo', role: 'admin' }) },
      { group: groupCard({ id: 'g-run', name: '城关夜跑团', joinPolicy: 'approval' }), membership: membership({ id: 'm-2', groupId: 'g-run', status: 'pending', joinedAt: null }) },
    ]),
  )
  community.recommendGroups.mockResolvedValue({
    items: [{ ...groupCard({ id: 'g-express', name: '快递小哥之家', kind: 'industry', tags: ['快递外卖'] }), reason: '因为你从事：快递外卖', score: 3 }],
  })
  community.searchGroups.mockResolvedValue(page([]))
})

/** Width and height from a PNG's header. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(join(__dirname, '../../src/assets/tabbar', file))
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG')
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

describe('社群 tab', () => {
  it('is a tab with its own icons the size of the others, fetching the community package ahead', () => {
    ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
    const config = require('../../src/app.config').default as {
      pages: string[]
      preloadRule: Record<string, { packages: string[] }>
      tabBar: { list: { pagePath: string; text: string; iconPath: string; selectedIconPath: string }[] }
    }
    const tab = config.tabBar.list.find((t) => t.text === '社群')
    expect(tab).toEqual({ pagePath: 'pages/groups/index', text: '社群', iconPath: 'assets/tabbar/groups.png', selectedIconPath: 'assets/tabbar/groups-active.png' })
    expect(config.pages).toContain('pages/groups/index')
    expect(config.preloadRule['pages/groups/index'].packages).toContain('packages/community')
    const size = pngSize('points.png')
    expect(pngSize('groups.png')).toEqual(size)
    expect(pngSize('groups-active.png')).toEqual(size)
  })

  it('lists my groups with my role, and a request still waiting as 审核中', async () => {
    renderWithSession(<GroupsPage />)
    await waitFor(() => expect(byId('mine-g-photo')).toBeTruthy())
    expect(textOf('mine-g-photo')).toContain('管理员')
    expect(textOf('mine-g-photo')).toContain('成员 12/50 人')
    expect(textOf('mine-g-run')).toContain('审核中')
    expect(textOf('mine-g-run')).toContain('需审核')
    expect(community.myGroups).toHaveBeenCalledWith({ cursor: undefined })
    tap('mine-g-run')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${GROUP_PAGE}?id=g-run` })
  })

  it('says why each group is suggested', async () => {
    renderWithSession(<GroupsPage />)
    await waitFor(() => expect(textOf('recommended-g-express-reason')).toBe('因为你从事：快递外卖'))
    expect(textOf('recommended-g-express')).toContain('行业社群')
    tap('recommended-g-express')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${GROUP_PAGE}?id=g-express` })
  })

  it('searches by name or tag, then by kind, and says when nothing matched', async () => {
    renderWithSession(<GroupsPage />)
    await waitFor(() => expect(byId('mine-g-photo')).toBeTruthy())
    community.searchGroups.mockResolvedValueOnce(page([groupCard({ id: 'g-found', name: '润城摄影小组' })]))
    const input = byId('groups-search').querySelector('input')!
    fireEvent.change(input, { target: { value: ' 摄影 ' } })
    fireEvent.keyDown(input, { key: 'Enter' })
    await waitFor(() => expect(byId('group-g-found')).toBeTruthy())
    expect(community.searchGroups).toHaveBeenLastCalledWith({ q: '摄影', kind: undefined, cursor: undefined })
    // The search takes the place of my groups and the suggestions.
    expect(document.getElementById('groups-mine')).toBeNull()
    expect(document.getElementById('groups-recommended')).toBeNull()

    tap('groups-kind-volunteer_team')
    await waitFor(() => expect(community.searchGroups).toHaveBeenLastCalledWith({ q: '摄影', kind: 'volunteer_team', cursor: undefined }))
    expect(await screen.findByText('没有找到与“摄影”有关的青年突击队，换个词试试')).toBeTruthy()
  })

  it('tells a youth with no group what to do, and sends one with no suggestion to the profile', async () => {
    community.myGroups.mockResolvedValue(page([]))
    community.recommendGroups.mockResolvedValue({ items: [] })
    renderWithSession(<GroupsPage />)
    expect(await screen.findByText('还没有加入社群。可以从下面「为你推荐」里挑一个，或在上面搜索感兴趣的社群。')).toBeTruthy()
    expect(await screen.findByText('暂时没有为你推荐的社群。在青年档案里填写兴趣、特长，推荐会更合适。')).toBeTruthy()
    tap('groups-profile')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.profile })
  })

  it('shows why the suggestions failed, and 重试 asks again', async () => {
    community.recommendGroups.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<GroupsPage />)
    await waitFor(() => expect(textOf('groups-recommended-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('groups-recommended-retry')
    await waitFor(() => expect(textOf('recommended-g-express-reason')).toBe('因为你从事：快递外卖'))
    expect(document.getElementById('groups-recommended-error')).toBeNull()
  })

  it('says why my groups did not come on a poor network, and 重试 asks again', async () => {
    community.myGroups.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<GroupsPage />)
    expect(await screen.findByText(ERRORS['GENERIC.NETWORK'])).toBeTruthy()
    tap('groups-mine-retry')
    await waitFor(() => expect(byId('mine-g-photo')).toBeTruthy())
    expect(document.getElementById('groups-mine-retry')).toBeNull()
  })

  it('asks both lists again when shown again (back from joining or leaving)', async () => {
    renderWithSession(<GroupsPage />)
    await waitFor(() => expect(byId('mine-g-photo')).toBeTruthy())
    act(() => void __pageHooks.didShow?.()) // the first show
    community.myGroups.mockResolvedValue(page([{ group: groupCard({ id: 'g-express', name: '快递小哥之家' }), membership: membership({ groupId: 'g-express' }) }]))
    community.recommendGroups.mockResolvedValue({ items: [] })
    act(() => void __pageHooks.didShow?.())
    await waitFor(() => expect(byId('mine-g-express')).toBeTruthy())
    await waitFor(() => expect(document.getElementById('recommended-g-express')).toBeNull())
    expect(community.myGroups).toHaveBeenCalledTimes(2)
  })

  it('sends someone without a profile to register, asking nothing of the groups', async () => {
    api.user.me.mockResolvedValue(unregistered())
    renderWithSession(<GroupsPage />)
    await waitFor(() => expect(document.getElementById('groups-register')).toBeTruthy())
    expect(community.myGroups).not.toHaveBeenCalled()
    expect(community.recommendGroups).not.toHaveBeenCalled()
    tap('groups-register')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: ROUTES.index })
  })

  it('renders in elder mode (large text), all in Chinese', async () => {
    api.user.me.mockResolvedValue(me({ profile: profile({ elderMode: true }) }))
    renderWithSession(<GroupsPage />)
    await waitFor(() => expect(byId('mine-g-photo')).toBeTruthy())
    await waitFor(() => expect(byId('recommended-g-express')).toBeTruthy())
    expect(byId('page-groups').className).toContain('tq-elder')
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/)
  })
})
