import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __storage } from './__mocks__/taro'
import { PRIVACY_VERSION } from '../../types/enums'
import { ERRORS } from '../../types/errors'
import ProfilePage from '../../src/pages/profile'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { todayInShanghai } from '../../src/utils/time'
import { api, me, orgTreeAnswer, profile, renderWithSession, unregistered } from './fixtures'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

jest.mock('@nutui/nutui-react-taro/dist/es/packages/datepicker', () => require('./mock-modules').datePickerModule())

const byId = (id: string) => {
  const el = document.getElementById(id)
  if (!el) throw new Error(`#${id} not found`)
  return el
}
const inputIn = (id: string) => byId(id).querySelector('input') ?? (byId(id) as HTMLInputElement)
const type = (id: string, value: string) => fireEvent.change(inputIn(id), { target: { value } })
const tap = (id: string) => fireEvent.click(byId(id))
const errorOf = (field: string) => document.getElementById(`field-${field}-error`)?.textContent ?? null

function yearsAgo(n: number, extraDays = 0): string {
  const [y, m, d] = todayInShanghai().split('-').map(Number)
  const date = new Date(Date.UTC(y - n, m - 1, d - extraDays))
  return date.toISOString().slice(0, 10)
}

async function pickBirthDate(date: string) {
  tap('birthDate-open')
  fireEvent.change(await screen.findByLabelText('date-wheels'), { target: { value: date } })
}

async function pickOrg() {
  tap('orgId-open')
  fireEvent.click(await screen.findByText('阳城县团委'))
  fireEvent.click(await screen.findByText('城关镇团委'))
  fireEvent.click(await screen.findByText('东街社区团支部'))
  await waitFor(() => expect(within(byId('field-orgId')).getAllByText('东街社区团支部').length).toBeGreaterThan(0))
}

async function fillValidForm({ birthDate = '1998-05-01' } = {}) {
  type('realName-input', '王小明')
  tap('gender-male')
  await pickBirthDate(birthDate)
  type('phone-input', '13912345678')
  await pickOrg()
  tap('sector-agriculture')
  tap('leagueMember-yes')
}

async function renderNewcomer() {
  api.user.me.mockResolvedValue(unregistered())
  renderWithSession(<ProfilePage />)
  await screen.findByText('登记青年档案')
  await waitFor(() => expect(api.user.me).toHaveBeenCalled())
}

beforeEach(() => {
  __storage.clear()
  __storage.set('tq.privacyAccepted', PRIVACY_VERSION)
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
})

describe('profile form: registering', () => {
  it('shows the shared schema’s Chinese message under each missing field and sends nothing', async () => {
    await renderNewcomer()
    fireEvent.click(screen.getByText('提交登记'))
    expect(errorOf('realName')).toBe('请填写姓名')
    expect(errorOf('gender')).toBe('请选择性别')
    expect(errorOf('birthDate')).toBe('请选择日期')
    expect(errorOf('phone')).toBe('请填写手机号')
    expect(errorOf('orgId')).toBe('请选择所属团组织')
    expect(errorOf('sector')).toBe('请选择所在领域')
    expect(errorOf('leagueMember')).toBe('请选择是否为共青团员')
    expect(byId('profile-notice').textContent).toContain('请看红色提示')
    expect(api.user.register).not.toHaveBeenCalled()
  })

  it('refuses a bad phone number and a bad ID number with the schema’s words', async () => {
    await renderNewcomer()
    await fillValidForm()
    type('phone-input', '1234')
    type('idNumber-input', '110101199003070000')
    fireEvent.click(screen.getByText('提交登记'))
    expect(errorOf('phone')).toBe('请填写11位手机号')
    expect(errorOf('idNumber')).toBe('身份证号不正确，请核对')
    expect(errorOf('realName')).toBeNull()
    expect(api.user.register).not.toHaveBeenCalled()
  })

  it('submits the register payload and goes to 我的', async () => {
    await renderNewcomer()
    await fillValidForm()
    type('skills-input', '电工')
    tap('skills-add')
    tap('needs-employment')
    tap('needs-skills_training')
    api.user.register.mockResolvedValue({ profile: profile({ realName: '王小明' }) })
    fireEvent.click(screen.getByText('提交登记'))
    await waitFor(() => expect(api.user.register).toHaveBeenCalledTimes(1))
    expect(api.user.register.mock.calls[0][0]).toEqual({
      realName: '王小明',
      gender: 'male',
      birthDate: '1998-05-01',
      phone: '13912345678',
      orgId: 'b-dongjie',
      sector: 'agriculture',
      skills: ['电工'],
      interests: [],
      needs: ['employment', 'skills_training'],
      leagueMember: true,
      elderMode: false,
      privacyVersion: PRIVACY_VERSION,
    })
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: ROUTES.activities }))
  })

  it('shows the server’s refusal of a 3-year-old under the birth date', async () => {
    await renderNewcomer()
    await fillValidForm({ birthDate: yearsAgo(3) })
    // Under 14: the guardian consents first.
    type('guardianName-input', '王大明')
    tap('guardianRelation-father')
    type('guardianPhone-input', '13800001111')
    tap('guardianAgreed-check')
    api.user.register.mockRejectedValue(new ApiError('USER.AGE_OUT_OF_RANGE'))
    fireEvent.click(screen.getByText('提交登记'))
    await waitFor(() => expect(errorOf('birthDate')).toBe(ERRORS['USER.AGE_OUT_OF_RANGE']))
    expect(byId('profile-notice').textContent).toBe(ERRORS['USER.AGE_OUT_OF_RANGE'])
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  it('asks for a guardian’s consent under 14, and only then', async () => {
    await renderNewcomer()
    await fillValidForm({ birthDate: yearsAgo(14) })
    expect(document.getElementById('guardian-section')).toBeNull()
    await pickBirthDate(yearsAgo(13, 0))
    expect(byId('guardian-section')).toBeTruthy()
    type('guardianName-input', '王大明')
    fireEvent.click(screen.getByText('提交登记'))
    expect(errorOf('guardianRelation')).toBe('请选择与监护人的关系')
    expect(errorOf('guardianPhone')).toBe('请填写手机号')
    expect(errorOf('guardianAgreed')).toBe('需要监护人勾选同意')
    expect(api.user.register).not.toHaveBeenCalled()

    tap('guardianRelation-mother')
    type('guardianPhone-input', '13800001111')
    tap('guardianAgreed-check')
    api.user.register.mockResolvedValue({ profile: profile() })
    fireEvent.click(screen.getByText('提交登记'))
    await waitFor(() => expect(api.user.register).toHaveBeenCalled())
    expect(api.user.register.mock.calls[0][0].guardian).toEqual({ name: '王大明', relation: 'mother', phone: '13800001111', agreed: true })
  })
})

describe('profile form: editing', () => {
  async function renderRegistered() {
    api.user.me.mockResolvedValue(me({ profile: profile({ idMasked: '1101**********0011' }) }))
    renderWithSession(<ProfilePage />)
    await screen.findByText('编辑青年档案')
    await waitFor(() => expect((inputIn('realName-input') as HTMLInputElement).value).toBe('李青'))
  }

  it('pre-fills from me and shows the phone and ID only masked', async () => {
    await renderRegistered()
    expect((inputIn('phone-input') as HTMLInputElement).value).toBe('')
    expect(byId('field-phone').textContent).toContain('138****5678')
    expect(byId('field-idNumber').textContent).toContain('1101**********0011')
    expect(byId('field-orgId').textContent).toContain('东街社区团支部')
  })

  it('sends only what changed, never the masked phone', async () => {
    await renderRegistered()
    type('realName-input', '李青青')
    api.user.updateProfile.mockResolvedValue({ profile: profile({ realName: '李青青' }) })
    fireEvent.click(screen.getByText('保存修改'))
    await waitFor(() => expect(api.user.updateProfile).toHaveBeenCalledTimes(1))
    expect(api.user.updateProfile.mock.calls[0][0]).toEqual({ realName: '李青青' })
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' }))
  })

  it('sends a phone number only when a new one is typed', async () => {
    await renderRegistered()
    type('phone-input', '13700002222')
    api.user.updateProfile.mockResolvedValue({ profile: profile() })
    fireEvent.click(screen.getByText('保存修改'))
    await waitFor(() => expect(api.user.updateProfile).toHaveBeenCalled())
    expect(api.user.updateProfile.mock.calls[0][0]).toEqual({ phone: '13700002222' })
  })

  it('says so when nothing changed', async () => {
    await renderRegistered()
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    expect(byId('profile-notice').textContent).toBe('没有需要修改的内容')
    expect(api.user.updateProfile).not.toHaveBeenCalled()
  })
})
