import cloud from 'wx-server-sdk'
import type { ZodError } from 'zod'
import type { ActionName, Contract, OutputOf, ParsedInputOf } from '../../../types/contract/common'
import type { Envelope, ErrorIssue } from '../../../types/errors'
import { AppError } from './app-error'
import { AuditTrail } from './audit'
import { callerFromWXContext, type Caller } from './caller'
import { productionDeps, requireOpenid, type ActionContext, type Deps } from './context'
import { failureBody } from './failure'
import { consoleLog } from './log'

/** One action: authorize, decide, write — the handler for `contract.actions[K]`. */
export type Action<C extends Contract, K extends ActionName<C>> = (
  input: ParsedInputOf<C, K>,
  ctx: ActionContext,
) => Promise<OutputOf<C, K>>

export type Actions<C extends Contract> = { [K in ActionName<C>]: Action<C, K> }

export interface Handler {
  name: string
  /** The contract it serves (platform events are routed by it). */
  contract: Contract
  handle(event: unknown, caller: Caller): Promise<Envelope<unknown>>
}

/** Payloads are small forms; anything bigger is refused before it is parsed. */
export const MAX_PAYLOAD_CHARS = 64 * 1024

function zodIssues(e: ZodError): ErrorIssue[] {
  return e.issues.slice(0, 20).map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }))
}

function badInput(message?: string, issues?: ErrorIssue[]): AppError {
  return new AppError('GENERIC.BAD_INPUT', message, issues)
}

function parseEvent(event: unknown): { action: string; payload: unknown } {
  if (!event || typeof event !== 'object' || Array.isArray(event)) throw badInput()
  const { action, payload } = event as { action?: unknown; payload?: unknown }
  if (typeof action !== 'string' || action.length > 64) throw badInput()
  let size: number
  try {
    size = JSON.stringify(payload ?? {}).length
  } catch {
    throw badInput()
  }
  if (size > MAX_PAYLOAD_CHARS) throw badInput('提交的内容太大了，请精简后再试。')
  return { action, payload: payload ?? {} }
}

/**
 * The router every function shares: `{action, payload}` → validate → authenticate → action →
 * validated output, answered as an envelope. Refusals are typed; anything else is logged with the
 * action name and answered `GENERIC.INTERNAL`, never swallowed and never leaked.
 */
export function createHandler<C extends Contract>(contract: C, actions: Actions<C>, deps: () => Deps = productionDeps): Handler {
  return {
    name: contract.name,
    contract,
    async handle(event, caller) {
      let actionName = '?'
      let d: Deps | undefined
      try {
        const { action, payload } = parseEvent(event)
        actionName = action
        if (!Object.prototype.hasOwnProperty.call(contract.actions, action)) throw new AppError('GENERIC.UNKNOWN_ACTION')
        const spec = contract.actions[action]
        const platformOnly = spec.timer ? 'timer' : spec.push ? 'push' : null
        if (platformOnly ? caller.source !== platformOnly : !spec.public) {
          if (platformOnly) throw new AppError('AUTH.FORBIDDEN')
          requireOpenid(caller)
        }
        const parsed = spec.input.safeParse(payload)
        if (!parsed.success) throw badInput(parsed.error.issues[0]?.message, zodIssues(parsed.error))
        d = deps()
        const audit = new AuditTrail(caller.openid, `${contract.name}.${action}`, d.clock.now)
        const ctx: ActionContext = { ...d, caller, fn: contract.name, action, audit, openid: () => requireOpenid(caller) }
        const run = actions[action as ActionName<C>] as (i: unknown, c: ActionContext) => Promise<unknown>
        const result = await run(parsed.data, ctx)
        if (spec.audit && audit.written !== (audit.replayed ? 0 : 1)) {
          throw new Error(`audited action wrote ${audit.written} audit entries`)
        }
        const out = spec.output.safeParse(result)
        if (!out.success) throw new Error(`output does not match the contract: ${JSON.stringify(zodIssues(out.error))}`)
        return { ok: true, data: out.data }
      } catch (e) {
        return { ok: false, error: failureBody(e, d?.log ?? consoleLog, 'action_failed', { fn: contract.name, action: actionName }) }
      }
    },
  }
}

/** A timer trigger's event (`{Type: 'timer', TriggerName, Time}`) names the action to run. */
export function timerEvent(event: unknown): { action: string; payload: Record<string, never> } | null {
  const e = event as { Type?: unknown; TriggerName?: unknown } | null
  if (!e || typeof e !== 'object' || typeof e.Type !== 'string' || e.Type.toLowerCase() !== 'timer') return null
  return typeof e.TriggerName === 'string' ? { action: e.TriggerName, payload: {} } : null
}

/**
 * A message WeChat pushes to the function (消息推送, e.g. `wxa_media_check`): routed to the action that
 * declares that `Event`, with the whole message as its payload (the action's input picks its fields).
 */
export function pushEvent(contract: Contract, event: unknown): { action: string; payload: unknown } | null {
  const e = event as { MsgType?: unknown; Event?: unknown } | null
  if (!e || typeof e !== 'object' || e.MsgType !== 'event' || typeof e.Event !== 'string') return null
  const action = Object.entries(contract.actions).find(([, spec]) => spec.push === e.Event)?.[0]
  return action ? { action, payload: event } : null
}

/** `exports.main` for CloudBase: the caller comes from the platform's context, read here and only here. */
export function wxMain(handler: Handler) {
  return (event: unknown) => {
    const caller = callerFromWXContext(cloud.getWXContext())
    // Timers and pushes have no user; an event that merely claims to be one while a user is calling stays that user's.
    if (!caller.openid) {
      const timer = timerEvent(event)
      if (timer) return handler.handle(timer, { ...caller, source: 'timer' })
      const push = pushEvent(handler.contract, event)
      if (push) return handler.handle(push, { ...caller, source: 'push' })
    }
    return handler.handle(event, caller)
  }
}
