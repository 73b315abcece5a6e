import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import http, { type Server } from 'node:http'
import { EventEmitter } from 'node:events'
import { poster } from '../../../bench/http'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { createHandlers } from '../../../local/functions'
import { createGateway } from '../../../local/gateway/server'
import { PERSONAS } from '../../../local/seed/personas'
import { assertMallInvariants, balanceOf, putGoods, putVenue, putYouth, stockOf } from '../../fixtures/mall'
import { testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * Redemption races through the gateway, as phones reach it (docs/domain.md "Scale": a thousand for a
 * hundred items): every answer is the real outcome — 兑换成功 or 已兑完, 超过限兑数量 — never
 * GENERIC.CONFLICT or GENERIC.INTERNAL, and the stock, the orders and the ledger agree afterwards.
 */
let cloud: TestCloud
let server: Server
let base: string
const BUYERS = 1000
const buyers = Array.from({ length: BUYERS }, (_, i) => `storm-buyer-${i}`)

beforeAll(async () => {
  cloud = await testCloud()
  putVenue(cloud, 'v-rc')
  for (const b of buyers) putYouth(cloud, b, { balance: 30 })
  const staticDir = mkdtempSync(join(tmpdir(), 'tq-h5-'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>团青通</title>')
  server = createGateway({ handlers: createHandlers(), staticDir, devMode: true, personas: PERSONAS, files: cloud.emulator.files })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', 2048, () => r()))
  // Requests waiting for one of the agent's sockets each listen for its connect: not a leak.
  EventEmitter.defaultMaxListeners = BUYERS
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}, 60_000)
afterAll(async () => {
  agent.destroy()
  server.close()
  server.closeAllConnections()
  await cloud.close()
})

// Every request is issued at once; at most 250 connections are open at a time (the rest wait for a
// socket on the client), since a thousand new connections in one instant can pass the listen backlog
// of a loaded machine and be reset before the gateway sees them.
const agent = new http.Agent({ keepAlive: true, maxSockets: 250 })
const post = poster(agent)

async function redeem(openid: string, goodsId: string, requestId = randomUUID()): Promise<string> {
  const port = Number(new URL(base).port)
  const res = await post(port, '/api/points', JSON.stringify({ action: 'redeem', payload: { requestId, goodsId, quantity: 1 } }), { 'x-dev-openid': openid })
  const body = JSON.parse(res.text) as { ok: boolean; error?: { code: string } }
  return body.ok ? 'ok' : body.error!.code
}
const tally = (xs: string[]) => xs.reduce<Record<string, number>>((t, x) => ({ ...t, [x]: (t[x] ?? 0) + 1 }), {})

describe('redemption storms', () => {
  it('1,000 buyers at once for 100 bags of rice: exactly 100 orders and 900 已兑完, none told to retry', async () => {
    const goods = putGoods(cloud, 'storm-rice', 100)
    const answers = await Promise.all(buyers.map((b) => redeem(b, goods._id)))
    expect(tally(answers)).toEqual({ ok: 100, 'GOODS.SOLD_OUT': 900 })
    expect(cloud.docs(COLLECTIONS.orders, { goodsId: goods._id })).toHaveLength(100)
    expect(stockOf(cloud, goods._id)).toMatchObject({ supplied: 100, taken: 100 })
    const winners = buyers.filter((_b, i) => answers[i] === 'ok')
    for (const w of winners) expect(balanceOf(cloud, w)).toBe(20)
    for (const l of buyers.filter((_b, i) => answers[i] !== 'ok').slice(0, 50)) expect(balanceOf(cloud, l)).toBe(30)
    assertMallInvariants(cloud)
  }, 240_000)

  it('one youth sending 50 redemptions with different keys against a limit of 2 gets exactly 2', async () => {
    const goods = putGoods(cloud, 'storm-pen', 100, { price: 1, limitTotal: 2 })
    const answers = await Promise.all(Array.from({ length: 50 }, () => redeem('storm-buyer-1', goods._id)))
    expect(tally(answers)).toEqual({ ok: 2, 'GOODS.LIMIT_REACHED': 48 })
    expect(cloud.docs(COLLECTIONS.orders, { goodsId: goods._id })).toHaveLength(2)
    expect(stockOf(cloud, goods._id).taken).toBe(2)
    assertMallInvariants(cloud)
  }, 120_000)
})
