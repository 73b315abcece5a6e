import '../../utils/zod-config'
import Taro from '@tarojs/taro'
import type { ActionName, ActionSpec, Contract, InputOf, OutputOf } from '../../../types/contract/common'
import { ERRORS, isErrorCode, type ErrorCode, type ErrorIssue } from '../../../types/errors'

/**
 * The one transport to the cloud functions. Input is checked against the shared contract before
 * anything leaves the phone; every failure reaches callers as an ApiError with a Chinese message.
 * weapp: Taro.cloud.callFunction; h5: POST /api/<fn> to the local gateway (same origin).
 *
 * This module imports no contract: each page calls through the client of the contract part it uses
 * (`./activities`, `./hours`, `./user` …), so a package carries only the schemas its pages need.
 */

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly issues?: ErrorIssue[]

  constructor(code: ErrorCode, message?: string, issues?: ErrorIssue[]) {
    super(message || ERRORS[code])
    this.name = 'ApiError'
    this.code = code
    if (issues) this.issues = issues
    // Keeps instanceof working when classes are compiled to ES5.
    Object.setPrototypeOf(this, ApiError.prototype)
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError || (e instanceof Error && e.name === 'ApiError' && isErrorCode((e as ApiError).code))
}

/** Any thrown value as an ApiError (unknown errors are logged and shown as GENERIC.INTERNAL). */
export function toApiError(e: unknown, context = ''): ApiError {
  if (isApiError(e)) return e
  console.error(`[api] ${context}`, e)
  return new ApiError('GENERIC.INTERNAL')
}

interface RequestBody {
  action: string
  payload: unknown
}

/** A contract's actions as functions: `(input) => Promise<output>`, typed from its schemas. */
export type ClientOf<C extends Contract> = {
  [A in ActionName<C>]: (input: InputOf<C, A>) => Promise<OutputOf<C, A>>
}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: i.message,
  }))
}

/** A reply that is an envelope; anything else is the server misbehaving. */
function unwrap(fn: string, action: string, reply: unknown): unknown {
  const env = reply as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown; issues?: unknown } }
  if (env && env.ok === true) return env.data
  if (env && env.ok === false && env.error) {
    const { code, message, issues } = env.error
    if (!isErrorCode(code)) {
      console.error(`[api] ${fn}.${action} answered an unknown error code`, code)
      throw new ApiError('GENERIC.INTERNAL')
    }
    const text = typeof message === 'string' && message ? message : ERRORS[code]
    throw new ApiError(code, text, Array.isArray(issues) ? (issues as ErrorIssue[]) : undefined)
  }
  console.error(`[api] ${fn}.${action} answered something that is not an envelope`, reply)
  throw new ApiError('GENERIC.INTERNAL')
}

let cloudReady = false

/** Initialises `Taro.cloud` once (mini program only): functions and storage both need it. */
export function ensureCloud(): void {
  if (cloudReady) return
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  cloudReady = true
}

/** Error codes with which callFunction reports the function itself failing, not the network. */
const CLOUD_FUNCTION_FAULTS = new Set([-404011, -504002, -504003])

async function sendWeapp(fn: string, body: RequestBody): Promise<unknown> {
  ensureCloud()
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: body as unknown as Record<string, unknown> })
    return res.result
  } catch (e) {
    const errCode = (e as { errCode?: number }).errCode
    if (typeof errCode === 'number' && CLOUD_FUNCTION_FAULTS.has(errCode)) {
      console.error(`[api] ${fn}.${body.action} cloud function fault`, e)
      throw new ApiError('GENERIC.INTERNAL')
    }
    throw new ApiError('GENERIC.NETWORK', ERRORS['GENERIC.NETWORK'])
  }
}

async function sendH5(fn: string, body: RequestBody): Promise<unknown> {
  let res: Response
  try {
    res = await fetch('/api/' + fn, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch {
    throw new ApiError('GENERIC.NETWORK', ERRORS['GENERIC.NETWORK'])
  }
  try {
    // Error statuses (401, 403, 500 …) still carry an envelope.
    return await res.json()
  } catch {
    // No envelope: a proxy or a gateway that is down, which the person experiences as the network.
    if (res.status === 0 || res.status === 502 || res.status === 503 || res.status === 504) {
      throw new ApiError('GENERIC.NETWORK', ERRORS['GENERIC.NETWORK'])
    }
    console.error(`[api] ${fn}.${body.action} HTTP ${res.status} without an envelope`)
    throw new ApiError('GENERIC.INTERNAL')
  }
}

/** Validates against the contract, sends to the function the contract names, and unwraps the envelope. */
export async function call(contract: Contract, action: string, input: unknown): Promise<unknown> {
  const fn = contract.name
  const spec: ActionSpec | undefined = Object.prototype.hasOwnProperty.call(contract.actions, action) ? contract.actions[action] : undefined
  if (!spec) throw new ApiError('GENERIC.UNKNOWN_ACTION')
  const parsed = spec.input.safeParse(input === undefined ? {} : input) as
    | { success: true; data: unknown }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }
  if (!parsed.success) {
    const issues = issuesOf(parsed.error)
    throw new ApiError('GENERIC.BAD_INPUT', issues[0]?.message ?? ERRORS['GENERIC.BAD_INPUT'], issues)
  }
  const body: RequestBody = { action, payload: parsed.data }
  const reply = process.env.TARO_ENV === 'h5' ? await sendH5(fn, body) : await sendWeapp(fn, body)
  return unwrap(fn, action, reply)
}

/** `clientFor(userContract).me({})` → `Promise<OutputOf<UserContract, 'me'>>`, for every action of the contract. */
export function clientFor<C extends Contract>(contract: C): ClientOf<C> {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const action of Object.keys(contract.actions)) client[action] = (input: unknown) => call(contract, action, input)
  return client as ClientOf<C>
}

/** For tests: forget that the cloud SDK was initialised. */
export function resetCloudForTests(): void {
  cloudReady = false
}
