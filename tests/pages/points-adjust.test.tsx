import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __router, __storage } from './__mocks__/taro'
import { ERRORS } from '../../types/errors'
import type { AccountSummaryT } from '../../types/contract/adjust'
import type { LedgerEntryViewT } from '../../types/contract/wallet'
import CadrePointsPage from '../../src/packages/cadre/pages/points'
import YouthPage from '../../src/packages/cadre/pages/youth'
import { unitsOf } from '../../src/packages/cadre/pages/points/format'
import { ApiError } from '../../src/services/api'
import { ROUTES } from '../../src/utils/routes'
import { api, me, orgTreeAnswer, profile, renderWithSession, role } from './fixtures'
import { byId, confirm, tap, textOf, type } from './dom'

jest.mock('../../src/services/api', () => require('./api-mock').apiModule())

/** 益币调整 (src/packages/cadre/pages/points): a cadre awards or deducts one youth's 益币 with a reason. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const cadre = (over = {}) => me({ roles: [role({ role: 'cadre', orgId: 't-chengguan', orgName: '城关镇团委' })], ...over })

const account = (over: Partial<AccountSummaryT> = {}): AccountSummaryT => ({
  userId: 'y1',
  realName: '张三',
  phoneMasked: '139****0001',
  orgName: '东街社区团支部',
  balance: 55,
  earned: 80,
  spent: 20,
  adjusted: 5,
  expired: 10,
  expiring: null,
  ...over,
})

const entry = (amount: number): LedgerEntryViewT => ({ id: 'le-1', amount, kind: 'adjust', title: amount > 0 ? '奖励' : '扣减', at: Date.UTC(2026, 10, 1, 2), reverses: null })

/** Fills the form and answers the confirmation; returns the confirmation's words. */
async function adjust(way: 'award' | 'deduct', units: string, reason: string): Promise<string> {
  tap(`adjust-way-${way}`)
  type('adjust-amount-input', units)
  type('adjust-reason-input', reason)
  tap('adjust-submit')
  const words = await confirm(way === 'award' ? '确认奖励' : '确认扣减')
  return words
}

beforeEach(() => {
  __storage.clear()
  __router.params = { userId: 'y1' }
  process.env.TARO_ENV = 'h5'
  api.user.me.mockResolvedValue(cadre())
  api.user.getOrgTree.mockImplementation(orgTreeAnswer)
  api.points.youthAccount.mockResolvedValue({ account: account() })
})

describe('cadre: 益币调整', () => {
  it('shows the youth with the masked phone, org, balance, what came in and out, and what expires', async () => {
    api.points.youthAccount.mockResolvedValue({ account: account({ adjusted: -5, expiring: { amount: 30, at: Date.UTC(2026, 11, 31, 15, 59) } }) })
    renderWithSession(<CadrePointsPage />)
    await waitFor(() => expect(textOf('cadre-points-name')).toBe('张三'))
    expect(api.points.youthAccount).toHaveBeenCalledWith({ userId: 'y1' })
    expect(textOf('cadre-points-who')).toBe('东街社区团支部 · 139****0001')
    expect(textOf('cadre-points-balance')).toBe('55')
    expect(textOf('cadre-points-figures')).toBe('累计获得 80 · 已用 20 · 调整 -5 · 已过期 10')
    expect(textOf('cadre-points-expiring')).toBe('30 益币将于 2026年12月31日 过期，请及时使用')
  })

  it('awards with a positive amount and deducts with a negative one, says the effect first, then the new balance', async () => {
    api.points.adjustPoints
      .mockResolvedValueOnce({ entry: entry(20), account: account({ balance: 75, adjusted: 25 }) })
      .mockResolvedValueOnce({ entry: entry(-20), account: account({ balance: 55, adjusted: 5 }) })
    renderWithSession(<CadrePointsPage />)
    await waitFor(() => expect(textOf('cadre-points-balance')).toBe('55'))

    expect(await adjust('award', '20', '  防汛志愿服务表现突出 ')).toContain('为 张三 奖励 20 益币，原因：防汛志愿服务表现突出；奖励后余额 75')
    await waitFor(() => expect(textOf('adjust-done')).toBe('已为 张三 奖励 20 益币，现在余额 75。'))
    expect(textOf('cadre-points-balance')).toBe('75')
    expect(Taro.showToast).toHaveBeenLastCalledWith({ title: '已奖励', icon: 'success' })
    // The form is empty again for the next one.
    expect((byId('adjust-amount-input') as HTMLInputElement).value).toBe('')

    expect(await adjust('deduct', '20', '重复登记')).toContain('为 张三 扣减 20 益币，原因：重复登记；扣减后余额 55')
    await waitFor(() => expect(textOf('adjust-done')).toBe('已为 张三 扣减 20 益币，现在余额 55。'))
    expect(textOf('cadre-points-balance')).toBe('55')
    expect(Taro.showToast).toHaveBeenLastCalledWith({ title: '已扣减', icon: 'success' })

    const [award, deduct] = api.points.adjustPoints.mock.calls.map((c) => c[0])
    expect(award).toEqual({ requestId: expect.stringMatching(UUID), userId: 'y1', amount: 20, reason: '防汛志愿服务表现突出' })
    expect(deduct).toEqual({ requestId: expect.stringMatching(UUID), userId: 'y1', amount: -20, reason: '重复登记' })
    // A new adjustment after a success is a new request.
    expect(deduct.requestId).not.toBe(award.requestId)
  })

  it('sends one request key across a failed retry, and a new one once the inputs change or after a success', async () => {
    api.points.adjustPoints
      .mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
      .mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
      .mockRejectedValueOnce(new ApiError('GENERIC.NETWORK'))
      .mockResolvedValueOnce({ entry: entry(30), account: account({ balance: 85 }) })
      .mockResolvedValueOnce({ entry: entry(30), account: account({ balance: 115 }) })
    renderWithSession(<CadrePointsPage />)
    await waitFor(() => expect(textOf('cadre-points-balance')).toBe('55'))

    await adjust('award', '20', '表现突出')
    await waitFor(() => expect(textOf('adjust-notice')).toBe(ERRORS['GENERIC.NETWORK']))
    // The same adjustment again: the same key.
    tap('adjust-submit')
    await confirm('确认奖励')
    await waitFor(() => expect(api.points.adjustPoints).toHaveBeenCalledTimes(2))
    // Other inputs: another adjustment, another key, kept for its own retry.
    await waitFor(() => expect(textOf('adjust-notice')).toBe(ERRORS['GENERIC.NETWORK']))
    await adjust('award', '30', '表现突出')
    await waitFor(() => expect(api.points.adjustPoints).toHaveBeenCalledTimes(3))
    await waitFor(() => expect(textOf('adjust-notice')).toBe(ERRORS['GENERIC.NETWORK']))
    tap('adjust-submit')
    await confirm('确认奖励')
    await waitFor(() => expect(textOf('adjust-done')).toBe('已为 张三 奖励 30 益币，现在余额 85。'))
    // The very same inputs after a success are a second award.
    await adjust('award', '30', '表现突出')
    await waitFor(() => expect(textOf('adjust-done')).toBe('已为 张三 奖励 30 益币，现在余额 115。'))

    const keys = api.points.adjustPoints.mock.calls.map((c) => c[0].requestId as string)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
    expect(keys[3]).toBe(keys[2])
    expect(keys[4]).not.toBe(keys[3])
    expect(new Set(keys).size).toBe(3)
  })

  it('shows the server’s below-zero refusal in its Chinese sentence next to the form, and the balance as it is now', async () => {
    api.points.adjustPoints.mockRejectedValue(new ApiError('POINTS.ADJUST_BELOW_ZERO'))
    renderWithSession(<CadrePointsPage />)
    await waitFor(() => expect(textOf('cadre-points-balance')).toBe('55'))
    // The youth spent some in the meantime.
    api.points.youthAccount.mockResolvedValue({ account: account({ balance: 12 }) })
    await adjust('deduct', '40', '重复登记')
    await waitFor(() => expect(textOf('adjust-notice')).toBe('扣减后余额会小于0，最多只能扣减当前余额。'))
    expect(byId('cadre-points-form').contains(byId('adjust-notice'))).toBe(true)
    await waitFor(() => expect(textOf('cadre-points-balance')).toBe('12'))
    expect(api.points.adjustPoints).toHaveBeenCalledWith(expect.objectContaining({ amount: -40 }))
  })

  it('shows other refusals in the server’s words, under the field they name', async () => {
    api.points.adjustPoints
      .mockRejectedValueOnce(new ApiError('POINTS.ADJUST_SELF'))
      .mockRejectedValueOnce(new ApiError('GENERIC.BAD_INPUT', '原因含有不适宜公开的内容', [{ path: ['reason'], message: '原因含有不适宜公开的内容' }]))
    renderWithSession(<CadrePointsPage />)
    await waitFor(() => expect(textOf('cadre-points-balance')).toBe('55'))
    await adjust('award', '5', '表现突出')
    await waitFor(() => expect(textOf('adjust-notice')).toBe(ERRORS['POINTS.ADJUST_SELF']))
    await adjust('award', '5', '另一个原因')
    await waitFor(() => expect(textOf('field-adjust-reason-error')).toBe('原因含有不适宜公开的内容'))
  })

  it('refuses bad amounts and reasons, and deductions beyond the balance, before sending anything', async () => {
    renderWithSession(<CadrePointsPage />)
    await waitFor(() => expect(textOf('cadre-points-balance')).toBe('55'))
    type('adjust-reason-input', '表现突出')
    const amounts: [string, string][] = [
      ['', '请填写益币数量'],
      ['0', '益币数量至少为1'],
      ['100001', '一次最多调整100000益币'],
    ]
    for (const [n, message] of amounts) {
      type('adjust-amount-input', n)
      tap('adjust-submit')
      await waitFor(() => expect([n, textOf('field-adjust-amount-error')]).toEqual([n, message]))
    }
    type('adjust-amount-input', '10')
    for (const [r, message] of [
      ['', '请填写原因'],
      [' 好 ', '原因至少2个字'],
      ['长'.repeat(61), '原因不能超过60个字'],
    ]) {
      type('adjust-reason-input', r)
      tap('adjust-submit')
      await waitFor(() => expect([r, textOf('field-adjust-reason-error')]).toEqual([r, message]))
    }
    // More than the youth has: said before asking.
    tap('adjust-way-deduct')
    type('adjust-amount-input', '56')
    type('adjust-reason-input', '重复登记')
    tap('adjust-submit')
    await waitFor(() => expect(textOf('adjust-notice')).toBe(ERRORS['POINTS.ADJUST_BELOW_ZERO']))
    expect(screen.queryByText('确认扣减')).toBeNull()
    // 100000 is allowed (as an award), and cancelling the confirmation sends nothing.
    tap('adjust-way-award')
    type('adjust-amount-input', '100000')
    tap('adjust-submit')
    await confirm('取消')
    expect(api.points.adjustPoints).not.toHaveBeenCalled()
  })

  // The number box itself keeps digits only (NutUI's type='number'); what a pasted text could hold is checked here.
  it('takes only whole numbers from 1 to 100000 as the amount', () => {
    expect(unitsOf(' 20 ')).toEqual({ units: 20 })
    expect(unitsOf('100000')).toEqual({ units: 100000 })
    for (const t of ['1.5', '-5', '2e3', '二十']) expect([t, unitsOf(t)]).toEqual([t, { error: '益币数量须为正整数' }])
  })

  it('says when the youth is not found, with the way back instead of 重试', async () => {
    api.points.youthAccount.mockRejectedValue(new ApiError('USER.NOT_FOUND'))
    renderWithSession(<CadrePointsPage />)
    await waitFor(() => expect(textOf('cadre-points-load-error')).toBe(ERRORS['USER.NOT_FOUND']))
    expect(document.getElementById('cadre-points-retry')).toBeNull()
    expect(document.getElementById('adjust-submit')).toBeNull()
  })

  it('is only for cadres and admins', async () => {
    api.user.me.mockResolvedValue(me())
    renderWithSession(<CadrePointsPage />)
    await waitFor(() => expect(document.getElementById('forbidden')).toBeTruthy())
    expect(api.points.youthAccount).not.toHaveBeenCalled()
  })

  it('stays readable in elder mode: large text, everything in Chinese', async () => {
    api.user.me.mockResolvedValue(cadre({ profile: profile({ elderMode: true }) }))
    renderWithSession(<CadrePointsPage />)
    await waitFor(() => expect(textOf('cadre-points-balance')).toBe('55'))
    expect(byId('page-cadre-points').className).toContain('tq-elder')
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/)
  })

  it('is opened from each youth of 青年档案 by its 「益币」 link', async () => {
    api.user.listProfiles.mockResolvedValue({
      items: [{ userId: 'y1', realName: '张三', gender: 'male', age: 21, phoneMasked: '139****0001', orgId: 'b-dongjie', orgName: '东街社区团支部', sector: 'delivery', leagueMember: false, skills: [], needs: [] }],
      nextCursor: null,
    })
    renderWithSession(<YouthPage />)
    await waitFor(() => expect(textOf('youth-points-y1')).toBe('益币'))
    tap('youth-points-y1')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.cadrePoints}?userId=y1` })
  })
})
