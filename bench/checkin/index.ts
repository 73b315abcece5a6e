// Benchmark (not a test): youth checking in to one activity through the local gateway, as at a
// 500-person event, measured beside a bare node:http JSON handler on the same machine in the same run.
//   npx tsx bench/checkin/index.ts            (4 rounds × 500 check-ins, 50 in flight)
//   BENCH_PEOPLE=200 BENCH_ROUNDS=2 npx tsx bench/checkin/index.ts
import http from 'node:http'
import { bareServer, pct, poster } from '../http'
import { participationIdFor } from '../../cloudfunctions/_core/activity/activity.repo'
import { newParticipation, type ActivityDoc } from '../../cloudfunctions/_core/activity/activity.rules'
import { activityMac, rotatingCode, stepAt } from '../../cloudfunctions/_core/attendance'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { secretsFromEnv } from '../../cloudfunctions/_core/runtime/secrets'
import { startLocalCloud } from '../../local/local-cloud'

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50)
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
const post = poster(agent)


/** Runs `jobs` with at most CONCURRENCY in flight; answers each job's latency in ms and the wall time. */
async function run(jobs: (() => Promise<boolean>)[]): Promise<{ latencies: number[]; wallMs: number; failures: number }> {
  const latencies: number[] = []
  let failures = 0
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]
        const s = performance.now()
        if (!(await job())) failures++
        latencies.push(performance.now() - s)
      }
    }),
  )
  return { latencies, wallMs: performance.now() - t0, failures }
}


function activity(now: number, i: number): ActivityDoc {
  const startAt = now + 10 * 60_000
  return {
    _id: `abench${String(i).padStart(4, '0')}`, orgId: 'yc-rc', kind: 'volunteer', title: `签到压测活动${i}`, description: '压测', place: { name: '润城镇文化广场', lat: 35.4864, lng: 112.4066, radius: 300 },
    startAt, endAt: startAt + 2 * 3600_000, signUpStartAt: now - 86400_000, signUpEndAt: now, checkInOpensBefore: 30, checkOutClosesAfter: 60, capacity: PEOPLE, waitlist: false,
    realNameRequired: true, walkIn: false, checkInModes: ['code', 'geo', 'scan'], minAttendancePercent: 60, pointsPerHour: 1, audience: { type: 'everyone' }, status: 'published',
    cancelReason: null, secret: `bench-secret-${i}-${'k'.repeat(32)}`, signed: PEOPLE, waitlisted: 0, createdBy: 'dev-cadre', createdAt: now, updatedAt: now, publishedAt: now,
  }
}

async function main() {
  const cloud = await startLocalCloud({ port: 0, dataFile: ':memory:', youth: PEOPLE })
  const port = Number(new URL(cloud.url).port)
  const secrets = secretsFromEnv()
  const people = Array.from({ length: PEOPLE }, (_, i) => `seed-youth-${String(i + 1).padStart(4, '0')}`)

  // Baseline: the ceiling of this machine — a bare node:http JSON handler, same client, same run.
  const bare = await bareServer()
  const barePort = bare.port
  const bareJobs = Array.from({ length: PEOPLE * ROUNDS }, () => async () => (await post(barePort, '/', '{}', {})).status === 200)
  await run(bareJobs.slice(0, 500)) // warm-up
  const base = await run(bareJobs)

  const all: number[] = []
  let wall = 0
  let failures = 0
  for (let r = 0; r < ROUNDS; r++) {
    const now = Date.now()
    const a = activity(now, r)
    cloud.emulator.store.upsert('activities', { ...a })
    for (const openid of people) {
      const userId = userIdFor(secrets, openid)
      const p = newParticipation(a, { _id: participationIdFor(a._id, openid), openid, userId, userName: openid, subscribed: false }, { status: 'signed', waitTicket: null }, now, null)
      cloud.emulator.store.upsert('participations', { ...p })
    }
    const code = rotatingCode(a._id, stepAt(Date.now()), activityMac(a.secret))
    const body = JSON.stringify({ action: 'checkIn', payload: { activityId: a._id, code } })
    const res = await run(people.map((openid) => async () => JSON.parse((await post(port, '/api/activity', body, { 'x-dev-openid': openid })).text).ok === true))
    all.push(...res.latencies)
    wall += res.wallMs
    failures += res.failures
    const checkedIn = cloud.emulator.store.count('participations', { activityId: a._id, checkIn: { $ne: null } })
    if (checkedIn !== PEOPLE) throw new Error(`round ${r}: ${checkedIn} check-ins recorded, expected ${PEOPLE}`)
  }

  const rps = (n: number, ms: number) => (n / ms) * 1000
  const checkinRps = rps(all.length, wall)
  const bareRps = rps(base.latencies.length, base.wallMs)
  const row = (name: string, l: number[], r: number) => `${name.padEnd(28)} ${pct(l, 50).toFixed(2).padStart(8)} ${pct(l, 99).toFixed(2).padStart(8)} ${r.toFixed(0).padStart(10)}`
  console.log(`\ncheck-in through the gateway: ${ROUNDS} rounds × ${PEOPLE} youth, ${CONCURRENCY} in flight, failures: ${failures}`)
  console.log(`${'what'.padEnd(28)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(10)}`)
  console.log(row('checkIn (gateway+SDK+db)', all, checkinRps))
  console.log(row('bare node:http (ceiling)', base.latencies, bareRps))
  console.log(`ratio: check-in throughput is ${((checkinRps / bareRps) * 100).toFixed(1)} % of the bare handler (${(bareRps / checkinRps).toFixed(1)}× slower); ${PEOPLE} people check in within ${(PEOPLE / checkinRps).toFixed(1)} s`)

  bare.close()
  agent.destroy()
  await cloud.close()
  if (failures) process.exit(1)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
