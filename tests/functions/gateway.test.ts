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
import { cloudStorage } from '../../cloudfunctions/_core/platform'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { secretsFromKey } from '../../cloudfunctions/_core/runtime/secrets'
import { JPEG_BYTES, TEST_KEY, testCloud, type TestCloud } from '../fixtures/test-cloud'
import { enroll, putActivity } from '../fixtures/activities'

let cloud: TestCloud
let server: Server
let base: string
const staticDir = mkdtempSync(join(tmpdir(), 'tq-h5-'))

async function listen(devMode: boolean): Promise<[Server, string]> {
  const s = createGateway({ handlers: createHandlers(), staticDir, devMode, personas: PERSONAS, files: cloud.emulator.files })
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
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true, functions: ['user', 'activity', 'points', 'community', 'station'], dev: true })
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
    // The gateway's functions run on the real clock: an activity starting in half an hour, one subscriber.
    const a = putActivity(cloud, { _id: 'gw-remind', startAt: Date.now() + 30 * 60_000, endAt: Date.now() + 150 * 60_000, signUpStartAt: Date.now() - 86_400_000, signUpEndAt: Date.now() })
    enroll(cloud, a, 'dev-youth', { subscribed: true })
    const res = await (await fetch(`${base}/dev/trigger/activity/sendReminders`, { method: 'POST' })).json()
    expect(res).toMatchObject({ ok: true, data: { sent: expect.any(Number) } })
    expect(res.data.sent).toBe(1)
    const { messages } = await (await fetch(`${base}/dev/outbox`)).json()
    expect(messages).toHaveLength(res.data.sent)
    expect(messages[0]).toMatchObject({ openid: 'dev-youth', template: 'activity_reminder' })
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

describe('gateway storage (what Taro.cloud.uploadFile and temporary URLs do in production)', () => {
  // Table rows are built before the cloud starts, so the folder comes from the test key itself.
  const own = (openid: string, name: string) => `uploads/${userIdFor(secretsFromKey(TEST_KEY), openid)}/${name}`
  const put = (path: string, body: Buffer, openid: string | null = 'dev-youth') =>
    fetch(`${base}/files/${path}`, { method: 'PUT', body, headers: openid ? { 'x-dev-openid': openid } : {} })

  it('takes a signed-in upload into an allowed path once, and serves it only through a temporary URL', async () => {
    const res = await put(own('dev-youth', 'gw-photo-01.jpg'), JPEG_BYTES)
    expect(res.status).toBe(200)
    const { fileID } = await res.json()
    expect(fileID).toBe(`cloud://local.local-files/${own('dev-youth', 'gw-photo-01.jpg')}`)
    // Never overwritten, not even by its owner.
    expect((await put(own('dev-youth', 'gw-photo-01.jpg'), JPEG_BYTES)).status).toBe(409)
    // Not readable by path alone.
    expect((await fetch(`${base}/files/${own('dev-youth', 'gw-photo-01.jpg')}`)).status).toBe(404)
    const url = (await cloudStorage.urls([fileID])).get(fileID)!
    const file = await fetch(base + url)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await file.arrayBuffer()).equals(JPEG_BYTES)).toBe(true)
    expect((await fetch(base + url.replace(/sign=./, 'sign=x'))).status).toBe(404)
    expect((await fetch(base + url.replace(/expires=\d+/, 'expires=99999999999'))).status).toBe(404)
  })

  it.each([
    ['without a session', own('dev-youth', 'gw-anon-01.jpg'), JPEG_BYTES, null, 401],
    ['outside the uploads folder', 'private/gw-photo-02.jpg', JPEG_BYTES, 'dev-youth', 403],
    ['climbing out of the folder', own('dev-youth', '..%2F..%2Fescape-01.jpg'), JPEG_BYTES, 'dev-youth', 403],
    ['a script named .html', own('dev-youth', 'gw-page-0001.html'), Buffer.from('<script>alert(1)</script>'), 'dev-youth', 403],
    ['text pretending to be a JPEG', own('dev-youth', 'gw-fake-0001.jpg'), Buffer.from('not an image at all'), 'dev-youth', 415],
    ['an empty file', own('dev-youth', 'gw-empty-001.jpg'), Buffer.alloc(0), 'dev-youth', 413],
    ['a file over 5 MB', own('dev-youth', 'gw-huge-0001.jpg'), Buffer.concat([JPEG_BYTES, Buffer.alloc(5 * 1024 * 1024)]), 'dev-youth', 413],
  ])('refuses an upload %s, keeping nothing', async (_l, path, body, openid, status) => {
    const res = await put(path, body, openid)
    expect(res.status).toBe(status)
    expect((await res.json()).error.message).toMatch(/[\u4e00-\u9fa5]/)
    const fileID = `cloud://local.local-files/${path}`
    expect((await cloudStorage.urls([fileID])).get(fileID)).toBeNull()
  })
})

describe('certificate links (/v/<serial>, the QR on a 志愿服务证明)', () => {
  const activity = (action: string, payload: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/activity`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ action, payload }) }).then((r) => r.json())

  it('sends anyone, without a session, from a certificate link to the verification page, in local and production mode', async () => {
    const [prod, prodBase] = await listen(false)
    try {
      for (const at of [base, prodBase]) {
        const res = await fetch(`${at}/v/AB12-CD34-EF56`, { redirect: 'manual' })
        expect(res.status).toBe(302)
        expect(res.headers.get('location')).toBe('/v/#/pages/verify/index?serial=AB12-CD34-EF56')
        // Where it leads is the app itself, not the persona chooser.
        const shell = await fetch(new URL(res.headers.get('location')!, at), { redirect: 'manual' })
        expect(shell.status).toBe(200)
        expect(await shell.text()).toContain('<title>团青通</title>')
      }
      // The app at / still asks a local visitor to pick a persona first.
      expect((await fetch(`${base}/`, { redirect: 'manual' })).headers.get('location')).toBe('/dev/')
    } finally {
      prod.close()
      prod.closeAllConnections()
    }
  })

  it.each([
    ['in lower case', '/v/ab12-cd34-ef56'],
    ['without dashes', '/v/AB12CD34EF56'],
    ['a character short', '/v/AB12-CD34-EF5'],
    ['with a path below it', '/v/AB12-CD34-EF56/x'],
    ['with markup', '/v/%3Cscript%3E'],
    ['with an encoded space', '/v/AB12-CD34-EF56%20'],
  ])('answers 404 for a link %s, sending nowhere', async (_l, path) => {
    const res = await fetch(base + path, { redirect: 'manual' })
    expect(res.status).toBe(404)
    expect(res.headers.get('location')).toBeNull()
    expect(await res.text()).toContain('没有找到这份证明')
  })

  it('has the persona chooser pass a verification link on to the public app, and nothing else', async () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(await (await fetch(`${base}/dev/`)).text())![1]
    const landing = (hash: string) => {
      const replace = jest.fn()
      new Function('location', 'document', script)({ hash, replace }, { querySelectorAll: () => [] })
      return replace.mock.calls.map((c) => c[0])
    }
    // `/#/pages/verify/…` without a session was sent to /dev/, the hash kept.
    expect(landing('#/pages/verify/index?serial=AB12-CD34-EF56')).toEqual(['/v/#/pages/verify/index?serial=AB12-CD34-EF56'])
    expect(landing('#/pages/me/index')).toEqual([])
    expect(landing('')).toEqual([])
  })

  it('leads to a verification that answers without a session: a real serial is valid, an unknown one is not found', async () => {
    const cert = await activity('certificate', {}, { 'x-dev-openid': 'dev-youth' })
    expect(cert.ok).toBe(true)
    const link = await fetch(`${base}/v/${cert.data.serial}`, { redirect: 'manual' })
    expect(link.headers.get('location')).toBe(`/v/#/pages/verify/index?serial=${cert.data.serial}`)
    const checked = await activity('verifyCertificate', { serial: cert.data.serial })
    expect(checked).toMatchObject({ ok: true, data: { valid: true, totalMinutes: cert.data.totalMinutes, stars: cert.data.stars } })
    expect(checked.data.holderName).not.toBe(cert.data.holderName)
    expect((await activity('verifyCertificate', { serial: 'ZZZZ-ZZZZ-ZZZZ' })).error.code).toBe('CERT.NOT_FOUND')
  })
})
