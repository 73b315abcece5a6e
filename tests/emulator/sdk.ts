// Shared set-up: an emulator on an ephemeral port and the REAL wx-server-sdk pointed at it.
import http from 'node:http'
import { startEmulator, useEmulatorInThisProcess, type Emulator, type EmulatorOptions } from '../../local/emulator'

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Db = any
export type Cloud = any

export interface Harness {
  emu: Emulator
  cloud: Cloud
  db: Db
  _: any
}

/**
 * The collections a test names in `indexes` exist from the start, plus any in `collections`
 * (CloudBase refuses the SDK's reads and writes of a collection nobody created).
 */
export async function harness(opts: EmulatorOptions = {}): Promise<Harness> {
  const collections = [...Object.keys(opts.indexes?.collections ?? {}), ...(opts.collections ?? [])]
  const emu = await startEmulator({ file: ':memory:', ...opts, collections })
  useEmulatorInThisProcess(emu.url, opts.env)
  // Loaded after the environment is set, exactly as a cloud function loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()
  return { emu, cloud, db, _: db.command }
}

/** Rejection message of a promise (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    const err = e as { errMsg?: string; message?: string }
    return String(err?.errMsg ?? err?.message ?? e)
  }
  throw new Error('expected the call to reject, it resolved')
}


/** The error a promise rejects with, as the SDK built it (fails the test if it resolves). */
export async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the call to reject, it resolved')
}

/** Raw POST to the emulator, bypassing the SDK (for protocol-level checks). */
export function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body)
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch (e) {
          reject(e)
        }
      })
    })
    req.on('error', reject)
    req.end(text)
  })
}

export const ids = (docs: Array<Record<string, unknown>>): unknown[] => docs.map((d) => d._id)
