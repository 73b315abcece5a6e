// HTTP front of the emulator: the handler for POST /admin, mountable in another server.
import type http from 'node:http'
import { randomBytes } from 'node:crypto'
import { EmulatorError } from './errors'
import type { Engine } from './engine'
import type { FileStore } from './files'
import { dispatch, type WireRequest } from './protocol'

const MAX_BODY = 50 * 1024 * 1024
let seq = 0

const requestId = (): string => `local-${Date.now().toString(36)}-${(seq++).toString(36)}-${randomBytes(3).toString('hex')}`

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

export interface HandlerState {
  closed: boolean
  stats: DatabaseStats
}

/**
 * Requests that reached the database: every `database.*` call the SDK made (a read, a write, a
 * transaction's start, commit or abort, and each operation inside a transaction), failed or not.
 */
export interface DatabaseStats {
  calls: number
  byAction: Record<string, number>
}

export const emptyStats = (): DatabaseStats => ({ calls: 0, byAction: {} })

function count(stats: DatabaseStats, action: unknown): void {
  if (typeof action !== 'string' || !action.startsWith('database.')) return
  stats.calls++
  stats.byAction[action] = (stats.byAction[action] ?? 0) + 1
}

export function createHandler(
  engine: Engine,
  state: HandlerState,
  files?: FileStore,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'POST') {
      send(res, 405, { code: 'INVALID_PARAM', message: 'POST only', requestId: requestId() })
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let aborted = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY && !aborted) {
        aborted = true
        send(res, 413, { code: 'INVALID_PARAM', message: 'request body too large', requestId: requestId() })
        req.destroy()
        return
      }
      if (!aborted) chunks.push(c)
    })
    req.on('end', () => {
      if (aborted) return
      void answer(engine, state, files, Buffer.concat(chunks).toString('utf8')).then((body) => send(res, 200, body))
    })
  }
}

async function answer(engine: Engine, state: HandlerState, files: FileStore | undefined, text: string): Promise<Record<string, unknown>> {
  const id = requestId()
  try {
    if (state.closed) throw new EmulatorError('SYS_ERR', 'the emulator is closed')
    let req: WireRequest
    try {
      req = JSON.parse(text) as WireRequest
    } catch {
      throw new EmulatorError('INVALID_PARAM', 'request body must be JSON')
    }
    if (typeof req !== 'object' || req === null) throw new EmulatorError('INVALID_PARAM', 'request body must be a JSON object')
    // The SDK fills envName from SCF_NAMESPACE for cloud.DYNAMIC_CURRENT_ENV; another env would
    // be another database in CloudBase.
    if (typeof req.envName === 'string' && req.envName !== '' && req.envName !== engine.env) {
      throw new EmulatorError('INVALID_ENV', `env ${req.envName} does not exist (this emulator serves env ${engine.env})`)
    }
    count(state.stats, req.action)
    const data = await dispatch(engine, req, files)
    return { requestId: id, ...data }
  } catch (e) {
    if (e instanceof EmulatorError) return { requestId: id, code: e.code, message: e.message }
    // A bug here must be visible, but the SDK still gets CloudBase's error shape.
    console.error('[local CloudBase emulator] internal error', e)
    return { requestId: id, code: 'SYS_ERR', message: `[SYS_ERR] ${(e as Error)?.message ?? String(e)}` }
  }
}
