import { Agent, request, type Server } from 'node:http'
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
 * The peak in docs/domain.md ("Scale"): 500 people checking in to one event within two minutes, through the real
 * gateway and the real SDK, all 500 requests in flight at once (each written out before the first
 * answer comes back). Every one gets in exactly once; a second wave is refused as a repeat.
 */
const PEOPLE = 500

let cloud: TestCloud
let server: Server
let port: number
// One connection per person, as 500 phones would open, so no request waits for another's socket.
// No keep-alive: between the waves the server closes idle sockets, and reusing one as it closes is reset.
const agent = new Agent({ keepAlive: false, maxSockets: PEOPLE })
/** Requests written out to the network, and how many had been when the first answer arrived. */
const wire = { sent: 0, sentAtFirstAnswer: -1 }

beforeAll(async () => {
  cloud = await testCloud({ youth: PEOPLE })
  // The gateway's functions share the test's movable clock, so the code and the window are deterministic.
  const handlers = createHandlers(cloud.deps)
  server = createGateway({ handlers, staticDir: mkdtempSync(join(tmpdir(), 'tq-h5-')), devMode: true, personas: PERSONAS })
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 2 * PEOPLE }, () => r()))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  agent.destroy()
  server.close()
  server.closeAllConnections()
  await cloud.close()
})

type Reply = { ok: boolean; error?: { code: string } }

function checkIn(openid: string, payload: unknown): Promise<Reply> {
  const body = JSON.stringify({ action: 'checkIn', payload })
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/activity',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-dev-openid': openid },
      },
      (res) => {
        if (wire.sentAtFirstAnswer < 0) wire.sentAtFirstAnswer = wire.sent
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString()) as Reply)
          } catch (e) {
            reject(e)
          }
        })
      },
    )
    req.on('error', reject)
    req.on('finish', () => wire.sent++)
    req.end(body)
  })
}

/** Every request is started before any answer is awaited. */
function burst(openids: string[], payload: unknown): Promise<Reply[]> {
  wire.sent = 0
  wire.sentAtFirstAnswer = -1
  return Promise.all(openids.map((openid) => checkIn(openid, payload)))
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

  const first = await burst(profiles.map((p) => p.openid), payload)
  expect(wire.sentAtFirstAnswer).toBe(PEOPLE)
  expect(first.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual([])
  expect(first.filter((r) => r.ok)).toHaveLength(PEOPLE)

  const parts = cloud.docs('participations', { activityId: a._id })
  expect(parts).toHaveLength(PEOPLE)
  expect(new Set(parts.map((p) => p.openid)).size).toBe(PEOPLE)
  expect(parts.every((p) => p.checkIn?.method === 'code' && p.checkIn.at === START - 5 * 60_000 && p.checkOut === null)).toBe(true)

  const second = await burst(profiles.map((p) => p.openid), payload)
  expect(wire.sentAtFirstAnswer).toBe(PEOPLE)
  expect(second.map((r) => r.error?.code)).toEqual(Array(PEOPLE).fill('CHECKIN.ALREADY'))
  expect(cloud.docs('participations', { activityId: a._id })).toEqual(parts)
}, 60_000)
