// The database-call counter benches read: every database request the SDK sends counts once — a
// read, a write, a transaction's start, each operation inside it, its commit or abort.
import http from 'node:http'
import { harness, type Harness } from './sdk'

/* eslint-disable @typescript-eslint/no-explicit-any */

let h: Harness

beforeAll(async () => {
  h = await harness({ collections: ['things'] })
})
afterAll(async () => {
  await h.emu.close()
})
beforeEach(() => {
  h.emu.store.clear()
  h.emu.resetStats()
})

const http_ = (method: string, path: string): Promise<{ status: number; body: any }> =>
  new Promise((resolve, reject) => {
    const req = http.request(`http://127.0.0.1:${h.emu.port}${path}`, { method }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
    })
    req.on('error', reject)
    req.end()
  })

test('each SDK call that reaches the database counts once, by action; direct Store access does not count', async () => {
  h.emu.store.insertMany('things', [{ _id: 'a', n: 1 }])
  expect(h.emu.store.get('things', 'a')).not.toBeNull()
  await h.db.collection('things').doc('a').get()
  await h.db.collection('things').where({ n: 1 }).get()
  await h.db.collection('things').count()
  await h.db.collection('things').add({ data: { _id: 'b' } })
  await h.db.collection('things').doc('a').update({ data: { n: h._.inc(1) } })
  await h.db.collection('things').where({ _id: 'b' }).remove()
  await h.db.collection('things').aggregate().match({}).end()
  expect(h.emu.stats()).toEqual({
    calls: 7,
    byAction: {
      'database.getDocument': 2,
      'database.calculateDocument': 1,
      'database.insertDocument': 1,
      'database.modifyDocument': 1,
      'database.removeDocument': 1,
      'database.aggregateDocuments': 1,
    },
  })
})

test('a transaction counts its start, each operation inside it and its commit or abort; failed calls count too', async () => {
  await h.db.runTransaction(async (t: any) => {
    await t.collection('things').doc('x').set({ data: { n: 1 } })
    await t.collection('things').doc('x').get()
  })
  expect(h.emu.stats().calls).toBe(4) // start, set, get, commit
  h.emu.resetStats()
  await expect(
    h.db.runTransaction(async (t: any) => {
      await t.collection('things').doc('x').update({ data: { n: 2 } })
      throw new Error('changed my mind')
    }),
  ).rejects.toThrow('changed my mind')
  expect(h.emu.stats().byAction).toEqual({ 'database.startTransaction': 1, 'database.modifyDocument': 1, 'database.abortTransaction': 1 })
  h.emu.resetStats()
  await expect(h.db.collection('no_such_collection').get()).rejects.toMatchObject({ errCode: -502005 })
  expect(h.emu.stats().calls).toBe(1)
})

test('GET /__stats reads the counter and POST /__stats/reset zeroes it', async () => {
  await h.db.collection('things').count()
  await h.db.collection('things').count()
  expect(await http_('GET', '/__stats')).toEqual({ status: 200, body: { calls: 2, byAction: { 'database.calculateDocument': 2 } } })
  expect(await http_('POST', '/__stats/reset')).toEqual({ status: 200, body: { calls: 0, byAction: {} } })
  expect(h.emu.stats()).toEqual({ calls: 0, byAction: {} })
  // the answer is a copy: changing it changes nothing
  const s = h.emu.stats()
  s.calls = 99
  expect(h.emu.stats().calls).toBe(0)
})
