import { existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { secretsFromKey } from '../../cloudfunctions/_core/runtime/secrets'
import { startEmulator, sdkEnv, type Emulator } from '../../local/emulator'
import { seed } from '../../local/seed'

/**
 * The folders `npm run build:functions` made are what CloudBase receives: each holds exactly
 * index.js, package.json and config.json, and each index.js — with the SDK inlined — answers
 * through the real SDK as the deployed function would, identity read from the platform's context.
 */
const out = resolve(__dirname, '../../dist/functions')
const KEY = 'e'.repeat(64)
let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator({ file: ':memory:' })
  seed(emulator.store, secretsFromKey(KEY), 5)
  Object.assign(process.env, sdkEnv(emulator.url), { TQ_DATA_KEY: KEY, TQ_PLATFORM: 'local', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'dev-admin', WX_APPID: 'wx-test' })
})
afterAll(() => emulator.close())

const fns = existsSync(out) ? readdirSync(out).filter((d) => !d.startsWith('.')) : []

it('built every function', () => {
  expect(fns).toEqual(expect.arrayContaining(['user']))
})

describe.each(fns)('%s bundle', (fn) => {
  it('holds index.js, package.json and config.json and nothing else', () => {
    expect(readdirSync(resolve(out, fn)).sort()).toEqual(['config.json', 'index.js', 'package.json'])
  })

  it('exports main, which answers the envelope for the caller the platform names', async () => {
    const { main } = require(resolve(out, fn, 'index.js')) as { main: (event: unknown, ctx: unknown) => Promise<any> }
    expect(typeof main).toBe('function')
    expect(await main({ action: 'noSuchAction' }, {})).toMatchObject({ ok: false, error: { code: 'GENERIC.UNKNOWN_ACTION' } })
    if (fn === 'user') {
      const me = await main({ action: 'me', payload: {} }, {})
      expect(me.ok).toBe(true)
      expect(me.data.roles.map((r: { role: string }) => r.role)).toEqual(['admin'])
      const before = emulator.store.count('audit_logs', {})
      expect((await main({ action: 'createOrg', payload: { parentId: 'yc-fc', name: '部署测试团支部', kind: 'branch' } }, {})).ok).toBe(true)
      expect(emulator.store.count('audit_logs', {})).toBe(before + 1)
    }
  })
})
