import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import GroupEditPage from '../../src/packages/community/pages/group-edit'
import { ApiError } from '../../src/services/api'
import { uploadPhotos } from '../../src/services/files'
import { api, me, orgTreeAnswer, renderWithSession } from './fixtures'
import { fileId } from './goods-fixtures'
import { community } from './community-fixtures'
import { UUID, cadre, groupView } from './community-admin-fixtures'
import { inputIn, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())
jest.mock('../../src/services/files', () => ({ uploadPhotos: jest.fn() }))

/** The group editor (src/packages/community/pages/group-edit): a new group in the tower, or an edit of one. */

const upload = uploadPhotos as jest.MockedFunction<typeof uploadPhotos>
const picks = (...paths: string[]) => (Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: paths })

beforeEach(() => {
  __storage.clear()
  __router.params = {}
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
})

async function fillNew() {
  await waitFor(() => expect(document.getElementById('group-name-input')).toBeTruthy())
  type('group-name-input', '东街快递小哥之家')
  tap('group-kind-industry')
  type('group-tags-input', '快递外卖')
  tap('group-tags-add')
  type('group-description-input', '东街的快递、外卖小哥互助交流。')
  tap('group-policy-open')
}

describe('cadre: 新建社群', () => {
  it('sends the whole group once, under the parent it was opened for: blank capacity is no limit (null)', async () => {
    __router.params = { orgId: 'b-dongjie', orgName: '东街社区团支部', parentId: 'g-vol', parentName: '城关镇青年志愿者' }
    community.createGroup.mockResolvedValue({ group: groupView({ id: 'g-new', name: '东街快递小哥之家', parentId: 'g-vol', cover: fileId('cover-0001'), coverCheck: 'pass' }) })
    renderWithSession(<GroupEditPage />)
    await fillNew()
    expect(textOf('group-org-fixed')).toBe('东街社区团支部')
    expect(textOf('group-parent-fixed')).toBe('城关镇青年志愿者')
    picks('/tmp/cover.jpg')
    upload.mockResolvedValueOnce([fileId('cover-0001')])
    tap('group-cover-add')
    await waitFor(() => expect(document.getElementById('group-cover-0')).toBeTruthy())
    // One picture at most: no second one is offered.
    expect(document.getElementById('group-cover-add')).toBeNull()
    tap('group-save')
    await waitFor(() => expect(textOf('group-edit-notice')).toBe('已新建社群「东街快递小哥之家」。'))
    expect(upload).toHaveBeenCalledWith('u-li', ['/tmp/cover.jpg'])
    expect(community.createGroup).toHaveBeenCalledTimes(1)
    expect(community.createGroup).toHaveBeenCalledWith({
      requestId: expect.stringMatching(UUID),
      orgId: 'b-dongjie',
      parentGroupId: 'g-vol',
      name: '东街快递小哥之家',
      kind: 'industry',
      tags: ['快递外卖'],
      description: '东街的快递、外卖小哥互助交流。',
      cover: fileId('cover-0001'),
      joinPolicy: 'open',
      capacity: null,
      chatQr: null,
    })
    // Saved: now an edit of that group, the cover still shown by the phone's copy.
    expect(textOf('group-save')).toBe('保存修改')
    expect(document.querySelector('#group-cover-0 img')?.getAttribute('src')).toBe('/tmp/cover.jpg')
  })

  it('takes the org from the cadre’s scope when opened without one, at the top of the tower, with a typed capacity', async () => {
    community.createGroup
      .mockRejectedValueOnce(new ApiError('FILE.NOT_OWN'))
      .mockResolvedValueOnce({ group: groupView({ id: 'g-new', coverCheck: null, chatQr: fileId('qr-00001'), chatQrCheck: 'pending' }) })
    renderWithSession(<GroupEditPage />)
    await fillNew()
    await waitFor(() => expect(textOf('group-org-open')).toContain('城关镇团委'))
    expect(textOf('group-parent-fixed')).toBe('无（塔群顶层）')
    type('group-capacity-input', '200')
    picks('/tmp/qr.jpg')
    upload.mockResolvedValueOnce([fileId('qr-00001')])
    tap('group-chat-qr-add')
    await waitFor(() => expect(document.getElementById('group-chat-qr-0')).toBeTruthy())
    tap('group-save')
    // The one picture newly chosen is the one refused.
    await waitFor(() => expect(textOf('field-group-chat-qr-error')).toBe(ERRORS['FILE.NOT_OWN']))
    tap('group-save')
    await waitFor(() => expect(community.createGroup).toHaveBeenCalledTimes(2))
    expect(community.createGroup.mock.calls[1][0]).toMatchObject({ orgId: 't-chengguan', parentGroupId: null, capacity: 200, chatQr: fileId('qr-00001'), cover: null })
    await waitFor(() => expect(textOf('group-edit-notice')).toContain('图片正在进行内容安全检查'))
  })

  it('shows what is missing or wrong under the fields and sends nothing', async () => {
    renderWithSession(<GroupEditPage />)
    await waitFor(() => expect(document.getElementById('group-name-input')).toBeTruthy())
    tap('group-save')
    await waitFor(() => expect(textOf('field-group-name-error')).toBe('社群名称至少2个字'))
    expect(textOf('field-group-kind-error')).toBe('请选择社群类型')
    expect(textOf('group-edit-notice')).toBe('有几项需要修改，请看红色提示。')
    await fillNew()
    type('group-capacity-input', '1')
    tap('group-save')
    await waitFor(() => expect(textOf('field-group-capacity-error')).toBe('人数上限至少2人'))
    type('group-capacity-input', '200000')
    tap('group-save')
    await waitFor(() => expect(textOf('field-group-capacity-error')).toBe('人数上限不能超过100000人'))
    // A change clears its own message.
    type('group-capacity-input', '')
    expect(document.getElementById('field-group-capacity-error')).toBeNull()
    expect(community.createGroup).not.toHaveBeenCalled()
  })

  it('shows the server’s refusals at their fields and keeps its request key for the retry', async () => {
    __router.params = { orgId: 't-chengguan', orgName: '城关镇团委', parentId: 'g-far', parentName: '润城镇青年之家' }
    community.createGroup
      .mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
      .mockRejectedValueOnce(new ApiError('GENERIC.BAD_INPUT', undefined, [{ path: ['name'], message: '社群名称不能超过30个字' }]))
      .mockRejectedValueOnce(new ApiError('GROUP.OTHER_COUNTY'))
      .mockRejectedValueOnce(new ApiError('GENERIC.CONTENT_RISKY', '这张封面图片未通过内容安全检查，请换一张。'))
    renderWithSession(<GroupEditPage />)
    await fillNew()
    tap('group-save')
    await waitFor(() => expect(textOf('group-edit-notice')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('group-save')
    await waitFor(() => expect(textOf('field-group-name-error')).toBe('社群名称不能超过30个字'))
    tap('group-save')
    await waitFor(() => expect(textOf('field-group-parent-error')).toBe(ERRORS['GROUP.OTHER_COUNTY']))
    tap('group-save')
    await waitFor(() => expect(textOf('group-edit-notice')).toBe('这张封面图片未通过内容安全检查，请换一张。'))
    expect(inputIn('group-name-input').value).toBe('东街快递小哥之家')
    const keys = community.createGroup.mock.calls.map((c) => c[0].requestId)
    expect(keys).toHaveLength(4)
    expect(new Set(keys).size).toBe(1)
  })

  it('sends once while a save is on its way', async () => {
    let answer: (v: unknown) => void = () => undefined
    community.createGroup.mockImplementation(() => new Promise((resolve) => (answer = resolve)))
    renderWithSession(<GroupEditPage />)
    await fillNew()
    tap('group-save')
    tap('group-save')
    answer({ group: groupView({ id: 'g-new', name: '东街快递小哥之家' }) })
    await waitFor(() => expect(textOf('group-edit-notice')).toBe('已新建社群「东街快递小哥之家」。'))
    expect(community.createGroup).toHaveBeenCalledTimes(1)
  })
})

describe('cadre: 修改社群', () => {
  const saved = groupView({
    capacity: 50,
    cover: fileId('cover-0001'),
    coverCheck: 'pending',
    parentId: 'g-top',
    tags: ['志愿服务', '环保'],
  })

  it('loads the group, sends an edit without a request key or org, and blank capacity as null', async () => {
    __router.params = { id: 'g-vol', parentName: '阳城县青年志愿者' }
    community.getGroup.mockResolvedValue({ group: saved })
    community.updateGroup.mockResolvedValue({ group: { ...saved, capacity: null, coverCheck: 'pass' } })
    renderWithSession(<GroupEditPage />)
    await waitFor(() => expect(inputIn('group-name-input').value).toBe('城关镇青年志愿者'))
    expect(community.getGroup).toHaveBeenCalledWith({ groupId: 'g-vol' })
    expect(inputIn('group-capacity-input').value).toBe('50')
    expect(textOf('group-org-fixed')).toBe('城关镇团委')
    expect(textOf('group-parent-fixed')).toBe('阳城县青年志愿者')
    expect(textOf('group-cover-0')).toContain('检查中')
    type('group-capacity-input', '')
    tap('group-policy-invite')
    tap('group-save')
    await waitFor(() => expect(textOf('group-edit-notice')).toBe('修改已保存。'))
    expect(community.updateGroup).toHaveBeenCalledWith({
      groupId: 'g-vol',
      name: '城关镇青年志愿者',
      kind: 'volunteer_team',
      tags: ['志愿服务', '环保'],
      description: '城关镇的青年志愿服务队。',
      cover: fileId('cover-0001'),
      joinPolicy: 'invite',
      capacity: null,
      chatQr: null,
    })
    expect(community.createGroup).not.toHaveBeenCalled()
  })

  it('shows the load failure with a retry', async () => {
    __router.params = { id: 'g-vol' }
    community.getGroup.mockRejectedValueOnce(new ApiError('AUTH.FORBIDDEN')).mockResolvedValueOnce({ group: saved })
    renderWithSession(<GroupEditPage />)
    await waitFor(() => expect(textOf('group-edit-load-error')).toBe(ERRORS['AUTH.FORBIDDEN']))
    tap('group-edit-retry')
    await waitFor(() => expect(inputIn('group-name-input').value).toBe('城关镇青年志愿者'))
  })

  it('stays closed to a youth', async () => {
    __router.params = { id: 'g-vol' }
    api.user.me.mockResolvedValue(me())
    renderWithSession(<GroupEditPage />)
    expect(await screen.findByText(ERRORS['AUTH.FORBIDDEN'])).toBeTruthy()
    expect(community.getGroup).not.toHaveBeenCalled()
  })
})
