import { act, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks, __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import TowerPage from '../../src/packages/community/pages/tower'
import MePage from '../../src/pages/me'
import { ApiError } from '../../src/services/api'
import { api, me, orgTreeAnswer, renderWithSession } from './fixtures'
import { community, page } from './community-fixtures'
import { cadre, groupView } from './community-admin-fixtures'
import { tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

/** 社群管理 (src/packages/community/pages/tower): an org's tower of groups, its coverage, moves. */

const top = groupView()
const child = groupView({ id: 'g-east', name: '东街青年志愿者', parentId: 'g-vol', depth: 1, orgId: 'b-dongjie', orgName: '东街社区团支部', members: 12, reach: 12 })
const other = groupView({ id: 'g-photo', name: '城关镇青年摄影社', kind: 'interest', members: 8, reach: 8 })

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
  community.orgCoverage.mockResolvedValue({ orgId: 't-chengguan', groups: 3, reach: 47 })
  community.listGroups.mockImplementation(async (input: { orgId?: string; parentGroupId?: string }) => {
    if (input.orgId) return page([top, other])
    if (input.parentGroupId === 'g-vol') return page([child])
    return page([])
  })
})

describe('cadre: 社群管理 (塔群)', () => {
  it('shows the org’s coverage and its top groups with members and reach', async () => {
    renderWithSession(<TowerPage />)
    await waitFor(() => expect(textOf('tower-coverage')).toContain('社群 3 个'))
    expect(textOf('tower-coverage')).toContain('覆盖青年 47 人')
    expect(community.orgCoverage).toHaveBeenCalledWith({ orgId: 't-chengguan' })
    expect(community.listGroups).toHaveBeenCalledWith({ orgId: 't-chengguan', cursor: undefined })
    expect(textOf('group-g-vol-figures')).toBe('成员 30 人 · 覆盖青年 42 人')
    expect(textOf('group-g-photo-figures')).toBe('成员 8 人 · 覆盖青年 8 人')
    // Children are asked for only when a group is opened.
    expect(community.listGroups).not.toHaveBeenCalledWith(expect.objectContaining({ parentGroupId: expect.anything() }))
  })

  it('opens a group’s children on a tap, with their reach and org, and closes them again', async () => {
    renderWithSession(<TowerPage />)
    await screen.findByText('城关镇青年志愿者')
    tap('group-g-vol')
    await waitFor(() => expect(textOf('group-g-east-figures')).toBe('成员 12 人 · 覆盖青年 12 人'))
    expect(community.listGroups).toHaveBeenCalledWith({ parentGroupId: 'g-vol', cursor: undefined })
    // A child of another org says whose it is.
    expect(textOf('group-g-east')).toContain('东街社区团支部')
    tap('group-g-east')
    await waitFor(() => expect(textOf('group-g-east-children')).toContain('暂无下级社群'))
    tap('group-g-vol')
    expect(document.getElementById('group-g-east')).toBeNull()
  })

  it('opens the editor for a new group of the org, a child, or an edit, and the group’s management page', async () => {
    renderWithSession(<TowerPage />)
    await screen.findByText('城关镇青年志愿者')
    tap('tower-new')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/community/pages/group-edit/index?orgId=t-chengguan&orgName=${encodeURIComponent('城关镇团委')}` })
    tap('group-g-vol')
    await screen.findByText('东街青年志愿者')
    tap('group-g-east')
    await waitFor(() => expect(textOf('group-g-east-children')).toContain('暂无下级社群'))
    tap('group-g-east-edit')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/community/pages/group-edit/index?id=g-east&parentName=${encodeURIComponent('城关镇青年志愿者')}` })
    tap('group-g-east-add')
    expect((Taro.navigateTo as jest.Mock).mock.lastCall[0].url).toBe(
      `/packages/community/pages/group-edit/index?orgId=b-dongjie&orgName=${encodeURIComponent('东街社区团支部')}&parentId=g-east&parentName=${encodeURIComponent('东街青年志愿者')}`,
    )
    tap('group-g-vol-manage')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/community/pages/manage/index?id=g-vol' })
  })

  it('moves a group under another one chosen in the sheet, then asks the tower and coverage again', async () => {
    community.moveGroup.mockResolvedValue({ group: groupView({ id: 'g-photo', parentId: 'g-east' }), moved: 1 })
    renderWithSession(<TowerPage />)
    await screen.findByText('城关镇青年摄影社')
    tap('group-g-photo')
    await waitFor(() => expect(document.getElementById('group-g-photo-move')).toBeTruthy())
    tap('group-g-photo-move')
    // The group itself cannot be opened: nothing under it is offered.
    await waitFor(() => expect(document.getElementById('move-option-g-photo')).toBeTruthy())
    expect(textOf('move-option-g-photo')).toContain('正在移动的社群')
    tap('move-option-g-photo')
    expect(document.getElementById('move-here')).toBeNull()
    tap('move-option-g-vol')
    await waitFor(() => expect(document.getElementById('move-option-g-east')).toBeTruthy())
    tap('move-option-g-east')
    await waitFor(() => expect(textOf('move-here')).toBe('移到「东街青年志愿者」之下'))
    const listsBefore = community.listGroups.mock.calls.filter(([i]) => i.orgId).length
    tap('move-here')
    await waitFor(() => expect(textOf('tower-done')).toBe('已把「城关镇青年摄影社」移到「东街青年志愿者」之下（共 1 个社群）。'))
    expect(community.moveGroup).toHaveBeenCalledWith({ groupId: 'g-photo', newParentId: 'g-east' })
    await waitFor(() => expect(community.listGroups.mock.calls.filter(([i]) => i.orgId).length).toBeGreaterThan(listsBefore))
    expect(community.orgCoverage.mock.calls.length).toBeGreaterThan(1)
  })

  it('moves a group to the top, and shows the server’s refusal inside the sheet', async () => {
    community.listGroups.mockImplementation(async (input: { orgId?: string; parentGroupId?: string }) => (input.orgId ? page([top]) : input.parentGroupId === 'g-vol' ? page([child]) : page([])))
    community.moveGroup.mockRejectedValueOnce(new ApiError('GROUP.OTHER_COUNTY')).mockResolvedValueOnce({ group: groupView({ id: 'g-east', parentId: null }), moved: 1 })
    renderWithSession(<TowerPage />)
    await screen.findByText('城关镇青年志愿者')
    tap('group-g-vol')
    await screen.findByText('东街青年志愿者')
    tap('group-g-east')
    tap('group-g-east-move')
    await waitFor(() => expect(textOf('move-top')).toBe('移到塔群顶层'))
    tap('move-top')
    await waitFor(() => expect(textOf('move-error')).toBe(ERRORS['GROUP.OTHER_COUNTY']))
    tap('move-top')
    await waitFor(() => expect(textOf('tower-done')).toBe('已把「东街青年志愿者」移到塔群顶层（共 1 个社群）。'))
    expect(community.moveGroup).toHaveBeenLastCalledWith({ groupId: 'g-east', newParentId: null })
  })

  it('says where a group already is instead of offering to move it there', async () => {
    renderWithSession(<TowerPage />)
    await screen.findByText('城关镇青年志愿者')
    tap('group-g-vol')
    tap('group-g-vol-move')
    await waitFor(() => expect(textOf('move-top')).toBe('已在塔群顶层'))
    tap('move-top')
    expect(community.moveGroup).not.toHaveBeenCalled()
  })

  it('shows a coverage failure with 重试, and asks everything again when shown again', async () => {
    community.orgCoverage.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<TowerPage />)
    await waitFor(() => expect(textOf('tower-coverage-error')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('tower-coverage-retry')
    await waitFor(() => expect(textOf('tower-coverage')).toContain('覆盖青年 47 人'))
    const before = community.listGroups.mock.calls.length
    act(() => void __pageHooks.didShow?.()) // the page's first show
    act(() => void __pageHooks.didShow?.()) // back from the editor
    await waitFor(() => expect(community.listGroups.mock.calls.length).toBeGreaterThan(before))
  })

  it('shows a failed list with 重试, for the tower and for a group’s children', async () => {
    const answer = community.listGroups.getMockImplementation()!
    community.listGroups.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
    renderWithSession(<TowerPage />)
    await waitFor(() => expect(textOf('tower-list')).toContain(ERRORS['GENERIC.NETWORK']))
    tap('tower-retry')
    await screen.findByText('城关镇青年志愿者')
    community.listGroups.mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockImplementation(answer)
    tap('group-g-vol')
    await waitFor(() => expect(document.getElementById('group-g-vol-retry')).toBeTruthy())
    tap('group-g-vol-retry')
    await screen.findByText('东街青年志愿者')
    expect(document.getElementById('group-g-vol-retry')).toBeNull()
  })

  it('is opened from 我的 by a cadre, and is not offered to a youth', async () => {
    const { unmount } = renderWithSession(<MePage />)
    await waitFor(() => expect(textOf('entry-community-tower')).toContain('社群管理'))
    tap('entry-community-tower')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/community/pages/tower/index' })
    unmount()
    api.user.me.mockResolvedValue(me())
    renderWithSession(<MePage />)
    await screen.findByText('我的活动')
    expect(document.getElementById('entry-community-tower')).toBeNull()
  })

  it('stays closed to a youth', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<TowerPage />)
    expect(await screen.findByText(ERRORS['AUTH.FORBIDDEN'])).toBeTruthy()
    expect(community.listGroups).not.toHaveBeenCalled()
  })
})
