import Taro from '@tarojs/taro'
import { z } from 'zod'
import { contracts } from '../../types/contract'
import { hoursContract } from '../../types/contract/hours'
import { ERRORS } from '../../types/errors'
import { ApiError, call, clientFor, resetCloudForTests } from '../../src/services/api'
import { accountApi } from '../../src/services/api/account'
import { adminApi } from '../../src/services/api/admin'
import { hoursApi } from '../../src/services/api/hours'
import { pointsApi } from '../../src/services/api/points'
import { scansApi } from '../../src/services/api/scans'

const api = { user: { ...accountApi, ...adminApi } }

const fetchMock = jest.fn()
const callFunction = Taro.cloud.callFunction as jest.Mock
const cloudInit = Taro.cloud.init as jest.Mock

function reply(body: unknown, status = 200) {
  return Promise.resolve({ status, json: () => Promise.resolve(body) } as unknown as Response)
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError)
    return e as ApiError
  }
  throw new Error('expected a rejection')
}

beforeEach(() => {
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  fetchMock.mockReset()
  callFunction.mockReset()
  resetCloudForTests()
  jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => {
  ;(console.error as jest.Mock).mockRestore()
})

describe('api client', () => {
  it('runs zod without generated code (the mini program forbids eval)', () => {
    expect(z.config().jitless).toBe(true)
  })

  it('offers every action of every contract, typed from the contract', () => {
    for (const c of Object.values(contracts)) {
      const client = clientFor(c) as unknown as Record<string, unknown>
      for (const action of Object.keys(c.actions)) expect(typeof client[action]).toBe('function')
    }
  })

  describe('in the browser build (TARO_ENV=h5)', () => {
    beforeEach(() => {
      process.env.TARO_ENV = 'h5'
    })

    it('posts {action, payload} to /api/<fn> on the same origin and returns data', async () => {
      const data = { profile: null, roles: [], privacy: { current: 'v1', accepted: null } }
      fetchMock.mockReturnValue(reply({ ok: true, data }))
      await expect(api.user.me({})).resolves.toEqual(data)
      expect(fetchMock).toHaveBeenCalledWith('/api/user', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'me', payload: {} }),
      })
    })

    it('sends a contract part’s actions to the function that serves them', async () => {
      fetchMock.mockReturnValue(reply({ ok: true, data: { personCode: 'p.1', userName: '李青' } }))
      await scansApi.myCode({})
      fetchMock.mockReturnValue(reply({ ok: true, data: { balance: 3, earned: 3, spent: 0 } }))
      await pointsApi.balance({})
      expect(fetchMock.mock.calls.map(([url, init]) => [url, JSON.parse((init as { body: string }).body).action])).toEqual([
        ['/api/activity', 'myCode'],
        ['/api/points', 'balance'],
      ])
    })

    it('refuses an action its contract part does not have (or an inherited name), without calling', async () => {
      expect('signUp' in hoursApi).toBe(false)
      expect((await rejection(call(hoursContract, 'signUp', { activityId: 'a1' }))).code).toBe('GENERIC.UNKNOWN_ACTION')
      expect((await rejection(call(hoursContract, 'toString', {}))).code).toBe('GENERIC.UNKNOWN_ACTION')
      expect(fetchMock).not.toHaveBeenCalled()
    })

    it('refuses bad input before calling, with the schema’s first Chinese message', async () => {
      const err = await rejection(api.user.redeemInvite({ code: 'abc' }))
      expect(err.code).toBe('GENERIC.BAD_INPUT')
      expect(err.message).toBe('邀请码是8位字母或数字')
      expect(err.issues?.[0]).toEqual({ path: ['code'], message: '邀请码是8位字母或数字' })
      expect(fetchMock).not.toHaveBeenCalled()
    })

    it('refuses unknown fields (no mass assignment) without calling', async () => {
      const err = await rejection(api.user.updateProfile({ elderMode: true, role: 'admin' } as never))
      expect(err.code).toBe('GENERIC.BAD_INPUT')
      expect(fetchMock).not.toHaveBeenCalled()
    })

    it('sends the parsed input (codes normalised, defaults applied)', async () => {
      fetchMock.mockReturnValue(reply({ ok: true, data: { role: {} } }))
      await api.user.redeemInvite({ code: 'abcd-1234' })
      expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({ action: 'redeemInvite', payload: { code: 'ABCD1234' } })
      fetchMock.mockReturnValue(reply({ ok: true, data: { orgs: [] } }))
      await api.user.getOrgTree({})
      expect(JSON.parse(fetchMock.mock.calls[1][1].body).payload).toEqual({ depth: 3 })
    })

    it('turns an error envelope into an ApiError with its code, message and issues', async () => {
      const issues = [{ path: ['birthDate'], message: '日期格式不正确' }]
      fetchMock.mockReturnValue(reply({ ok: false, error: { code: 'USER.AGE_OUT_OF_RANGE', message: ERRORS['USER.AGE_OUT_OF_RANGE'], issues } }))
      const err = await rejection(api.user.me({}))
      expect(err.code).toBe('USER.AGE_OUT_OF_RANGE')
      expect(err.message).toBe(ERRORS['USER.AGE_OUT_OF_RANGE'])
      expect(err.issues).toEqual(issues)
    })

    it('reads the envelope of an error status too (401 from the gateway)', async () => {
      fetchMock.mockReturnValue(reply({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED', message: '请先登录。' } }, 401))
      expect((await rejection(api.user.me({}))).code).toBe('AUTH.UNAUTHENTICATED')
    })

    it('maps a failed fetch to GENERIC.NETWORK', async () => {
      fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
      const err = await rejection(api.user.me({}))
      expect(err.code).toBe('GENERIC.NETWORK')
      expect(err.message).toBe(ERRORS['GENERIC.NETWORK'])
    })

    it('maps a gateway that is down (502 without an envelope) to GENERIC.NETWORK', async () => {
      fetchMock.mockReturnValue(Promise.resolve({ status: 502, json: () => Promise.reject(new SyntaxError('not json')) }))
      expect((await rejection(api.user.me({}))).code).toBe('GENERIC.NETWORK')
    })

    it('maps a reply that is not an envelope, or an unknown code, to GENERIC.INTERNAL', async () => {
      fetchMock.mockReturnValue(reply({ hello: 'world' }))
      expect((await rejection(api.user.me({}))).code).toBe('GENERIC.INTERNAL')
      fetchMock.mockReturnValue(reply({ ok: false, error: { code: 'NOPE.NOPE', message: 'x' } }))
      const err = await rejection(api.user.me({}))
      expect(err.code).toBe('GENERIC.INTERNAL')
      expect(err.message).toBe(ERRORS['GENERIC.INTERNAL'])
    })

    it('never touches the cloud SDK', async () => {
      fetchMock.mockReturnValue(reply({ ok: true, data: {} }))
      await api.user.me({})
      expect(callFunction).not.toHaveBeenCalled()
      expect(cloudInit).not.toHaveBeenCalled()
    })
  })

  describe('in the mini program (TARO_ENV=weapp)', () => {
    beforeEach(() => {
      process.env.TARO_ENV = 'weapp'
    })

    it('calls the cloud function with {action, payload}, initialising the SDK once', async () => {
      callFunction.mockResolvedValue({ result: { ok: true, data: { orgs: [] } } })
      await expect(api.user.getOrgTree({ depth: 2 })).resolves.toEqual({ orgs: [] })
      await api.user.getOrgTree({ depth: 2 })
      expect(callFunction).toHaveBeenCalledWith({ name: 'user', data: { action: 'getOrgTree', payload: { depth: 2 } } })
      expect(cloudInit).toHaveBeenCalledTimes(1)
      expect(fetchMock).not.toHaveBeenCalled()
    })

    it('validates before calling', async () => {
      const err = await rejection(api.user.listProfiles({ orgId: '$where' }))
      expect(err.code).toBe('GENERIC.BAD_INPUT')
      expect(err.message).toBe('编号格式不正确')
      expect(callFunction).not.toHaveBeenCalled()
    })

    it('turns an error envelope into an ApiError', async () => {
      callFunction.mockResolvedValue({ result: { ok: false, error: { code: 'INVITE.EXPIRED', message: ERRORS['INVITE.EXPIRED'] } } })
      const err = await rejection(api.user.redeemInvite({ code: 'ABCD1234' }))
      expect(err.code).toBe('INVITE.EXPIRED')
      expect(err.message).toBe(ERRORS['INVITE.EXPIRED'])
    })

    it('maps a failed call to GENERIC.NETWORK', async () => {
      callFunction.mockRejectedValue({ errMsg: 'cloud.callFunction:fail request:fail timeout' })
      const err = await rejection(api.user.me({}))
      expect(err.code).toBe('GENERIC.NETWORK')
      expect(err.message).toBe(ERRORS['GENERIC.NETWORK'])
    })

    it('maps a crashed function to GENERIC.INTERNAL, not to the network', async () => {
      callFunction.mockRejectedValue({ errCode: -504002, errMsg: 'functions execute fail' })
      expect((await rejection(api.user.me({}))).code).toBe('GENERIC.INTERNAL')
    })
  })
})
