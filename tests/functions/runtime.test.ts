import { z } from 'zod'
import { defineContract } from '../../types/contract/common'
import { AppError } from '../../cloudfunctions/_core/runtime/app-error'
import { localCaller } from '../../cloudfunctions/_core/runtime/caller'
import { fixedClock } from '../../cloudfunctions/_core/runtime/clock'
import type { Deps } from '../../cloudfunctions/_core/runtime/context'
import type { Log } from '../../cloudfunctions/_core/runtime/log'
import { createHandler, wxMain, type Actions } from '../../cloudfunctions/_core/runtime/serve'
import { localPlatform } from '../../cloudfunctions/_core/platform'
import { secretsFromKey } from '../../cloudfunctions/_core/runtime/secrets'
import { errCode, testCloud, type TestCloud } from '../fixtures/test-cloud'
import { FULL_PHONE } from '../fixtures/people'

/** The router every function shares, exercised with a tiny contract of its own. */
const contract = defineContract('demo', {
  echo: { summary: 'echo', input: z.strictObject({ n: z.number().int().max(10) }), output: z.object({ n: z.number() }) },
  boom: { summary: 'throws', input: z.strictObject({}), output: z.object({}) },
  refuse: { summary: 'refuses', input: z.strictObject({}), output: z.object({}) },
  leaky: { summary: 'returns extra fields', input: z.strictObject({}), output: z.object({ name: z.string() }) },
  unaudited: { summary: 'forgets its audit', audit: true, input: z.strictObject({}), output: z.object({}) },
  open: { summary: 'public', public: true, input: z.strictObject({}), output: z.object({ who: z.string().nullable() }) },
  clash: { summary: 'write conflict', input: z.strictObject({}), output: z.object({}) },
  tick: { summary: 'timer', timer: true, input: z.strictObject({}), output: z.object({ source: z.string() }) },
  verdict: { summary: 'push', push: 'wxa_media_check', input: z.object({ trace_id: z.string() }), output: z.object({ source: z.string(), trace: z.string() }) },
})

const logs: { event: string; fields?: Record<string, unknown> }[] = []
const log: Log = { info: () => {}, error: (event, fields) => logs.push({ event, fields }) }
const deps = (): Deps => ({ db: {} as never, clock: fixedClock(0), log, platform: localPlatform(fixedClock(0)), secrets: () => secretsFromKey('b'.repeat(64)) })

const actions: Actions<typeof contract> = {
  echo: async ({ n }) => ({ n }),
  boom: async () => {
    throw new Error('database exploded with phone 13812345678')
  },
  refuse: async () => {
    throw new AppError('AUTH.FORBIDDEN')
  },
  leaky: async () => ({ name: '王', phoneEnc: 'secret' }) as never,
  unaudited: async () => ({}),
  open: async (_i, ctx) => ({ who: ctx.caller.openid }),
  tick: async (_i, ctx) => ({ source: ctx.caller.source }),
  verdict: async (i, ctx) => ({ source: ctx.caller.source, trace: i.trace_id }),
  clash: async () => {
    // What wx-server-sdk 4.0.2 makes of CloudBase's conflict reply (tests/emulator/conflict.test.ts).
    throw Object.assign(
      new Error('document.update:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.'),
      { errCode: -501001 },
    )
  },
}
const handler = createHandler(contract, actions, deps)
const call = (event: unknown, openid: string | null = 'u1') => handler.handle(event, localCaller(openid))

describe('serve', () => {
  beforeEach(() => {
    logs.length = 0
  })

  it('answers the envelope', async () => {
    expect(await call({ action: 'echo', payload: { n: 3 } })).toEqual({ ok: true, data: { n: 3 } })
  })

  it.each([
    ['not an object', 'hello'],
    ['an array', [1, 2]],
    ['no action', { payload: {} }],
    ['a non-string action', { action: 42 }],
  ])('refuses an event that is %s', async (_l, event) => {
    expect(errCode(await call(event))).toBe('GENERIC.BAD_INPUT')
  })

  it('names an unknown action, including prototype names', async () => {
    expect(errCode(await call({ action: 'dropDatabase' }))).toBe('GENERIC.UNKNOWN_ACTION')
    expect(errCode(await call({ action: 'constructor' }))).toBe('GENERIC.UNKNOWN_ACTION')
    expect(errCode(await call({ action: '__proto__' }))).toBe('GENERIC.UNKNOWN_ACTION')
  })

  it('answers bad input with the Chinese message and the issues', async () => {
    const res = await call({ action: 'echo', payload: { n: 1.5 } })
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('GENERIC.BAD_INPUT')
      expect(res.error.issues?.[0].path).toEqual(['n'])
    }
  })

  it.each([
    ['a 1 MB string', { n: 1, pad: 'x'.repeat(1 << 20) }],
    ['a 10,000-element array', { n: 1, xs: Array.from({ length: 10000 }, (_, i) => i) }],
    ['100-deep nesting', { n: JSON.parse('['.repeat(100) + ']'.repeat(100)) }],
    ['NaN', { n: NaN }],
    ['Infinity', { n: Infinity }],
    ['2^53', { n: 2 ** 53 }],
    ['the string "8"', { n: '8' }],
    ['an operator object', { n: { $gt: 0 } }],
    ['a __proto__ key', JSON.parse('{"n": 1, "__proto__": {"admin": true}}')],
  ])('refuses %s', async (_l, payload) => {
    expect(errCode(await call({ action: 'echo', payload }))).toBe('GENERIC.BAD_INPUT')
  })

  it('needs an identity except for public actions', async () => {
    expect(errCode(await call({ action: 'echo', payload: { n: 1 } }, null))).toBe('AUTH.UNAUTHENTICATED')
    expect(await call({ action: 'open' }, null)).toEqual({ ok: true, data: { who: null } })
  })

  it('runs timer actions only for a timer trigger', async () => {
    expect(errCode(await call({ action: 'tick' }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await call({ action: 'tick' }, null))).toBe('AUTH.FORBIDDEN')
    const main = wxMain(handler)
    delete process.env.WX_CONTEXT_KEYS
    expect(await main({ Type: 'Timer', TriggerName: 'tick', Time: '2026-11-28T02:00:00Z' })).toEqual({ ok: true, data: { source: 'timer' } })
    // A user cannot pass for a timer by sending a timer-shaped event.
    Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'u1' })
    try {
      expect(errCode(await main({ Type: 'timer', TriggerName: 'tick' }))).toBe('GENERIC.BAD_INPUT')
    } finally {
      delete process.env.WX_CONTEXT_KEYS
      delete process.env.WX_OPENID
    }
  })

  it('runs push actions only for the message WeChat pushes, routed by its Event', async () => {
    const pushed = { ToUserName: 'gh_1', FromUserName: 'o_x', MsgType: 'event', Event: 'wxa_media_check', trace_id: 't-1', result: { suggest: 'pass' } }
    expect(errCode(await call({ action: 'verdict', payload: { trace_id: 't-1' } }))).toBe('AUTH.FORBIDDEN')
    expect(errCode(await call({ action: 'verdict', payload: { trace_id: 't-1' } }, null))).toBe('AUTH.FORBIDDEN')
    const main = wxMain(handler)
    delete process.env.WX_CONTEXT_KEYS
    expect(await main(pushed)).toEqual({ ok: true, data: { source: 'push', trace: 't-1' } })
    // An event nobody declared is not routed; a user sending a push-shaped event stays that user.
    expect(errCode(await main({ ...pushed, Event: 'other_event' }))).toBe('GENERIC.BAD_INPUT')
    Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'u1' })
    try {
      expect(errCode(await main(pushed))).toBe('GENERIC.BAD_INPUT')
    } finally {
      delete process.env.WX_CONTEXT_KEYS
      delete process.env.WX_OPENID
    }
  })

  it('passes typed refusals through', async () => {
    expect(await call({ action: 'refuse' })).toEqual({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作。' } })
    expect(logs).toHaveLength(0)
  })

  it('logs an unexpected failure with the action name and answers GENERIC.INTERNAL without leaking it', async () => {
    const res = await call({ action: 'boom' })
    expect(res).toEqual({ ok: false, error: { code: 'GENERIC.INTERNAL', message: '系统开小差了，请稍后再试。' } })
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ event: 'action_failed', fields: { fn: 'demo', action: 'boom' } })
    expect(JSON.stringify(logs)).not.toMatch(FULL_PHONE)
    expect(JSON.stringify(logs)).toContain('138****5678')
  })

  it('answers a write conflict that outlived the retries as GENERIC.CONFLICT, without an error log', async () => {
    expect(await call({ action: 'clash' })).toEqual({ ok: false, error: { code: 'GENERIC.CONFLICT', message: '数据刚被其他人修改，请刷新后再试。' } })
    expect(logs).toHaveLength(0)
  })

  it('strips fields the contract does not declare from the output', async () => {
    expect(await call({ action: 'leaky' })).toEqual({ ok: true, data: { name: '王' } })
  })

  it('refuses to answer success for an audited action that wrote no audit entry', async () => {
    expect(errCode(await call({ action: 'unaudited' }))).toBe('GENERIC.INTERNAL')
    expect(String(logs[0].fields?.detail)).toMatch(/audit/)
  })
})

describe('serve through the real SDK', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await testCloud()
  })
  afterAll(() => cloud.close())

  it('recognises a write conflict by the code CloudBase reports', async () => {
    const { isConflict } = await import('../../cloudfunctions/_core/runtime/db')
    expect(isConflict({ code: 'DATABASE_TRANSACTION_CONFLICT' })).toBe(true)
    expect(isConflict(new Error('boom'))).toBe(false)
  })

  it('builds the caller from the platform, never from the payload', async () => {
    const res = await cloud.raw('user', { action: 'me', payload: { openid: 'dev-admin' } }, 'dev-youth')
    expect(errCode(res)).toBe('GENERIC.BAD_INPUT')
    const me = await cloud.raw('user', { action: 'me', payload: {} }, 'dev-youth')
    expect(me.ok && (me.data as { profile: { realName: string } }).profile.realName).toBe('王晓青')
  })
})
