// Benchmark (not a test): a sign-up storm through the local gateway — every youth of the storm asks
// at the same moment for an activity of a few places with a waitlist — beside a bare node:http JSON
// handler measured on the same machine in the same run; then the database calls each hot action
// makes, counted by the emulator (every SDK request that reaches the database is one call).
//   npx tsx bench/signup/index.ts                 (3 rounds × 500 youth for 20 places)
//   BENCH_PEOPLE=200 BENCH_PLACES=10 BENCH_ROUNDS=1 npx tsx bench/signup/index.ts
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { bareServer, pct, poster } from '../http'
import { startLocalCloud, type LocalCloud } from '../../local/local-cloud'

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500)
const PLACES = Number(process.env.BENCH_PLACES ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
// The storm queues at the single-threaded local emulator longer than the SDK's default 15 s allows.
process.env.TQ_DB_TIMEOUT_MS ??= '120000'
const agent = new http.Agent({ keepAlive: true, maxSockets: PEOPLE })
const post = poster(agent)



/** Every job at once (the storm); each job's latency, its answer, and the wall time. */
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

type Envelope = { ok: boolean; data?: any; error?: { code: string } }

function ok(e: Envelope): Envelope {
  if (!e.ok) throw new Error(`expected ok, got ${e.error?.code}`)
  return e
}

async function call(port: number, fn: string, action: string, payload: unknown, openid: string): Promise<Envelope> {
  return JSON.parse((await post(port, `/api/${fn}`, JSON.stringify({ action, payload }), { 'x-dev-openid': openid })).text)
}

async function newActivity(port: number, round: number): Promise<string> {
  const now = Date.now()
  const H = 3600_000
  const created = await call(port, 'activity', 'createActivity', {
    requestId: randomUUID(),
    orgId: 'yc',
    title: `报名压测活动${round}`,
    description: '压测',
    place: { name: '县青年之家', lat: 35.4864, lng: 112.4066 },
    startAt: now + 48 * H,
    endAt: now + 50 * H,
    signUpStartAt: now - H,
    signUpEndAt: now + 24 * H,
    capacity: PLACES,
    realNameRequired: false,
  }, 'dev-admin')
  if (!created.ok) throw new Error(`createActivity: ${JSON.stringify(created.error)}`)
  const id = created.data.activity.id as string
  const published = await call(port, 'activity', 'publishActivity', { activityId: id }, 'dev-admin')
  if (!published.ok) throw new Error(`publishActivity: ${JSON.stringify(published.error)}`)
  return id
}

/** Database calls one action makes, as the emulator counts them. */
async function callsOf(cloud: LocalCloud, run: () => Promise<Envelope>): Promise<{ calls: number; ok: boolean; byAction: Record<string, number> }> {
  cloud.emulator.resetStats()
  const res = await run()
  const s = cloud.emulator.stats()
  return { calls: s.calls, ok: res.ok, byAction: s.byAction }
}

async function main() {
  const cloud = await startLocalCloud({ port: 0, dataFile: ':memory:', youth: PEOPLE })
  const port = Number(new URL(cloud.url).port)
  const people = Array.from({ length: PEOPLE }, (_, i) => `seed-youth-${String(i + 1).padStart(4, '0')}`)

  // Baseline: the ceiling of this machine — a bare node:http JSON handler, the same storm, same client.
  const bare = await bareServer()
  const barePort = bare.port
  await storm(people.map(() => () => post(barePort, '/', '{}', {}))) // warm-up
  const base = await storm(people.map(() => () => post(barePort, '/', '{}', {})))

  const latencies: number[] = []
  const byCode: Record<string, number> = {}
  let wall = 0
  let dbCalls = 0
  for (let r = 0; r < ROUNDS; r++) {
    const id = await newActivity(port, r)
    cloud.emulator.resetStats()
    const res = await storm(people.map((openid) => () => call(port, 'activity', 'signUp', { activityId: id }, openid)))
    dbCalls += cloud.emulator.stats().calls
    latencies.push(...res.latencies)
    wall += res.wallMs
    for (const a of res.answers) {
      const code = a.ok ? a.data.participation.status : a.error!.code
      byCode[code] = (byCode[code] ?? 0) + 1
    }
    const doc = cloud.emulator.store.get('activities', id) as { signed: number; waitlisted: number }
    if (doc.signed !== PLACES || doc.signed + doc.waitlisted !== PEOPLE) throw new Error(`round ${r}: ${doc.signed} signed, ${doc.waitlisted} waitlisted`)
  }

  const rps = (n: number, ms: number) => (n / ms) * 1000
  const row = (name: string, l: number[], r: number) => `${name.padEnd(30)} ${pct(l, 50).toFixed(1).padStart(8)} ${pct(l, 99).toFixed(1).padStart(8)} ${r.toFixed(0).padStart(8)}`
  console.log(`\nsign-up storm through the gateway: ${ROUNDS} rounds × ${PEOPLE} youth at once for ${PLACES} places (waitlist on)`)
  console.log(`answers by code: ${Object.entries(byCode).map(([k, v]) => `${k} ${v}`).join(', ')}`)
  console.log(`${'what'.padEnd(30)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(8)}`)
  console.log(row('signUp (gateway+SDK+db)', latencies, rps(latencies.length, wall)))
  console.log(row('bare node:http (ceiling)', base.latencies, rps(base.latencies.length, base.wallMs)))
  console.log(`database calls per sign-up in the storm: ${(dbCalls / (ROUNDS * PEOPLE)).toFixed(2)} (a place costs one conditional update; a waitlist place two, the first finding the places gone)`)

  // Database calls per hot action, one caller at a time (what each costs the environment's database rate).
  const id = await newActivity(port, ROUNDS)
  const youth = 'seed-youth-0001'
  const signUp = await callsOf(cloud, () => call(port, 'activity', 'signUp', { activityId: id }, youth))
  ok(await call(port, 'activity', 'signUp', { activityId: id }, 'seed-youth-0002'))
  const getActivity = await callsOf(cloud, () => call(port, 'activity', 'getActivity', { activityId: id }, youth))
  const listActivities = await callsOf(cloud, () => call(port, 'activity', 'listActivities', {}, youth))
  const me = await callsOf(cloud, () => call(port, 'user', 'me', {}, youth))
  // Check-in: move the activity's schedule to now (its window), as the check-in bench does.
  const now = Date.now()
  const doc = cloud.emulator.store.get('activities', id) as Record<string, unknown>
  cloud.emulator.store.upsert('activities', { ...doc, startAt: now + 5 * 60_000, endAt: now + 2 * 3600_000 })
  const { activityMac, shortCode, stepAt } = await import('../../cloudfunctions/_core/attendance')
  const code = shortCode(id, stepAt(Date.now()), activityMac(doc.secret as string))
  const firstCheckIn = await callsOf(cloud, () => call(port, 'activity', 'checkIn', { activityId: id, code }, youth))
  const nextCheckIn = await callsOf(cloud, () => call(port, 'activity', 'checkIn', { activityId: id, code }, 'seed-youth-0002'))
  const rowsOut: [string, { calls: number; ok: boolean; byAction: Record<string, number> }][] = [
    ['checkIn (the first of an activity)', firstCheckIn],
    ['checkIn', nextCheckIn],
    ['signUp (a place)', signUp],
    ['getActivity', getActivity],
    ['listActivities', listActivities],
    ['me', me],
  ]
  console.log(`\ndatabase calls per action (one caller, counted by the emulator)`)
  for (const [name, r] of rowsOut) {
    const detail = Object.entries(r.byAction).map(([k, v]) => `${k.replace('database.', '')} ${v}`).join(', ')
    console.log(`${name.padEnd(36)} ${String(r.calls).padStart(3)}  ${r.ok ? '' : '(refused) '}${detail}`)
  }

  bare.close()
  agent.destroy()
  await cloud.close()
  if (Object.keys(byCode).some((k) => k !== 'signed' && k !== 'waitlisted')) process.exit(1)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
