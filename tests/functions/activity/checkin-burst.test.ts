import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHandlers } from '../../../local/functions'
import { createGateway } from '../../../local/gateway/server'
import { PERSONAS } from '../../../local/seed/personas'
import { START, codeAt, participationDoc, putActivity } from '../../fixtures/activities'
import { testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * DOMAIN.md's peak: 500 people checking in to one event within two minutes, through the real
 * gateway and the real SDK. Every one gets in exactly once; a second wave is refused as a repeat.
 */
const PEOPLE = 500
const IN_FLIGHT = 50

let cloud: TestCloud
let server: Server
let base: string
beforeAll(async () => {
  cloud = await testCloud({ youth: PEOPLE })
  // The gateway's functions share the test's movable clock, so the code and the window are deterministic.
  const handlers = createHandlers(cloud.deps)
  server = createGateway({ handlers, staticDir: mkdtempSync(join(tmpdir(), 'tq-h5-')), devMode: true, personas: PERSONAS })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.close()
  server.closeAllConnections()
  await cloud.close()
})

async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++
      out[i] = await jobs[i]()
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return out
}

const checkIn = (openid: string, payload: unknown) => async () => {
  const res = await fetch(`${base}/api/activity`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': openid },
    body: JSON.stringify({ action: 'checkIn', payload }),
  })
  return (await res.json()) as { ok: boolean; error?: { code: string } }
}

it('checks 500 people in exactly once each, through the gateway, in one burst', async () => {
  const a = putActivity(cloud, { capacity: PEOPLE, signed: PEOPLE })
  const profiles = cloud.docs('profiles', { openid: { $regex: '^seed-youth-' } })
  expect(profiles).toHaveLength(PEOPLE)
  cloud.emulator.store.insertMany(
    'participations',
    profiles.map((p) => ({ ...participationDoc(a, { openid: p.openid, userId: p._id, userName: p.realName }) })),
  )
  cloud.clock.set(START - 5 * 60_000)
  const payload = { activityId: a._id, code: codeAt(a, cloud.clock.now()) }

  const first = await pool(profiles.map((p) => checkIn(p.openid, payload)), IN_FLIGHT)
  expect(first.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual([])
  expect(first.filter((r) => r.ok)).toHaveLength(PEOPLE)

  const parts = cloud.docs('participations', { activityId: a._id })
  expect(parts).toHaveLength(PEOPLE)
  expect(new Set(parts.map((p) => p.openid)).size).toBe(PEOPLE)
  expect(parts.every((p) => p.checkIn?.method === 'code' && p.checkIn.at === START - 5 * 60_000 && p.checkOut === null)).toBe(true)

  const second = await pool(profiles.map((p) => checkIn(p.openid, payload)), IN_FLIGHT)
  expect(second.map((r) => r.error?.code)).toEqual(Array(PEOPLE).fill('CHECKIN.ALREADY'))
  expect(cloud.docs('participations', { activityId: a._id })).toEqual(parts)
}, 60_000)
