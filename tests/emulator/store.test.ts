// The direct Store API, index use, persistence, and that the SDK really talks to the emulator.
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createEmulator, sdkEnv, startEmulator, type IndexManifest } from '../../local/emulator'

const MANIFEST: IndexManifest = {
  collections: {
    parts: [
      { name: 'activityId_1', keys: { activityId: 1 } },
      { name: 'openid_1_at_-1', keys: { openid: 1, at: -1 } },
      { name: 'tags_1', keys: { tags: 1 } },
    ],
    plain: [],
  },
}

describe('indexes and planning', () => {
  const emu = createEmulator({ indexes: MANIFEST })
  const N = 6_000
  const t0 = Date.parse('2026-01-01T00:00:00Z')
  const docs = Array.from({ length: N }, (_, i) => ({
    _id: `p${i}`,
    activityId: `act${i % 300}`,
    openid: `o${i % 1000}`,
    at: new Date(t0 + i * 60_000),
    n: i,
    ...(i % 7 === 0 ? { tags: [`t${i % 5}`, `t${(i + 1) % 5}`] } : {}),
  }))

  beforeAll(() => {
    emu.store.insertMany('parts', docs)
    emu.store.insertMany('plain', docs)
  })
  afterAll(() => emu.close())

  test('an indexed equality reads only its candidates, not the collection', () => {
    expect(emu.store.explain('parts', { activityId: 'act7' })).toEqual({ plan: 'index:activityId_1', candidates: N / 300 })
    expect(emu.store.explain('parts', { _id: { $in: ['p1', 'p2', 'nope'] } })).toEqual({ plan: 'id', candidates: 2 })
    expect(emu.store.explain('parts', { n: 5 })).toEqual({ plan: 'scan', candidates: N })
    expect(emu.store.explain('parts', { openid: { $in: ['o1', 'o2'] }, n: { $gt: 0 } })).toEqual({ plan: 'index:openid_1_at_-1', candidates: (2 * N) / 1000 })
    expect(emu.store.explain('parts', { tags: 't3' }).plan).toBe('index:tags_1')
  })

  test('indexed and unindexed collections answer every query identically', () => {
    const queries: Array<[Record<string, unknown>, Record<string, 1 | -1> | undefined, number | undefined]> = [
      [{ activityId: 'act3' }, undefined, undefined],
      [{ activityId: { $in: ['act3', 'act299', 'none'] } }, { n: -1 }, 50],
      [{ openid: 'o5' }, { at: -1 }, 7],
      [{ openid: 'o5', at: { $gte: new Date(t0 + 5_000 * 60_000) } }, { at: 1 }, 3],
      [{ at: { $gt: new Date(t0 + 100 * 60_000), $lte: new Date(t0 + 200 * 60_000) } }, { at: -1 }, 20],
      [{ tags: 't2' }, { n: 1 }, 30],
      [{ tags: { $in: ['t0', 't4'] }, n: { $lt: 500 } }, undefined, undefined],
      [{ tags: null }, { n: 1 }, 5],
      [{ activityId: { $gte: 'act5', $lt: 'act6' } }, { activityId: 1, n: -1 }, 25],
      [{}, { at: -1 }, 10],
      [{}, { activityId: -1, n: 1 }, 15],
      [{ n: { $gte: 100 } }, { activityId: 1, n: -1 }, 12],
      [{ openid: { $in: ['o7', 'o8'] } }, { openid: 1, at: -1 }, 9],
      [{ $and: [{ activityId: 'act1' }, { n: { $gt: 1000 } }] }, { n: 1 }, 4],
    ]
    for (const [filter, sort, limit] of queries) {
      // Without a sort the order is the plan's (index order vs insertion order), as in MongoDB.
      const bySort = sort ?? { _id: 1 }
      const a = emu.store.find('parts', filter, { sort, limit })
      const b = emu.store.find('plain', filter, { sort, limit })
      const order = (docs: typeof a): typeof a => (sort ? docs : emu.store.find('plain', { _id: { $in: docs.map((d) => d._id) } }, { sort: bySort }))
      expect(order(a)).toEqual(order(b))
      expect(a.length).toBeGreaterThan(0)
      expect(emu.store.count('parts', filter)).toBe(emu.store.count('plain', filter))
    }
  })

  test('a multikey range uses one bound only, so no match is lost', () => {
    emu.store.upsert('parts', { _id: 'mk', activityId: 'x', tags: ['a', 'z'] })
    // 'a' satisfies $lt, 'z' satisfies $gt: MongoDB matches though no single element is in range
    expect(emu.store.find('parts', { tags: { $gt: 'm', $lt: 'b' } }).map((d) => d._id)).toEqual(['mk'])
    emu.store.remove('parts', { _id: 'mk' })
    expect(emu.store.get('parts', 'mk')).toBeNull()
  })

  test('index entries follow updates and removals', () => {
    emu.store.upsert('parts', { _id: 'p10', activityId: 'moved', n: 10 })
    expect(emu.store.find('parts', { activityId: 'moved' }).map((d) => d._id)).toEqual(['p10'])
    expect(emu.store.count('parts', { activityId: 'act10' })).toBe(N / 300 - 1)
    expect(emu.store.remove('parts', { activityId: 'moved' })).toBe(1)
    expect(emu.store.explain('parts', { activityId: 'moved' }).candidates).toBe(0)
  })

  test('insertMany is all or nothing', () => {
    expect(() => emu.store.insertMany('parts', [{ _id: 'new1' }, { _id: 'p1' }])).toThrow(/DATABASE_DUPLICATE_WRITE/)
    expect(emu.store.get('parts', 'new1')).toBeNull()
  })

  test('collections() lists declared and written collections', () => {
    expect(emu.store.collections()).toEqual(['parts', 'plain'])
  })
})

describe('persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tq-emulator-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('data written through the SDK survives closing and reopening the same file', async () => {
    const file = join(dir, 'local.sqlite')
    const first = await startEmulator({ file, indexes: MANIFEST, collections: ['parts'] })
    Object.assign(process.env, sdkEnv(first.url))
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const db = cloud.database()
    await db.collection('parts').add({ data: { _id: 'kept', activityId: 'a1', at: new Date(5) } })
    await db.collection('parts').doc('kept').update({ data: { n: db.command.inc(1) } })
    await first.close()

    // the collection itself is part of the file: reopened without being named, it still exists
    const second = createEmulator({ file, indexes: MANIFEST })
    expect(second.store.collections()).toEqual(['parts'])
    expect(second.store.get('parts', 'kept')).toEqual({ _id: 'kept', activityId: 'a1', at: new Date(5), n: 1 })
    expect(second.store.explain('parts', { activityId: 'a1' })).toEqual({ plan: 'index:activityId_1', candidates: 1 })
    second.close()
  })

  test('a changed index manifest rebuilds the index from the stored documents', () => {
    const file = join(dir, 'reindex.sqlite')
    const a = createEmulator({ file, indexes: { collections: { c: [] } } })
    a.store.insertMany('c', [{ _id: '1', k: 'x' }, { _id: '2', k: 'x' }, { _id: '3', k: 'y' }])
    a.close()
    const b = createEmulator({ file, indexes: { collections: { c: [{ name: 'k_1', keys: { k: 1 } }] } } })
    expect(b.store.explain('c', { k: 'x' })).toEqual({ plan: 'index:k_1', candidates: 2 })
    b.close()
    expect(() => createEmulator({ file, indexes: { collections: { c: [{ name: 'k_1', keys: { k: 1 }, unique: true }] } } })).toThrow(
      /DATABASE_DUPLICATE_WRITE/,
    )
  })
})

describe('the SDK honours TCB_CONTEXT_CNFG', () => {
  test('every database call arrives at the URL in TCB_CONTEXT_CNFG', async () => {
    const emu = createEmulator({ indexes: MANIFEST, env: 'smoke-env', collections: ['plain'] })
    const seen: string[] = []
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${(req.url ?? '').split('?')[0]}`)
      emu.handle(req, res)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`
    Object.assign(process.env, sdkEnv(url, 'smoke-env'))
    jest.resetModules()
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const db = cloud.database()
    const { _id } = await db.collection('plain').add({ data: { via: 'sdk' } })
    const got = await db.collection('plain').doc(_id).get()
    expect(got.data).toEqual({ _id, via: 'sdk' })
    expect(seen).toEqual(['POST /admin', 'POST /admin'])
    expect(emu.store.get('plain', _id)).toEqual({ _id, via: 'sdk' })
    await new Promise<void>((r) => {
      server.close(() => r())
      server.closeAllConnections()
    })
    emu.close()
  })
})

describe('planner', () => {
  test('applies the rest of an $and after an indexed lookup (the $or is not dropped)', async () => {
    const emu = createEmulator({ indexes: { collections: { things: [{ name: 'org_1', keys: { org: 1 } }] } } })
    try {
      emu.store.insertMany('things', [
        { _id: 'a', org: 'x', n: 1 },
        { _id: 'b', org: 'x', n: 2 },
        { _id: 'c', org: 'x', n: 3 },
        { _id: 'd', org: 'y', n: 1 },
      ])
      const got = emu.store.find('things', { $and: [{ org: 'x' }, { $or: [{ n: 1 }, { n: 3 }] }] }).map((d) => d._id)
      expect(got.sort()).toEqual(['a', 'c'])
    } finally {
      emu.close()
    }
  })
})
