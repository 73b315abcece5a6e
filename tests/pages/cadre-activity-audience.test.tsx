import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import ActivityEditPage from '../../src/packages/cadre/pages/activity-edit'
import { ApiError } from '../../src/services/api'
import { mockedActions } from './api-mock'
import { api, me, orgTreeAnswer, renderWithSession, role } from './fixtures'
import { view } from './activity-fixtures'
import { byId, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/services/files', () => ({ uploadPhotos: jest.fn() }))

/** The cadre's activity form choosing who may sign up: 「社群成员」 with one of the org's groups. */
const community = mockedActions.community
const group = (id: string, name: string) => ({ id, name, orgId: 't-chengguan', orgName: '城关镇团委', parentId: null, depth: 0 })

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })] }))
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
})

const pick = async (orgId: string) => {
  const option = await waitFor(() => byId(`edit-org-option-${orgId}`))
  await act(async () => void fireEvent.click(option))
}

function fillBasics() {
  type('edit-title-input', '周末环境整治')
  type('edit-description-input', '清理楼道杂物')
  type('edit-place-input', '东街社区')
  type('edit-lat-input', '35.486')
  type('edit-lng-input', '112.415')
}

describe('cadre: 新建/编辑活动 — 社群成员', () => {
  it('offers the org’s groups, a page at a time, and creates the activity for the one chosen', async () => {
    __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
    community.listGroups
      .mockResolvedValueOnce({ items: [group('g1', '城关镇青年志愿者'), group('g2', '城关镇读书会')], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [group('g3', '城关镇电商青年')], nextCursor: null })
    api.activity.createActivity.mockResolvedValue({ activity: view({ id: 'new1', status: 'draft', audience: { type: 'group', groupId: 'g3' } }) })
    renderWithSession(<ActivityEditPage />)
    await screen.findByText('保存草稿')
    expect(document.getElementById('field-edit-group')).toBeNull()
    tap('edit-audience-group')
    expect(await screen.findByText('城关镇青年志愿者')).toBeTruthy()
    expect(community.listGroups).toHaveBeenCalledWith({ orgId: 't-chengguan', cursor: undefined })
    tap('edit-group-more')
    expect(await screen.findByText('城关镇电商青年')).toBeTruthy()
    expect(community.listGroups).toHaveBeenLastCalledWith({ orgId: 't-chengguan', cursor: 'c1' })
    tap('edit-group-g3')
    fillBasics()
    tap('edit-save')
    await waitFor(() => expect(api.activity.createActivity).toHaveBeenCalledTimes(1))
    expect(api.activity.createActivity.mock.calls[0][0].audience).toEqual({ type: 'group', groupId: 'g3' })
  })

  it('asks for a group before sending anything, and says when the org has none', async () => {
    __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
    community.listGroups.mockResolvedValue({ items: [], nextCursor: null })
    renderWithSession(<ActivityEditPage />)
    await screen.findByText('保存草稿')
    tap('edit-audience-group')
    expect(await screen.findByText('城关镇团委还没有社群。')).toBeTruthy()
    fillBasics()
    tap('edit-save')
    await waitFor(() => expect(textOf('field-edit-audience-error')).toBe('请选择哪个社群的成员可以报名'))
    expect(api.activity.createActivity).not.toHaveBeenCalled()
  })

  it('shows a saved activity’s group by name, keeps it on save, and shows a refusal under the audience', async () => {
    __router.params = { id: 'a1' }
    api.activity.getActivity.mockResolvedValue({ activity: view({ id: 'a1', status: 'published', canManage: true, orgId: 't-chengguan', orgName: '城关镇团委', audience: { type: 'group', groupId: 'g9' } }), mine: null })
    // A group below the org's top level: not on the first page of the org's groups.
    community.listGroups.mockResolvedValue({ items: [group('g1', '城关镇青年志愿者')], nextCursor: null })
    community.getGroup.mockResolvedValue({ group: group('g9', '东街社区志愿者') })
    api.activity.updateActivity.mockRejectedValue(new ApiError('GROUP.NOT_FOUND'))
    renderWithSession(<ActivityEditPage />)
    expect(await screen.findByText('东街社区志愿者')).toBeTruthy()
    expect(community.getGroup).toHaveBeenCalledWith({ groupId: 'g9' })
    expect(textOf('edit-audience-group')).toBe('社群成员')
    tap('edit-save')
    await waitFor(() => expect(textOf('field-edit-audience-error')).toBe(ERRORS['GROUP.NOT_FOUND']))
    expect(api.activity.updateActivity.mock.calls[0][0].audience).toEqual({ type: 'group', groupId: 'g9' })
    expect(community.getGroup).toHaveBeenCalledTimes(1)
  })

  it('starts the choice again when a new activity’s org changes, and sends no group for 所有青年', async () => {
    __router.params = { orgId: 't-chengguan', orgName: '城关镇团委' }
    community.listGroups.mockImplementation(async ({ orgId }: { orgId: string }) =>
      orgId === 't-chengguan' ? { items: [group('g1', '城关镇青年志愿者')], nextCursor: null } : { items: [group('g5', '东街青年突击队')], nextCursor: null },
    )
    api.activity.createActivity.mockResolvedValue({ activity: view({ id: 'new1', status: 'draft' }) })
    renderWithSession(<ActivityEditPage />)
    await screen.findByText('保存草稿')
    tap('edit-audience-group')
    await screen.findByText('城关镇青年志愿者')
    tap('edit-group-g1')

    await act(async () => void tap('edit-org-open'))
    await pick('t-chengguan')
    await pick('b-dongjie')
    expect(await screen.findByText('东街青年突击队')).toBeTruthy()
    expect(screen.queryByText('城关镇青年志愿者')).toBeNull()
    fillBasics()
    tap('edit-save')
    await waitFor(() => expect(textOf('field-edit-audience-error')).toBe('请选择哪个社群的成员可以报名'))
    expect(api.activity.createActivity).not.toHaveBeenCalled()

    tap('edit-audience-everyone')
    tap('edit-save')
    await waitFor(() => expect(api.activity.createActivity).toHaveBeenCalledTimes(1))
    expect(api.activity.createActivity.mock.calls[0][0]).toMatchObject({ orgId: 'b-dongjie', audience: { type: 'everyone' } })
  })
})
