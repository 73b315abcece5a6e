// Benchmark of the local CloudBase emulator (not a test): seeds a large collection, then times
// the same operations through the real wx-server-sdk and straight on better-sqlite3.
//   npx tsx bench/emulator/index.ts            (1,000,000 documents, 2,000 operations each)
//   BENCH_DOCS=100000 BENCH_OPS=500 npx tsx bench/emulator/index.ts
import Database from 'better-sqlite3'
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, useEmulatorInThisProcess, type IndexManifest } from '../../local/emulator'

const DOCS = Number(process.env.BENCH_DOCS ?? 1_000_000)
const OPS = Number(process.env.BENCH_OPS ?? 2_000)
const CHUNK = 50_000
const ACTIVITIES = Math.max(1, Math.floor(DOCS / 100))
const T0 = Date.parse('2026-01-01T00:00:00Z')

const MANIFEST: IndexManifest = {
  collections: {
    bench_parts: [{ name: 'activityId_1', keys: { activityId: 1 } }],
    bench_inserts: [],
  },
}

function makeDoc(i: number): Record<string, unknown> {
  return {
    _id: `p${i}`,
    activityId: `act${i % ACTIVITIES}`,
    openid: `o${i % 50_000}`,
    status: i % 10 === 0 ? 'pending' : 'approved',
    hours: (i % 8) + 0.5,
    at: new Date(T0 + i * 1000),
  }
}

// Deterministic pseudo-random picks, so both sides see the same keys.
let seed = 42
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed % n
}

interface Stats {
  median: number
  p99: number
}

async function time(n: number, op: (i: number) => unknown): Promise<Stats> {
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint()
    await op(i)
    samples.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(n / 2)], p99: samples[Math.min(n - 1, Math.floor(n * 0.99))] }
}

const ms = (x: number): string => (x < 0.1 ? x.toFixed(4) : x.toFixed(3))

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tq-bench-'))
  console.log(`emulator benchmark: ${DOCS.toLocaleString()} documents, ${OPS} operations each, data in ${dir}`)

  // ---- the emulator, seeded through the Store API --------------------------------------------
  const emu = await startEmulator({ file: join(dir, 'emulator.sqlite'), indexes: MANIFEST })
  let t = Date.now()
  for (let start = 0; start < DOCS; start += CHUNK) {
    const docs = []
    for (let i = start; i < Math.min(DOCS, start + CHUNK); i++) docs.push(makeDoc(i))
    emu.store.insertMany('bench_parts', docs)
  }
  const seedMs = Date.now() - t

  // ---- the baseline: a plain table with an expression index -----------------------------------
  const raw = new Database(join(dir, 'baseline.sqlite'))
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL')
  raw.exec(`CREATE TABLE parts (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
            CREATE INDEX parts_activity ON parts (json_extract(doc, '$.activityId'));
            CREATE TABLE inserts (id TEXT PRIMARY KEY, doc TEXT NOT NULL);`)
  const rawInsert = raw.prepare('INSERT INTO parts (id, doc) VALUES (?, ?)')
  t = Date.now()
  for (let start = 0; start < DOCS; start += CHUNK) {
    raw.transaction(() => {
      for (let i = start; i < Math.min(DOCS, start + CHUNK); i++) {
        const d = makeDoc(i)
        rawInsert.run(d._id as string, JSON.stringify({ ...d, at: { $date: (d.at as Date).getTime() } }))
      }
    })()
  }
  const rawSeedMs = Date.now() - t
  console.log(`seeded: emulator ${seedMs} ms (insertMany, with its index table), baseline ${rawSeedMs} ms`)

  // ---- SDK side -------------------------------------------------------------------------------
  useEmulatorInThisProcess(emu.url)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()
  const _ = db.command
  const parts = db.collection('bench_parts')
  // warm-up (connection, JIT)
  for (let i = 0; i < 50; i++) await parts.doc(`p${i}`).get()

  const results: Array<[string, Stats, Stats]> = []

  seed = 42
  const sdkGet = await time(OPS, async () => {
    const r = await parts.doc(`p${rand(DOCS)}`).get()
    if (!r.data) throw new Error('missing')
  })
  seed = 42
  const getStmt = raw.prepare('SELECT doc FROM parts WHERE id = ?').pluck()
  const rawGet = await time(OPS, () => JSON.parse(getStmt.get(`p${rand(DOCS)}`) as string))
  results.push(['get by _id', sdkGet, rawGet])

  // The same request posted without the SDK: how much of the SDK figure is the emulator itself.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const postJson = (body: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const text = JSON.stringify(body)
      const req = http.request(emu.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
      })
      req.on('error', reject)
      req.end(text)
    })
  seed = 42
  const httpGet = await time(OPS, () =>
    postJson({ action: 'database.getDocument', envName: 'local', collectionName: 'bench_parts', queryType: 'DOC', query: JSON.stringify({ _id: `p${rand(DOCS)}` }), limit: 100 }),
  )
  agent.destroy()
  results.push(['get by _id, raw HTTP (no SDK)', httpGet, rawGet])

  seed = 7
  const sdkQuery = await time(OPS, async () => {
    const r = await parts.where({ activityId: `act${rand(ACTIVITIES)}` }).limit(20).get()
    if (r.data.length !== Math.min(20, Math.ceil(DOCS / ACTIVITIES))) throw new Error(`unexpected ${r.data.length}`)
  })
  seed = 7
  const qStmt = raw.prepare(`SELECT doc FROM parts WHERE json_extract(doc, '$.activityId') = ? LIMIT 20`).pluck()
  const rawQuery = await time(OPS, () => (qStmt.all(`act${rand(ACTIVITIES)}`) as string[]).map((s) => JSON.parse(s)))
  results.push(['indexed equality, limit 20', sdkQuery, rawQuery])

  const sdkInsert = await time(OPS, (i) => db.collection('bench_inserts').add({ data: { _id: `i${i}`, openid: `o${i}`, hours: 2, at: new Date() } }))
  const insStmt = raw.prepare('INSERT INTO inserts (id, doc) VALUES (?, ?)')
  const rawInsertStats = await time(OPS, (i) => insStmt.run(`i${i}`, JSON.stringify({ _id: `i${i}`, openid: `o${i}`, hours: 2, at: { $date: Date.now() } })))
  results.push(['insert one document', sdkInsert, rawInsertStats])

  seed = 99
  const sdkTx = await time(OPS, () =>
    db.runTransaction(async (tx: { collection(n: string): typeof parts }) => {
      const id = `p${rand(DOCS)}`
      const d = await tx.collection('bench_parts').doc(id).get()
      await tx.collection('bench_parts').doc(id).update({ data: { hours: _.inc(1), seen: d.data.hours } })
    }),
  )
  seed = 99
  const upd = raw.prepare('UPDATE parts SET doc = ? WHERE id = ?')
  const rawTx = await time(OPS, () =>
    raw.transaction(() => {
      const id = `p${rand(DOCS)}`
      const d = JSON.parse(getStmt.get(id) as string) as { hours: number }
      upd.run(JSON.stringify({ ...d, hours: d.hours + 1, seen: d.hours }), id)
    })(),
  )
  results.push(['transaction: get + update', sdkTx, rawTx])

  // ---- report ----------------------------------------------------------------------------------
  const rows = [
    ['operation', 'SDK median', 'SDK p99', 'baseline median', 'baseline p99', 'ratio (median)'],
    ...results.map(([name, s, b]) => [name, ms(s.median), ms(s.p99), ms(b.median), ms(b.p99), `${(s.median / b.median).toFixed(0)}x`]),
  ]
  const widths = rows[0].map((_c, i) => Math.max(...rows.map((r) => r[i].length)))
  console.log('\ntimes in ms; SDK = wx-server-sdk → HTTP → emulator; baseline = better-sqlite3 in-process\n')
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '))
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  }
  const probe = { activityId: `act${Math.floor(ACTIVITIES / 2)}` }
  const explain = emu.store.explain('bench_parts', probe)
  console.log(`\nexplain ${JSON.stringify(probe)} over ${emu.store.count('bench_parts').toLocaleString()} documents:`, explain)
  if (explain.plan === 'scan') throw new Error('the indexed query scanned the collection')

  await emu.close()
  raw.close()
  rmSync(dir, { recursive: true, force: true })
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  },
)
