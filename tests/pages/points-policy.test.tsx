import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import type { PointsPolicyViewT } from '../../types/contract/adjust'
import type { OrgViewT } from '../../types/contract/user'
import PointsPolicyPage from '../../src/packages/admin/pages/points-policy'
import { ApiError } from '../../src/services/api'
import { api, me, orgTreeAnswer, profile, renderWithSession, role } from './fixtures'
import { byId, confirm, tap, textOf } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

/** 益币有效期 (src/packages/admin/pages/points-policy): a county admin reads and sets the county's expiry. */

const countyAdmin = (over = {}) => me({ roles: [role({ id: 'r-admin', role: 'admin', orgId: 'c-yangcheng', orgName: '阳城县团委' })], ...over })
// The exclusive end of 2027 in Shanghai: 2028-01-01 00:00 +08:00.
const END_2027 = Date.UTC(2027, 11, 31, 16, 0, 0)

const policy = (over: Partial<PointsPolicyViewT> = {}): PointsPolicyViewT => ({
  countyId: 'c-yangcheng',
  countyName: '阳城县团委',
  expireAfterYears: null,
  nextDeadline: null,
  setAt: null,
  ...over,
})

beforeEach(() => {
  __storage.clear()
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(countyAdmin())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
  api.points.getPointsPolicy.mockResolvedValue({ policy: policy() })
})

describe('admin: 益币有效期', () => {
  it('reads the policy of the county the admin role is at, and says a county without one keeps 益币 for good', async () => {
    renderWithSession(<PointsPolicyPage />)
    await waitFor(() => expect(textOf('policy-rule')).toBe('益币长期有效'))
    expect(api.points.getPointsPolicy).toHaveBeenCalledWith({ countyId: 'c-yangcheng' })
    expect(textOf('policy-current')).toContain('阳城县团委')
    expect(textOf('policy-deadline')).toBe('目前没有会过期的益币')
    expect(textOf('policy-set-at')).toBe('还没有设置过，益币长期有效。')
    expect(document.getElementById('policy-example')).toBeNull()
    // Nothing to save until another choice is made.
    tap('policy-save')
    expect(screen.queryByText('确定修改')).toBeNull()
  })

  it('says the rule in words with the next deadline', async () => {
    api.points.getPointsPolicy.mockResolvedValue({ policy: policy({ expireAfterYears: 2, nextDeadline: END_2027, setAt: Date.UTC(2026, 2, 1, 2, 30) }) })
    renderWithSession(<PointsPolicyPage />)
    await waitFor(() => expect(textOf('policy-rule')).toBe('本县区获得的益币在获得当年之后第 2 年年底过期'))
    expect(textOf('policy-deadline')).toBe('下一次到期：2027年12月31日 24时')
    expect(textOf('policy-set-at')).toBe('最近一次修改：2026年3月1日 10:30')
    expect(textOf('policy-example')).toMatch(/^例如：(\d{4})年获得的益币，(\d{4})年12月31日之后过期/)
    const [, from, to] = /(\d{4})年获得的益币，(\d{4})年/.exec(textOf('policy-example') ?? '') ?? []
    expect(Number(to) - Number(from)).toBe(2)
  })

  it('changes the years after a confirmation that it reaches only year ends at least 30 days away', async () => {
    api.points.setPointsPolicy.mockResolvedValue({ policy: policy({ expireAfterYears: 3, nextDeadline: END_2027, setAt: Date.UTC(2026, 10, 1, 2) }) })
    renderWithSession(<PointsPolicyPage />)
    await waitFor(() => expect(textOf('policy-rule')).toBe('益币长期有效'))
    tap('policy-years-3')
    tap('policy-save')
    const words = await confirm('确定修改')
    expect(words).toContain('改为「本县区获得的益币在获得当年之后第 3 年年底过期」')
    expect(words).toContain('修改只对距今至少30天的年底生效')
    await waitFor(() => expect(textOf('policy-done')).toBe('已修改：本县区获得的益币在获得当年之后第 3 年年底过期。'))
    expect(api.points.setPointsPolicy).toHaveBeenCalledWith({ countyId: 'c-yangcheng', expireAfterYears: 3 })
    expect(textOf('policy-rule')).toBe('本县区获得的益币在获得当年之后第 3 年年底过期')
    expect(textOf('policy-deadline')).toBe('下一次到期：2027年12月31日 24时')
    expect(Taro.showToast).toHaveBeenLastCalledWith({ title: '已保存', icon: 'success' })
  })

  it('turns expiry off as null, and sends nothing when the confirmation is cancelled', async () => {
    api.points.getPointsPolicy.mockResolvedValue({ policy: policy({ expireAfterYears: 1, nextDeadline: END_2027, setAt: Date.UTC(2026, 0, 5) }) })
    api.points.setPointsPolicy.mockResolvedValue({ policy: policy({ setAt: Date.UTC(2026, 10, 1, 2) }) })
    renderWithSession(<PointsPolicyPage />)
    await waitFor(() => expect(textOf('policy-rule')).toBe('本县区获得的益币在获得当年之后第 1 年年底过期'))
    tap('policy-years-never')
    tap('policy-save')
    await confirm('取消')
    expect(api.points.setPointsPolicy).not.toHaveBeenCalled()
    tap('policy-save')
    expect(await confirm('确定修改')).toContain('改为「益币长期有效」')
    await waitFor(() => expect(textOf('policy-rule')).toBe('益币长期有效'))
    expect(api.points.setPointsPolicy).toHaveBeenCalledWith({ countyId: 'c-yangcheng', expireAfterYears: null })
  })

  it('shows the server’s refusal in one Chinese sentence', async () => {
    api.points.setPointsPolicy.mockRejectedValue(new ApiError('POINTS.POLICY_COUNTY_ONLY'))
    renderWithSession(<PointsPolicyPage />)
    await waitFor(() => expect(textOf('policy-rule')).toBe('益币长期有效'))
    tap('policy-years-5')
    tap('policy-save')
    await confirm('确定修改')
    await waitFor(() => expect(textOf('policy-notice')).toBe(ERRORS['POINTS.POLICY_COUNTY_ONLY']))
    expect(textOf('policy-rule')).toBe('益币长期有效')
  })

  it('tells the admin of a township that only the county sets it, asking nothing of the policy', async () => {
    api.user.me.mockResolvedValue(me({ roles: [role({ role: 'admin', orgId: 't-chengguan', orgName: '城关镇团委' })] }))
    renderWithSession(<PointsPolicyPage />)
    await waitFor(() => expect(textOf('policy-county-only')).toBe(ERRORS['POINTS.POLICY_COUNTY_ONLY']))
    expect(api.points.getPointsPolicy).not.toHaveBeenCalled()
  })

  it('lets the admin of two counties choose between them', async () => {
    const other: OrgViewT = { id: 'c-qinshui', name: '沁水县团委', kind: 'county', parentId: null, depth: 0 }
    api.user.getOrgTree.mockImplementation(async (input: { rootId?: string }) => ({ orgs: [...(await orgTreeAnswer(input)).orgs, other] }))
    api.user.me.mockResolvedValue(
      me({ roles: [role({ id: 'r-1', role: 'admin', orgId: 'c-yangcheng', orgName: '阳城县团委' }), role({ id: 'r-2', role: 'admin', orgId: 'c-qinshui', orgName: '沁水县团委' })] }),
    )
    api.points.getPointsPolicy.mockImplementation(async ({ countyId }: { countyId: string }) =>
      countyId === 'c-qinshui' ? { policy: policy({ countyId, countyName: '沁水县团委', expireAfterYears: 5, nextDeadline: END_2027 }) } : { policy: policy() },
    )
    renderWithSession(<PointsPolicyPage />)
    await waitFor(() => expect(textOf('policy-rule')).toBe('益币长期有效'))
    tap('policy-county-c-qinshui')
    await waitFor(() => expect(textOf('policy-rule')).toBe('本县区获得的益币在获得当年之后第 5 年年底过期'))
    expect(api.points.getPointsPolicy).toHaveBeenLastCalledWith({ countyId: 'c-qinshui' })
  })

  it('is only for admins', async () => {
    api.user.me.mockResolvedValue(me({ roles: [role({ role: 'cadre', orgId: 'c-yangcheng' })] }))
    renderWithSession(<PointsPolicyPage />)
    await waitFor(() => expect(document.getElementById('forbidden')).toBeTruthy())
    expect(api.points.getPointsPolicy).not.toHaveBeenCalled()
  })

  it('stays readable in elder mode: large text, everything in Chinese', async () => {
    api.user.me.mockResolvedValue(countyAdmin({ profile: profile({ elderMode: true }) }))
    api.points.getPointsPolicy.mockResolvedValue({ policy: policy({ expireAfterYears: 2, nextDeadline: END_2027, setAt: Date.UTC(2026, 2, 1) }) })
    renderWithSession(<PointsPolicyPage />)
    await waitFor(() => expect(textOf('policy-rule')).toContain('第 2 年'))
    expect(byId('page-admin-points-policy').className).toContain('tq-elder')
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/)
  })
})
