import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { activityContract } from '../../types/contract/activity'
import { describeContracts } from '../../types/contract/describe'
import { ERRORS } from '../../types/errors'
import { localCaller, TIMER_CALLER } from '../../cloudfunctions/_core/runtime/caller'
import type { Handler } from '../../cloudfunctions/_core/runtime/serve'
import { localOutbox } from '../../cloudfunctions/_core/platform'
import { FILES_ROUTE, MAX_UPLOAD_BYTES, type FileStore } from '../emulator'
import type { Persona } from '../seed/personas'
import { personaPage } from './dev-page'
import { sessionCookie, sessionOpenid } from './session'
import { PUBLIC_APP_PATH, serveStatic } from './static'

export interface GatewayOptions {
  handlers: Record<string, Handler>
  /** The H5 build to serve at `/`. */
  staticDir: string
  /** Dev routes (personas, login, contract) exist only in local mode. */
  devMode: boolean
  personas: Persona[]
  /** The emulator's storage: phones upload here and open temporary URLs (`/files/...`). */
  files?: FileStore
}

/** Requests are forms, never uploads: a larger body is refused before it is read whole. */
export const MAX_BODY_BYTES = 256 * 1024

class BodyTooLarge extends Error {}

/** Reads the whole body; past the limit it keeps draining (so the refusal can be answered) but keeps nothing. */
function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= limit) chunks.push(c)
    })
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
  })
}

const readBody = async (req: IncomingMessage): Promise<string> => (await readBytes(req, MAX_BODY_BYTES)).toString('utf8')

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers })
  res.end(text)
}

const badInput = (message: string = ERRORS['GENERIC.BAD_INPUT']) => ({ ok: false, error: { code: 'GENERIC.BAD_INPUT', message } })

async function callFunction(opts: GatewayOptions, fn: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const handler = Object.prototype.hasOwnProperty.call(opts.handlers, fn) ? opts.handlers[fn] : undefined
  if (!handler) return json(res, 404, { ok: false, error: { code: 'GENERIC.UNKNOWN_ACTION', message: ERRORS['GENERIC.UNKNOWN_ACTION'] } })
  let event: unknown
  try {
    event = JSON.parse(await readBody(req))
  } catch (e) {
    return json(res, e instanceof BodyTooLarge ? 413 : 400, badInput(e instanceof BodyTooLarge ? '提交的内容太大了，请精简后再试。' : undefined))
  }
  // Like CloudBase, a function answers its envelope with HTTP 200 whatever the outcome.
  json(res, 200, await handler.handle(event, localCaller(sessionOpenid(req))))
}

async function devRoute(opts: GatewayOptions, path: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method === 'GET' && (path === '/dev' || path === '/dev/')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(personaPage(opts.personas, sessionOpenid(req)))
    return true
  }
  if (req.method === 'GET' && path === '/dev/personas') {
    json(res, 200, { personas: opts.personas })
    return true
  }
  if (req.method === 'GET' && path === '/dev/outbox') {
    // The subscription messages production would have sent, newest last.
    json(res, 200, { messages: localOutbox })
    return true
  }
  if (req.method === 'GET' && path === '/dev/contract') {
    json(res, 200, describeContracts())
    return true
  }
  if (req.method === 'POST' && path === '/dev/login') {
    let openid: unknown
    try {
      openid = (JSON.parse(await readBody(req)) as { openid?: unknown }).openid
    } catch {
      openid = undefined
    }
    if (typeof openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(openid)) {
      json(res, 400, badInput('openid 格式不正确'))
      return true
    }
    json(res, 200, { ok: true, data: { openid } }, { 'set-cookie': sessionCookie(openid) })
    return true
  }
  const trigger = /^\/dev\/trigger\/([a-z]+)\/([A-Za-z]+)$/.exec(path)
  if (req.method === 'POST' && trigger) {
    // What a timer trigger would do in the cloud, on demand.
    const handler = Object.prototype.hasOwnProperty.call(opts.handlers, trigger[1]) ? opts.handlers[trigger[1]] : undefined
    if (!handler) return false
    json(res, 200, await handler.handle({ action: trigger[2], payload: {} }, TIMER_CALLER))
    return true
  }
  if (req.method === 'POST' && path === '/dev/logout') {
    json(res, 200, { ok: true, data: {} }, { 'set-cookie': sessionCookie(null) })
    return true
  }
  return false
}

/**
 * Cloud storage as a phone meets it. `PUT /files/<cloudPath>` is `Taro.cloud.uploadFile` (a signed-in
 * caller, a path the storage rules allow, never overwriting); `GET /files/<cloudPath>?expires&sign` is
 * a temporary URL a function handed out. Nothing else is readable.
 */
async function fileRoute(files: FileStore, path: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cloudPath = path.slice(FILES_ROUTE.length)
  if (req.method === 'PUT') {
    const openid = sessionOpenid(req)
    if (!openid) return json(res, 401, { ok: false, error: { code: 'AUTH.UNAUTHENTICATED', message: ERRORS['AUTH.UNAUTHENTICATED'] } })
    let bytes: Buffer
    try {
      bytes = await readBytes(req, MAX_UPLOAD_BYTES)
    } catch (e) {
      if (e instanceof BodyTooLarge) return json(res, 413, badInput('照片太大了，请选择小于5MB的照片。'))
      throw e
    }
    const put = files.put(cloudPath, bytes, openid)
    if (!put.ok) return json(res, put.status, badInput(put.status === 415 ? '只能上传 JPG、PNG 或 WebP 格式的照片。' : '照片上传失败，请重新选择后再试。'))
    return json(res, 200, { fileID: put.fileID, statusCode: 200 })
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, badInput())
  const file = files.read(cloudPath, query.get('expires'), query.get('sign'), Date.now())
  if (!file) return json(res, 404, { ok: false, error: { code: 'GENERIC.NOT_FOUND', message: ERRORS['GENERIC.NOT_FOUND'] } })
  res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length, 'cache-control': 'private, max-age=600', 'x-content-type-options': 'nosniff' })
  res.end(req.method === 'HEAD' ? undefined : file.bytes)
}

/**
 * A certificate's QR link, `/v/<serial>`, opened by a phone camera: the verification page in the app shell
 * at PUBLIC_APP_PATH (the persona chooser at `/` would otherwise catch a visitor without a session, and a
 * hash never reaches the server). A serial the contract would refuse is not a page.
 */
function verifyLink(path: string): string | null {
  const m = /^\/v\/([^/]+)$/.exec(path)
  if (!m) return null
  const parsed = activityContract.actions.verifyCertificate.input.safeParse({ serial: m[1] })
  return parsed.success ? `${PUBLIC_APP_PATH}#/pages/verify/index?serial=${encodeURIComponent(parsed.data.serial)}` : null
}

export function createGateway(opts: GatewayOptions): Server {
  return createServer((req, res) => {
    const [path, search = ''] = (req.url ?? '/').split('?')
    const route = async () => {
      if (opts.files && path.startsWith(FILES_ROUTE)) return fileRoute(opts.files, path, new URLSearchParams(search), req, res)
      if (req.method === 'GET' && path === '/healthz') return json(res, 200, { ok: true, functions: Object.keys(opts.handlers), dev: opts.devMode })
      const api = /^\/api\/([a-z]+)$/.exec(path)
      if (api) {
        if (req.method !== 'POST') return json(res, 405, badInput('请使用 POST'))
        return callFunction(opts, api[1], req, res)
      }
      if (path.startsWith('/dev')) {
        if (opts.devMode && (await devRoute(opts, path, req, res))) return
        return json(res, 404, { ok: false, error: { code: 'GENERIC.NOT_FOUND', message: ERRORS['GENERIC.NOT_FOUND'] } })
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, badInput())
      if (path.startsWith('/v/') && path !== PUBLIC_APP_PATH) {
        const location = verifyLink(path)
        if (!location) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(ERRORS['CERT.NOT_FOUND'])
          return
        }
        res.writeHead(302, { location, 'cache-control': 'no-store' }).end()
        return
      }
      if (path === PUBLIC_APP_PATH) return serveStatic(opts.staticDir, '/', res)
      // Without a session, a person opening the app locally first picks who to be.
      if (opts.devMode && (path === '/' || path === '/index.html') && !sessionOpenid(req)) {
        res.writeHead(302, { location: '/dev/' }).end()
        return
      }
      serveStatic(opts.staticDir, path, res)
    }
    route().catch((e) => {
      console.error(JSON.stringify({ level: 'error', event: 'gateway_failed', path, detail: e instanceof Error ? e.message : String(e) }))
      if (!res.headersSent) json(res, 500, { ok: false, error: { code: 'GENERIC.INTERNAL', message: ERRORS['GENERIC.INTERNAL'] } })
    })
  })
}
