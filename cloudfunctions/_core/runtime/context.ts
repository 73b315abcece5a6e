import { platformFromEnv, type Platform } from '../platform'
import type { AuditTrail } from './audit'
import type { Caller } from './caller'
import { systemClock, type Clock } from './clock'
import { database, type Db } from './db'
import { consoleLog, type Log } from './log'
import { secretsFromEnv, type Secrets } from './secrets'
import { AppError } from './app-error'

/** What an action may use. Built once per call by the runtime; tests swap the clock or platform. */
export interface Deps {
  db: Db
  clock: Clock
  log: Log
  platform: Platform
  secrets: () => Secrets
}

export interface ActionContext extends Deps {
  caller: Caller
  fn: string
  action: string
  audit: AuditTrail
  /** The caller's openid; refuses when the platform gave none. */
  openid(): string
}

export function productionDeps(): Deps {
  return { db: database(), clock: systemClock, log: consoleLog, platform: platformFromEnv({ log: consoleLog, clock: systemClock }), secrets: secretsFromEnv }
}

export function requireOpenid(caller: Caller): string {
  if (!caller.openid) throw new AppError('AUTH.UNAUTHENTICATED')
  return caller.openid
}
