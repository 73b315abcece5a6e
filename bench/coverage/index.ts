// Benchmark (not a test): 覆盖青年 at the newsletter's scale — a county whose tower of groups reaches
// 110,000 youth (county → 15 townships → about 40 groups each, a third of them a level lower; many
// youth in 2–3 groups of the tower) — loaded in bulk as the actions leave it settled. Then, through the
// local gateway: reading the county's coverage (orgCoverage) and its top group's reach (getGroup),
// beside the brute-force recount a naive view would run (distinct youth over the subtree's active
// memberships, aggregated by the database); joins of different youth into different groups at once,
// and a storm of more youth than places into one group; the database calls of each, counted by the
// emulator; and the check that the county's coverage equals the recount.
//   npx tsx bench/coverage/index.ts                              (110,000 youth, 640 groups)
//   BENCH_YOUTH=20000 BENCH_GROUPS=200 npx tsx bench/coverage/index.ts
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import http from 'node:http'
import { pct, poster } from '../http'
import { startLocalCloud, type LocalCloud } from '../../local/local-cloud'
import { flattenOrgs } from '../../local/seed'
import { uuidFrom } from '../../local/seed/activities'
import { prng } from '../../local/seed/youth'
import { roleIdFor } from '../../cloudfunctions/_core/access/access.repo'
import { groupIdFor } from '../../cloudfunctions/_core/community/group.repo'
import { editableFields, isOrgTop, type GroupDoc } from '../../cloudfunctions/_core/community/group.rules'
import { coverageDocs, orgNode, SHARDS } from '../../cloudfunctions/_core/community/coverage'
import { settledDocs, startMembership } from '../../cloudfunctions/_core/community/membership.repo'
import type { MembershipDoc } from '../../cloudfunctions/_core/community/membership.rules'
import type { OrgDoc } from '../../cloudfunctions/_core/org/org.rules'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { database, type Db } from '../../cloudfunctions/_core/runtime/db'
import { requestHash } from '../../cloudfunctions/_core/runtime/idempotency'
import { secretsFromEnv, type Secrets } from '../../cloudfunctions/_core/runtime/secrets'
import { chainOf, childPlacement, ROOT_PLACEMENT } from '../../cloudfunctions/_core/tree'

const YOUTH = Number(process.env.BENCH_YOUTH ?? 110_000)
const GROUPS = Math.max(Number(process.env.BENCH_GROUPS ?? 640), 20)
const TOWNSHIPS = 15
const READS = Number(process.env.BENCH_READS ?? 20)
const RECOUNTS = Number(process.env.BENCH_RECOUNTS ?? 3)
const JOINS = Math.min(200, GROUPS - 1)
const STORM = 500
const STORM_CAPACITY = 300
/** Of the youth, these shares are in a second group of the tower, and of those, in a third. */
const SECOND = 0.35
const THIRD = 0.3

process.env.TQ_DB_TIMEOUT_MS ??= '120000'
EventEmitter.defaultMaxListeners = STORM
// At most 500 connections at once, as in bench/redeem: more new connections in one instant pass the
// listen backlog of a default Linux and are reset before the gateway sees them. A fresh agent for
// each storm: sockets left idle past the gateway's keep-alive timeout during the recounts would be
// reset under it.
let agent = new http.Agent({ keepAlive: true, maxSockets: STORM })
let post = poster(agent)
function freshAgent(): void {
  agent.destroy()
  agent = new http.Agent({ keepAlive: true, maxSockets: STORM })
  post = poster(agent)
}
type Envelope = { ok: boolean; data?: any; error?: { code: string } }

const ADMIN = 'bench-admin'
const COUNTY = 'bench'
const youthOpenid = (i: number) => `bench-youth-${i}`

async function call(port: number, action: string, payload: unknown, openid: string): Promise<Envelope> {
  return JSON.parse((await post(port, '/api/community', JSON.stringify({ action, payload }), { 'x-dev-openid': openid })).text)
}

function ok(e: Envelope, what: string): any {
  if (!e.ok) throw new Error(`${what}: ${e.error?.code}`)
  return e.data
}

// ---------------------------------------------------------------------------------------------
// The county, loaded in bulk

interface Tower {
  orgs: OrgDoc[]
  groups: GroupDoc[]
  top: GroupDoc
  /** The groups of each township's part of the tower (its own group first). */
  byTownship: GroupDoc[][]
}

/** 压测县: its 15 township orgs, and the tower of GROUPS groups its admin made. */
function buildTower(now: number): Tower {
  const orgs = flattenOrgs(
    [
      {
        id: COUNTY,
        name: '共青团压测县委',
        kind: 'county',
        children: Array.from({ length: TOWNSHIPS }, (_, t) => ({ id: `${COUNTY}-t${t + 1}`, name: `压测第${t + 1}镇团委`, kind: 'township' as const })),
      },
    ],
    null,
    now,
  )
  const orgById = new Map(orgs.map((o) => [o._id, o]))
  const groups: GroupDoc[] = []
  const make = (key: string, name: string, orgId: string, parent: GroupDoc | null): GroupDoc => {
    const org = orgById.get(orgId)!
    const fields = { orgId, parentGroupId: parent?._id ?? null, name, kind: 'org_group' as const, tags: [], description: '压测用的团组织网群。', cover: null, joinPolicy: 'open' as const, capacity: null, chatQr: null }
    const g: GroupDoc = {
      _id: groupIdFor(ADMIN, uuidFrom(`bench-group|${key}`)),
      ...(parent ? childPlacement(parent) : ROOT_PLACEMENT),
      ...editableFields(fields),
      cover: null,
      coverCheck: null,
      coverTrace: null,
      chatQr: null,
      chatQrCheck: null,
      chatQrTrace: null,
      inviteCode: null,
      orgId,
      underOrgs: chainOf(org),
      orgTop: isOrgTop(orgId, parent),
      requestHash: requestHash(fields),
      createdBy: ADMIN,
      createdAt: now,
      updatedAt: now,
    }
    groups.push(g)
    return g
  }
  const top = make('top', '压测县青年', COUNTY, null)
  const heads = Array.from({ length: TOWNSHIPS }, (_, t) => make(`t${t + 1}`, `压测第${t + 1}镇青年`, `${COUNTY}-t${t + 1}`, top))
  const byTownship = heads.map((h) => [h])
  // The rest spread over the townships; in each, two thirds hang under the township's group and
  // the last third one level lower, under those.
  const rest = GROUPS - 1 - TOWNSHIPS
  for (let t = 0; t < TOWNSHIPS; t++) {
    const n = Math.floor(rest / TOWNSHIPS) + (t < rest % TOWNSHIPS ? 1 : 0)
    const upper = Math.ceil((n * 2) / 3)
    const upperGroups: GroupDoc[] = []
    for (let k = 0; k < n; k++) {
      const parent = k < upper ? heads[t] : upperGroups[k % upperGroups.length]
      const g = make(`t${t + 1}-${k}`, `压测第${t + 1}镇第${k + 1}村青年`, heads[t].orgId, parent)
      if (k < upper) upperGroups.push(g)
      byTownship[t].push(g)
    }
  }
  return { orgs, groups, top, byTownship }
}

type Draft = ReturnType<typeof startMembership> & { joinedAt: number }

/**
 * Each youth is in a group of their township (a village's, mostly; a few only in the township's),
 * some also in a second group of the same tower — the township's, the county's, or another village's
 * — and some of those in a third: so the county's coverage is well below the sum of its members.
 */
function placeYouth(secrets: Secrets, tower: Tower, now: number): { drafts: Draft[]; inGroup: Map<string, Set<number>> } {
  const r = prng(20260901)
  const drafts: Draft[] = []
  const inGroup = new Map<string, Set<number>>(tower.groups.map((g) => [g._id, new Set<number>()]))
  const add = (g: GroupDoc, who: { openid: string; userId: string }, role: 'owner' | 'member', i: number) => {
    const members = inGroup.get(g._id)!
    if (members.has(i)) return
    members.add(i)
    const at = now - Math.floor(r() * 90 * 86_400_000)
    drafts.push({ ...startMembership(g, who, null, { role, status: 'active', message: '' }, at), joinedAt: at })
  }
  // The admin who made every group is each one's owner, as createGroup leaves it.
  const admin = { openid: ADMIN, userId: userIdFor(secrets, ADMIN) }
  for (const g of tower.groups) add(g, admin, 'owner', -1)
  for (let i = 0; i < YOUTH; i++) {
    const who = { openid: youthOpenid(i), userId: userIdFor(secrets, youthOpenid(i)) }
    const part = tower.byTownship[Math.floor(r() * TOWNSHIPS)]
    const pick = () => part[Math.floor(r() * part.length)]
    add(pick(), who, 'member', i)
    if (r() < SECOND) {
      const q = r()
      add(q < 0.3 ? part[0] : q < 0.45 ? tower.top : pick(), who, 'member', i)
      if (r() < THIRD) add(pick(), who, 'member', i)
    }
  }
  return { drafts, inGroup }
}

function load(cloud: LocalCloud, secrets: Secrets, tower: Tower, drafts: Draft[]): { memberships: number; coverageDocs: number; countyBytes: number } {
  const store = cloud.emulator.store
  store.insertMany(COLLECTIONS.orgs, tower.orgs.map((o) => ({ ...o })))
  store.upsert(COLLECTIONS.roles, { _id: roleIdFor(ADMIN, 'admin', COUNTY), openid: ADMIN, userId: userIdFor(secrets, ADMIN), role: 'admin', orgId: COUNTY, via: 'grant', grantedBy: null, grantedAt: 0 })
  store.insertMany(COLLECTIONS.groups, tower.groups.map((g) => ({ ...g })))
  // settledDocs gives each group's places from a pass over the memberships it is handed: handed
  // one township's part at a time (and the top group alone), it makes 16 small passes, not 640
  // over all of them. The coverage spans the parts (the county's nodes), so it is built once over all.
  const parts = [[tower.top], ...tower.byTownship]
  let memberships: MembershipDoc[] = []
  for (const part of parts) {
    const ids = new Set(part.map((g) => g._id))
    const docs = settledDocs(new Map(part.map((g) => [g._id, g])), drafts.filter((m) => ids.has(m.groupId)))
    for (let i = 0; i < docs.memberships.length; i += 20_000) store.insertMany(COLLECTIONS.memberships, docs.memberships.slice(i, i + 20_000).map((m) => ({ ...m })))
    store.insertMany(COLLECTIONS.groupSeats, docs.seats)
    memberships = memberships.concat(docs.memberships)
  }
  const coverage = coverageDocs(new Map(tower.groups.map((g) => [g._id, g])), memberships.filter((m) => m.seat))
  store.insertMany(COLLECTIONS.groupReach, coverage)
  const countyBytes = coverage.filter((d) => d.node === orgNode(COUNTY)).reduce((t, d) => t + JSON.stringify(d).length, 0)
  return { memberships: memberships.length, coverageDocs: coverage.length, countyBytes }
}

/** Profiles for the youth who join during the bench (a copy of 王晓青's, in a township of the county). */
function registerYouth(cloud: LocalCloud, secrets: Secrets, ids: number[]): void {
  const base = cloud.emulator.store.get(COLLECTIONS.profiles, userIdFor(secrets, 'dev-youth')) as Record<string, unknown>
  for (const i of ids) {
    cloud.emulator.store.upsert(COLLECTIONS.profiles, { ...base, _id: userIdFor(secrets, youthOpenid(i)), openid: youthOpenid(i), orgId: `${COUNTY}-t${(i % TOWNSHIPS) + 1}` })
  }
}

// ---------------------------------------------------------------------------------------------
// The brute force: what a view would cost that counted from the memberships each time

async function distinctYouth(db: Db, match: Record<string, unknown>): Promise<number> {
  const res = await db.collection(COLLECTIONS.memberships).aggregate().match({ ...match, status: 'active' }).group({ _id: '$userId' }).count('n').end()
  return (res.list[0] as { n: number } | undefined)?.n ?? 0
}

/** Distinct youth over the active memberships of groups of the org's subtree (the memberships carry their org's chain). */
const recountOrg = (db: Db, orgId: string) => distinctYouth(db, { underOrgs: orgId })

/** Distinct youth over the active memberships of the group and every group below it (read first, a page at a time). */
async function recountGroup(db: Db, groupId: string): Promise<number> {
  const ids = [groupId]
  for (;;) {
    const page = await db.collection(COLLECTIONS.groups).where({ path: groupId }).field({ _id: true }).orderBy('_id', 'asc').skip(ids.length - 1).limit(1000).get()
    ids.push(...(page.data as Array<{ _id: string }>).map((d) => d._id))
    if (page.data.length < 1000) break
  }
  return distinctYouth(db, { groupId: db.command.in(ids) })
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** `n` runs one after another: each one's time and database calls, and the answer of the last. */
async function oneByOne<T>(cloud: LocalCloud, n: number, run: () => Promise<T>): Promise<{ ms: number[]; calls: number[]; last: T }> {
  const ms: number[] = []
  const calls: number[] = []
  let last!: T
  for (let k = 0; k < n; k++) {
    cloud.emulator.resetStats()
    const s = performance.now()
    last = await run()
    ms.push(performance.now() - s)
    calls.push(cloud.emulator.stats().calls)
  }
  return { ms, calls, last }
}

/** Every job at once: each one's latency, the answers, the wall time and the database calls of them all. */
async function storm(cloud: LocalCloud, jobs: (() => Promise<Envelope>)[]): Promise<{ latencies: number[]; answers: Envelope[]; wallMs: number; calls: number }> {
  freshAgent()
  cloud.emulator.resetStats()
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
  return { latencies, answers, wallMs: performance.now() - t0, calls: cloud.emulator.stats().calls }
}

const byCode = (answers: Envelope[]) => {
  const out: Record<string, number> = {}
  for (const a of answers) out[a.ok ? 'joined' : a.error!.code] = (out[a.ok ? 'joined' : a.error!.code] ?? 0) + 1
  return out
}
const mean = (xs: number[]) => xs.reduce((t, x) => t + x, 0) / xs.length
const row = (name: string, ms: number[], calls: number) => `${name.padEnd(44)} ${pct(ms, 50).toFixed(1).padStart(9)} ${pct(ms, 95).toFixed(1).padStart(9)} ${calls.toFixed(1).padStart(9)}`

async function main() {
  const t0 = performance.now()
  // The timers stay quiet (their sweeps would be counted among the reads' database calls).
  const cloud = await startLocalCloud({ port: 0, dataFile: ':memory:', youth: 0, timerMs: 24 * 3600_000 })
  const port = Number(new URL(cloud.url).port)
  const secrets = secretsFromEnv()
  const db = database()
  const now = Date.now()

  const tower = buildTower(now)
  const { drafts, inGroup } = placeYouth(secrets, tower, now)
  const loaded = load(cloud, secrets, tower, drafts)
  const members = drafts.length - tower.groups.length
  console.log(
    `loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${YOUTH} youth, ${tower.groups.length} groups in four levels over ${TOWNSHIPS} townships, ` +
      `${members} youth memberships (${(members / YOUTH).toFixed(2)} per youth) and ${tower.groups.length} owners', ${loaded.coverageDocs} coverage documents`,
  )
  // Each youth's entry sits in a shard of every node above them: the county's shards are the largest
  // documents, and the emulator parses a document whole before it projects the count out of it.
  console.log(`the county's ${SHARDS} coverage documents hold ${(loaded.countyBytes / 1e6).toFixed(1)} MB (${(loaded.countyBytes / SHARDS / 1e3).toFixed(0)} kB each)`)

  // Reading the county's coverage, beside the recount.
  const county = () => call(port, 'orgCoverage', { orgId: COUNTY }, ADMIN).then((e) => ok(e, 'orgCoverage') as { reach: number; groups: number })
  const topGroup = () => call(port, 'getGroup', { groupId: tower.top._id }, ADMIN).then((e) => ok(e, 'getGroup').group as { reach: number; members: number })
  await county()
  await topGroup()
  const readCounty = await oneByOne(cloud, READS, county)
  const readTop = await oneByOne(cloud, READS, topGroup)
  const bruteCounty = await oneByOne(cloud, RECOUNTS, () => recountOrg(db, COUNTY))
  const bruteTop = await oneByOne(cloud, RECOUNTS, () => recountGroup(db, tower.top._id))
  console.log(`\n${'read'.padEnd(44)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'db calls'.padStart(9)}`)
  console.log(row(`orgCoverage of the county (×${READS})`, readCounty.ms, mean(readCounty.calls)))
  console.log(row(`getGroup of the top group (×${READS})`, readTop.ms, mean(readTop.calls)))
  console.log(row(`recount of the county (×${RECOUNTS})`, bruteCounty.ms, mean(bruteCounty.calls)))
  console.log(row(`recount of the top group's subtree (×${RECOUNTS})`, bruteTop.ms, mean(bruteTop.calls)))
  console.log(
    `coverage ${readCounty.last.reach} youth in ${readCounty.last.groups} groups (recount ${bruteCounty.last}); top group reach ${readTop.last.reach} (recount ${bruteTop.last}); ` +
      `the recount takes ×${(pct(bruteCounty.ms, 50) / pct(readCounty.ms, 50)).toFixed(0)} the county's read, ×${(pct(bruteTop.ms, 50) / pct(readTop.ms, 50)).toFixed(0)} the top group's (p50)`,
  )

  // Joins: youth into different groups at once — every other one new to the county (its coverage
  // moves), the others already in another group of the tower (counted once: it does not) — then
  // more youth than places, all new, into one group.
  const r = prng(7)
  const taken = new Set<number>()
  const inCounty = (inside: Set<number>): number => {
    for (;;) {
      const i = Math.floor(r() * YOUTH)
      if (!taken.has(i) && !inside.has(i)) {
        taken.add(i)
        return i
      }
    }
  }
  let next = YOUTH
  const newcomer = () => next++
  const targets = [...tower.groups].sort(() => r() - 0.5).slice(0, JOINS)
  const spread = targets.map((g, k) => ({ g, i: k % 2 ? inCounty(inGroup.get(g._id)!) : newcomer(), fresh: k % 2 === 0 }))
  const under = tower.byTownship[0][1]
  freshAgent()
  const hot = ok(
    await call(port, 'createGroup', {
      requestId: randomUUID(), orgId: under.orgId, parentGroupId: under._id, name: '压测报名群', kind: 'interest', tags: ['压测'],
      description: '人数有上限的社群。', cover: null, joinPolicy: 'open', capacity: STORM_CAPACITY, chatQr: null,
    }, ADMIN),
    'createGroup',
  ).group as { id: string; members: number; depth: number }
  const crowd = Array.from({ length: STORM }, newcomer)
  const deepest = tower.groups.reduce((a, g) => (g.depth > a.depth ? g : a))
  const single = newcomer()
  registerYouth(cloud, secrets, [...spread.map((s) => s.i), ...crowd, single])

  const spreadRun = await storm(cloud, spread.map(({ g, i }) => () => call(port, 'joinGroup', { groupId: g._id }, youthOpenid(i))))
  const crowdRun = await storm(cloud, crowd.map((i) => () => call(port, 'joinGroup', { groupId: hot.id }, youthOpenid(i))))
  freshAgent()
  cloud.emulator.resetStats()
  const one = await call(port, 'joinGroup', { groupId: deepest._id }, youthOpenid(single))
  const oneStats = cloud.emulator.stats()

  console.log(`\n${'join'.padEnd(44)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'db calls'.padStart(9)}`)
  console.log(row(`${JOINS} youth into ${JOINS} groups at once (half new)`, spreadRun.latencies, spreadRun.calls / JOINS))
  console.log(row(`${STORM} youth into one group of ${STORM_CAPACITY}`, crowdRun.latencies, crowdRun.calls / STORM))
  const spreadCodes = byCode(spreadRun.answers)
  const crowdCodes = byCode(crowdRun.answers)
  const listed = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ')
  // The storms queue at the one emulator: a join's latency is mostly its wait; the wall time over the
  // joins is what one costs the emulator.
  const per = (run: { wallMs: number }, n: number) => `${(run.wallMs / 1000).toFixed(1)} s, ${(run.wallMs / n).toFixed(0)} ms of the emulator per join`
  console.log(`${JOINS} into ${JOINS} groups: ${listed(spreadCodes)} in ${per(spreadRun, JOINS)}`)
  console.log(`${STORM} into one group of ${STORM_CAPACITY} (its owner holds a place): ${listed(crowdCodes)} in ${per(crowdRun, STORM)}`)
  console.log(`database calls for one join (${one.ok ? 'joined' : one.error?.code}) into a group of depth ${deepest.depth}: ${oneStats.calls} — ${Object.entries(oneStats.byAction).map(([k, v]) => `${k.replace('database.', '')} ${v}`).join(', ')}`)

  // The check: the coverage as read equals the recount, after the joins.
  freshAgent()
  // One after another: a recount holds the single-threaded emulator for seconds, and the SDK's idle
  // sockets to it would meet their keep-alive end under a read sent beside it.
  const after = await county()
  const afterTop = await topGroup()
  const hotAfter = ok(await call(port, 'getGroup', { groupId: hot.id }, ADMIN), 'getGroup').group as { members: number }
  const recount = await recountOrg(db, COUNTY)
  const recountTop = await recountGroup(db, tower.top._id)
  const joinedSpread = spreadCodes.joined ?? 0
  const joinedCrowd = crowdCodes.joined ?? 0
  const newJoined = spread.filter((s, k) => s.fresh && spreadRun.answers[k].ok).length + joinedCrowd + (one.ok ? 1 : 0)
  const failures = [
    after.reach !== recount && `the county's coverage ${after.reach} is not the recount ${recount}`,
    afterTop.reach !== recountTop && `the top group's reach ${afterTop.reach} is not the recount ${recountTop}`,
    after.reach !== readCounty.last.reach + newJoined && `the county's coverage grew by ${after.reach - readCounty.last.reach}, not by the ${newJoined} youth new to it who joined`,
    joinedSpread !== JOINS && `${JOINS - joinedSpread} of the ${JOINS} joins into different groups failed`,
    joinedCrowd !== STORM_CAPACITY - hot.members && `${joinedCrowd} joined the group of ${STORM_CAPACITY}, not the ${STORM_CAPACITY - hot.members} free places`,
    joinedCrowd + (crowdCodes['GROUP.FULL'] ?? 0) !== STORM && `the storm had answers other than joined or full`,
    hotAfter.members !== STORM_CAPACITY && `the group of ${STORM_CAPACITY} counts ${hotAfter.members} members`,
  ].filter(Boolean)
  console.log(
    `\ncheck: the county's coverage ${after.reach} = recount ${recount}; the top group's reach ${afterTop.reach} = recount ${recountTop}; ` +
      `the group of ${STORM_CAPACITY} has ${hotAfter.members} members; ${failures.length ? `FAILED: ${failures.join('; ')}` : 'all as expected'}`,
  )
  agent.destroy()
  await cloud.close()
  if (failures.length) process.exit(1)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
