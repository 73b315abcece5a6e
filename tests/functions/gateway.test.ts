import type { AddressInfo } from 'node:net'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Server } from 'node:http'
import { describeContracts } from '../../types/contract/describe'
import { createHandlers } from '../../local/functions'
import { createGateway } from '../../local/gateway/server'
import { PERSONAS } from '../../local/seed/personas'
import { clearLocalOutbox } from '../../cloudfunctions/_core/platform'
import { testCloud, type TestCloud } from '../fixtures/test-cloud'

let cloud: TestCloud
let server: Server
let base: string
const staticDir = mkdtempSync(join(tmpdir(), 'tq-h5-'))

async function listen(devMode: boolean): Promise<[Server, string]> {
  const s = createGateway({ handlers: createHandlers(), staticDir, devMode, personas: PERSONAS })
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`]
}

beforeAll(async () => {
  cloud = await testCloud()
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>团青通</title>')
  ;[server, base] = await listen(true)
})
afterAll(async () => {
  server.close()
  server.closeAllConnections()
  await cloud.close()
})

const api = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/user`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })

describe('gateway', () => {
  it('answers health', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true, functions: ['user', 'activity', 'points'], dev: true })
  })

  it('logs a persona in with a session cookie and calls functions as that persona', async () => {
    const login = await fetch(`${base}/dev/login`, { method: 'POST', body: JSON.stringify({ openid: 'dev-admin' }) })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]
    expect(cookie).toBe('tq_dev=dev-admin')
    const me = await (await api({ action: 'me', payload: {} }, { cookie })).json()
    expect(me.data.profile.realName).toBe('张文静')
    expect(me.data.roles.map((r: { role: string }) => r.role)).toEqual(['admin'])
  })

  it('accepts the x-dev-openid header and refuses calls without a session', async () => {
    expect((await (await api({ action: 'me', payload: {} }, { 'x-dev-openid': 'dev-youth' })).json()).data.profile.realName).toBe('王晓青')
    expect((await (await api({ action: 'me', payload: {} })).json()).error.code).toBe('AUTH.UNAUTHENTICATED')
  })

  it('ignores an openid in the payload', async () => {
    const res = await (await api({ action: 'me', payload: {}, openid: 'dev-admin' }, { 'x-dev-openid': 'dev-youth' })).json()
    expect(res.data.profile.realName).toBe('王晓青')
  })

  it('refuses malformed and oversized bodies, unknown functions and wrong methods', async () => {
    expect((await api('{not json', { 'x-dev-openid': 'dev-youth' })).status).toBe(400)
    const big = await api({ action: 'me', payload: { pad: 'x'.repeat(300 * 1024) } }, { 'x-dev-openid': 'dev-youth' })
    expect(big.status).toBe(413)
    expect((await big.json()).error.code).toBe('GENERIC.BAD_INPUT')
    expect((await fetch(`${base}/api/nope`, { method: 'POST', body: '{}' })).status).toBe(404)
    expect((await fetch(`${base}/api/user`)).status).toBe(405)
    expect((await fetch(`${base}/dev/login`, { method: 'POST', body: JSON.stringify({ openid: { $ne: 1 } }) })).status).toBe(400)
  })

  it('serves the contract as JSON Schema from the same source as docs/api.md', async () => {
    expect(await (await fetch(`${base}/dev/contract`)).json()).toEqual(JSON.parse(JSON.stringify(describeContracts())))
  })

  it('sends a visitor without a session to the persona chooser, and serves the app with one', async () => {
    const first = await fetch(`${base}/`, { redirect: 'manual' })
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe('/dev/')
    expect(await (await fetch(`${base}/dev/`)).text()).toContain('管理员 · 张书记')
    const app = await fetch(`${base}/`, { headers: { cookie: 'tq_dev=dev-youth' } })
    expect(await app.text()).toContain('团青通')
  })

  it('does not serve files outside the app folder', async () => {
    const res = await fetch(`${base}/..%2f..%2fetc%2fpasswd`, { headers: { cookie: 'tq_dev=dev-youth' } })
    expect(await res.text()).not.toContain('root:')
  })

  it('shows the outbox of subscription messages and runs a timer on demand', async () => {
    clearLocalOutbox()
    const res = await (await fetch(`${base}/dev/trigger/activity/sendReminders`, { method: 'POST' })).json()
    expect(res).toMatchObject({ ok: true, data: { sent: expect.any(Number) } })
    const { messages } = await (await fetch(`${base}/dev/outbox`)).json()
    expect(messages).toHaveLength(res.data.sent)
    expect((await fetch(`${base}/dev/trigger/activity/nothing`, { method: 'POST' }).then((r) => r.json())).error.code).toBe('GENERIC.UNKNOWN_ACTION')
  })

  it('has no dev routes outside local mode', async () => {
    const [prod, prodBase] = await listen(false)
    try {
      expect((await fetch(`${prodBase}/dev/personas`)).status).toBe(404)
      expect((await fetch(`${prodBase}/dev/outbox`)).status).toBe(404)
      expect((await fetch(`${prodBase}/dev/trigger/activity/sendReminders`, { method: 'POST' })).status).toBe(404)
      expect((await fetch(`${prodBase}/dev/login`, { method: 'POST', body: JSON.stringify({ openid: 'dev-admin' }) })).status).toBe(404)
      expect((await fetch(`${prodBase}/`, { redirect: 'manual' })).status).toBe(200)
    } finally {
      prod.close()
      prod.closeAllConnections()
    }
  })
})
