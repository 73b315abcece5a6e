import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { dirname, resolve } from 'node:path'
import { resetDatabase } from '../cloudfunctions/_core/runtime/db'
import { systemClock, type Clock } from '../cloudfunctions/_core/runtime/clock'
import { productionDeps } from '../cloudfunctions/_core/runtime/context'
import { consoleLog } from '../cloudfunctions/_core/runtime/log'
import { platformFromEnv } from '../cloudfunctions/_core/platform'
import { secretsFromKey } from '../cloudfunctions/_core/runtime/secrets'
import { loadCollections, startEmulator, useEmulatorInThisProcess, type Emulator } from './emulator'
import { createHandlers } from './functions'
import { createGateway } from './gateway/server'
import { TIMER_CALLER } from '../cloudfunctions/_core/runtime/caller'
import { contracts, type FunctionName } from '../types/contract'
import type { Contract } from '../types/contract/common'
import { seed, type SeedSummary } from './seed'
import { PERSONAS } from './seed/personas'

export const ROOT = resolve(__dirname, '..')

export interface LocalCloudOptions {
  port?: number
  /** SQLite file; ':memory:' for throwaway runs. */
  dataFile?: string
  staticDir?: string
  youth?: number
  /** How often timer-triggered actions run locally. */
  timerMs?: number
  /** The functions' clock; browser tests pass one they can move (default: the system clock). */
  clock?: Clock
}

function timerActions(): { fn: FunctionName; action: string }[] {
  return (Object.entries(contracts) as [FunctionName, Contract][]).flatMap(([fn, c]) =>
    Object.entries(c.actions)
      .filter(([, spec]) => spec.timer)
      .map(([action]) => ({ fn, action })),
  )
}

export interface LocalCloud {
  url: string
  emulator: Emulator
  seeded: SeedSummary
  close(): Promise<void>
}

/** The data key lives in `.data/` beside the database, made once; production sets TQ_DATA_KEY. */
function ensureDataKey(dataFile: string): string {
  if (process.env.TQ_DATA_KEY) return process.env.TQ_DATA_KEY
  if (dataFile === ':memory:') return randomBytes(32).toString('hex')
  const keyFile = resolve(dirname(dataFile), 'data-key')
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 })
  return readFileSync(keyFile, 'utf8').trim()
}

/**
 * The whole system in one process: the CloudBase emulator (its own loopback port), every cloud
 * function in-process through the real wx-server-sdk, the seed, and the gateway serving the H5 app.
 */
export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const dataFile = opts.dataFile ?? resolve(ROOT, '.data/local.sqlite')
  if (dataFile !== ':memory:') mkdirSync(dirname(dataFile), { recursive: true })
  const key = ensureDataKey(dataFile)
  process.env.TQ_DATA_KEY = key
  process.env.TQ_PLATFORM = 'local'

  // Every collection the functions use exists, as deploy leaves production (database/collections.json).
  const emulator = await startEmulator({ file: dataFile, collections: loadCollections() })
  useEmulatorInThisProcess(emulator.url)
  resetDatabase()
  const clock = opts.clock ?? systemClock
  const seeded = seed(emulator.store, secretsFromKey(key), opts.youth ?? 300, clock.now(), { files: emulator.files, mall: true })

  const handlers = createHandlers(() => ({ ...productionDeps(), clock, platform: platformFromEnv({ log: consoleLog, clock }) }))
  const gateway: Server = createGateway({
    handlers,
    staticDir: opts.staticDir ?? resolve(ROOT, 'dist/h5'),
    devMode: true,
    personas: PERSONAS,
    files: emulator.files,
  })
  await new Promise<void>((ok, fail) => {
    gateway.once('error', fail)
    gateway.listen(opts.port ?? 8787, '127.0.0.1', () => ok())
  })
  // Timer triggers, as the cloud would fire them (every minute here; production schedules are in
  // each function's config.json).
  const timers = timerActions()
  const tick = setInterval(() => {
    for (const { fn, action } of timers) {
      handlers[fn].handle({ action, payload: {} }, TIMER_CALLER).catch((e) => console.error(`timer ${fn}.${action} failed`, e))
    }
  }, opts.timerMs ?? 60_000)
  tick.unref()
  const address = gateway.address()
  const port = typeof address === 'object' && address ? address.port : opts.port
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    seeded,
    async close() {
      clearInterval(tick)
      await new Promise<void>((ok) => gateway.close(() => ok()))
      gateway.closeAllConnections?.()
      await emulator.close()
    },
  }
}
