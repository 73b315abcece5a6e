// Benchmark (not a test): redemption races through the local gateway — 1,000 youth at the same moment
// for one hot item of 100, then 1,000 youth spread over 50 items of 10 — beside a bare node:http JSON
// handler measured on the same machine in the same run; then the database calls one redemption
// makes, counted by the emulator, and the ledger check (every balance = the sum of its entries,
// one debit per order, no stock taken past what was supplied).
//   npx tsx bench/redeem/index.ts
//   BENCH_PEOPLE=300 npx tsx bench/redeem/index.ts
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import http from 'node:http'
import { bareServer, pct, poster } from '../http'
import { startLocalCloud, type LocalCloud } from '../../local/local-cloud'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { secretsFromEnv } from '../../cloudfunctions/_core/runtime/secrets'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1000)
const HOT_STOCK = Number(process.env.BENCH_STOCK ?? 100)
const ITEMS = 50
process.env.TQ_DB_TIMEOUT_MS ??= '120000'
// Requests waiting for one of the agent's sockets each listen for its connect: not a leak.
EventEmitter.defaultMaxListeners = PEOPLE
// A fresh keep-alive agent per storm: sockets left idle past the server's keep-alive timeout by the
// last storm would be reset under the next one. At most 500 connections at once (the rest of the
// storm waits for a socket on the client): a thousand new connections in one instant pass the
// listen backlog of a default Linux and are reset before the gateway sees them.
const SOCKETS = Math.min(PEOPLE, 500)
let agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS })
let post = poster(agent)
function freshAgent(): void {
  agent.destroy()
  agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS })
  post = poster(agent)
}
type Envelope = { ok: boolean; data?: any; error?: { code: string } }

async function call(port: number, action: string, payload: unknown, openid: string): Promise<Envelope> {
  return JSON.parse((await post(port, '/api/points', JSON.stringify({ action, payload }), { 'x-dev-openid': openid })).text)
}

async function storm<T>(jobs: (() => Promise<T>)[]): Promise<{ latencies: number[]; answers: T[]; wallMs: number }> {
  const latencies: number[] = []
  const t0 = performance.now()
  const answers = await Promise.all(
    jobs.map(async (job) => {
      const s = performance.now()
      const out = await job()
      latencies.push(performance.now() - s)
      return out
    }),
  )
  return { latencies, answers, wallMs: performance.now() - t0 }
}

/** Youth of 阳城 with 100 益币 each (one credit entry, so each balance is the sum of its entries). */
function fund(cloud: LocalCloud, people: string[]): void {
  const secrets = secretsFromEnv()
  const now = Date.now()
  const base = cloud.emulator.store.get(COLLECTIONS.profiles, userIdFor(secrets, 'dev-youth')) as Record<string, unknown>
  for (const openid of people) {
    const userId = userIdFor(secrets, openid)
    cloud.emulator.store.upsert(COLLECTIONS.profiles, { ...base, _id: userId, openid, orgId: 'yc-rc-b1' })
    cloud.emulator.store.upsert(COLLECTIONS.ledgerEntries, {
      _id: `le_cr_bench_${userId}`, accountId: userId, openid, amount: 100, kind: 'credit', title: '压测', ref: { type: 'participation', id: `p_bench_${userId}` },
      reverses: null, orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], at: now,
    })
    cloud.emulator.store.upsert(COLLECTIONS.accounts, { _id: userId, openid, balance: 100, earned: 100, spent: 0, updatedAt: now })
  }
}

function putItem(cloud: LocalCloud, id: string, stock: number): void {
  const now = Date.now()
  cloud.emulator.store.upsert(COLLECTIONS.goods, {
    _id: id, orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], donorId: 'bench-donor', name: `压测物资${id}`, category: 'grain_oil', images: [], description: '压测', price: 10, unitValue: 4500,
    limitTotal: 2, limitPeriod: null, venueIds: ['bench-venue'], availableFrom: null, availableUntil: null, pickupDays: 7, status: 'on_sale', createdBy: 'dev-admin', createdAt: now, updatedAt: now,
  })
  cloud.emulator.store.upsert(COLLECTIONS.goodsStock, { _id: id, supplied: stock, taken: 0, queued: 0, holds: {}, queue: {}, units: {}, onSale: true, touched: now })
}

/** Invariants 1–4 over the store: what the ledger, the orders and the stock say must agree. */
function ledgerCheck(cloud: LocalCloud): { accounts: number; mismatched: number; oversold: number; ordersWithoutOneDebit: number } {
  const all = (c: string) => cloud.emulator.store.find(c, {}, { limit: 1e7 }) as Record<string, any>[]
  const entries = all(COLLECTIONS.ledgerEntries)
  const sums = new Map<string, number>()
  for (const e of entries) sums.set(e.accountId, (sums.get(e.accountId) ?? 0) + e.amount)
  const accounts = all(COLLECTIONS.accounts)
  const mismatched = accounts.filter((a) => a.balance !== (sums.get(a._id) ?? 0) || a.balance < 0).length
  const orders = all(COLLECTIONS.orders)
  const debits = new Map<string, number>()
  for (const e of entries) if (e.kind === 'debit') debits.set(e.ref.id, (debits.get(e.ref.id) ?? 0) + 1)
  const ordersWithoutOneDebit = orders.filter((o) => debits.get(o._id) !== 1).length
  const oversold = all(COLLECTIONS.goodsStock).filter((s) => s.taken > s.supplied || s.taken !== orders.filter((o) => o.goodsId === s._id).reduce((t, o) => t + o.quantity, 0)).length
  return { accounts: accounts.length, mismatched, oversold, ordersWithoutOneDebit }
}

async function main() {
  const cloud = await startLocalCloud({ port: 0, dataFile: ':memory:', youth: 0 })
  const port = Number(new URL(cloud.url).port)
  const people = Array.from({ length: PEOPLE }, (_, i) => `bench-buyer-${i}`)
  fund(cloud, [...people, 'bench-single'])
  cloud.emulator.store.upsert(COLLECTIONS.venues, { _id: 'bench-venue', name: '压测兑换点', address: '阳城县', lat: 35.48, lng: 112.42, hours: '全天', kind: 'pickup', orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], status: 'open', createdBy: 'dev-admin', createdAt: 0, updatedAt: 0 })

  const bare = await bareServer()
  await storm(people.map(() => () => post(bare.port, '/', '{}', {})))
  const base = await storm(people.map(() => () => post(bare.port, '/', '{}', {})))

  const rps = (n: number, ms: number) => (n / ms) * 1000
  const row = (name: string, l: number[], r: number) => `${name.padEnd(34)} ${pct(l, 50).toFixed(1).padStart(8)} ${pct(l, 99).toFixed(1).padStart(8)} ${r.toFixed(0).padStart(8)}`
  console.log(`${'what'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(8)}`)
  console.log(row('bare node:http (ceiling)', base.latencies, rps(base.latencies.length, base.wallMs)))

  const scenarios: [string, (i: number) => string, () => void][] = [
    [`1 hot item of ${HOT_STOCK}`, () => 'bench-hot', () => putItem(cloud, 'bench-hot', HOT_STOCK)],
    [`${ITEMS} items of 10`, (i) => `bench-item-${i % ITEMS}`, () => Array.from({ length: ITEMS }, (_, k) => putItem(cloud, `bench-item-${k}`, 10))],
  ]
  const summaries: string[] = []
  for (const [name, goodsOf, setup] of scenarios) {
    setup()
    freshAgent()
    cloud.emulator.resetStats()
    const res = await storm(people.map((openid, i) => () => call(port, 'redeem', { requestId: randomUUID(), goodsId: goodsOf(i), quantity: 1 }, openid)))
    const calls = cloud.emulator.stats().calls
    const byCode: Record<string, number> = {}
    for (const a of res.answers) byCode[a.ok ? 'ok' : a.error!.code] = (byCode[a.ok ? 'ok' : a.error!.code] ?? 0) + 1
    const orders = byCode.ok ?? 0
    console.log(row(`redeem, ${name}`, res.latencies, rps(res.latencies.length, res.wallMs)))
    summaries.push(
      `${name}: ${orders} orders in ${(res.wallMs / 1000).toFixed(1)} s (${rps(orders, res.wallMs).toFixed(0)} orders/s); answers ${Object.entries(byCode).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
        `CONFLICT ${byCode['GENERIC.CONFLICT'] ?? 0}, INTERNAL ${byCode['GENERIC.INTERNAL'] ?? 0}; database calls per request ${(calls / PEOPLE).toFixed(1)}`,
    )
  }
  console.log('')
  for (const s of summaries) console.log(s)

  // One redemption alone, its database calls by kind.
  putItem(cloud, 'bench-one', 10)
  freshAgent()
  cloud.emulator.resetStats()
  const one = await call(port, 'redeem', { requestId: randomUUID(), goodsId: 'bench-one', quantity: 1 }, 'bench-single')
  const s = cloud.emulator.stats()
  console.log(`\ndatabase calls for one redemption (${one.ok ? 'ok' : one.error?.code}): ${s.calls} — ${Object.entries(s.byAction).map(([k, v]) => `${k.replace('database.', '')} ${v}`).join(', ')}`)
  const check = ledgerCheck(cloud)
  console.log(`ledger check: ${check.accounts} accounts, ${check.mismatched} whose balance is not the sum of its entries; ${check.ordersWithoutOneDebit} orders without exactly one debit; ${check.oversold} items oversold or out of step with their orders`)
  bare.close()
  agent.destroy()
  await cloud.close()
  if (check.mismatched || check.ordersWithoutOneDebit || check.oversold) process.exit(1)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
