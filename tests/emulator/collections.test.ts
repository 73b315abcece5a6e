// A collection nobody created: CloudBase answers DATABASE_COLLECTION_NOT_EXIST to every read and
// write of it (add included), and wx-server-sdk maps that code to errCode -502005.
import { createEmulator } from '../../local/emulator'
import { failure, harness, post, type Harness } from './sdk'

let h: Harness

beforeAll(async () => {
  h = await harness({ collections: ['made'] })
})
afterAll(async () => {
  await h.emu.close()
})


const NOT_EXIST = '-502005 database collection not exists. [ResourceNotFound] Db or Table not exist: nobody_made. Please check your request, but if the problem persists, contact us.'

describe('reads and writes of a collection nobody created', () => {
  const c = () => h.db.collection('nobody_made')
  test.each([
    ['collection.get', () => c().get()],
    ['collection.get', () => c().where({ a: 1 }).get()],
    ['collection.count', () => c().count()],
    ['document.get', () => c().doc('x').get()],
    ['collection.add', () => c().add({ data: { a: 1 } })],
    ['document.set', () => c().doc('x').set({ data: { a: 1 } })],
    ['document.update', () => c().doc('x').update({ data: { a: 1 } })],
    ['collection.update', () => c().where({ a: 1 }).update({ data: { a: 2 } })],
    ['document.remove', () => c().doc('x').remove()],
    ['collection.remove', () => c().where({ a: 1 }).remove()],
  ])('%s answers DATABASE_COLLECTION_NOT_EXIST (errCode -502005)', async (api, call) => {
    const e = await failure(call())
    expect(e.errCode).toBe(-502005)
    expect(e.errMsg).toBe(`${api}:fail ${NOT_EXIST}`)
    expect(h.emu.store.collections()).not.toContain('nobody_made')
  })

  test('aggregate answers the same code on the wire', async () => {
    const raw = await post(h.emu.url, { action: 'database.aggregateDocuments', collectionName: 'nobody_made', stages: [] })
    expect(raw).toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST', message: NOT_EXIST.slice(NOT_EXIST.indexOf('[')) })
    const e = await failure(h.db.collection('nobody_made').aggregate().match({ a: 1 }).end())
    expect(String(e.errMsg ?? e.message)).toMatch(/\[ResourceNotFound\] Db or Table not exist: nobody_made\./)
  })

  test('inside a transaction too: get, add, set, update and remove', async () => {
    const t = await h.db.startTransaction()
    const c = t.collection('nobody_made')
    for (const call of [() => c.doc('x').get(), () => c.add({ data: { _id: 'x' } }), () => c.doc('x').set({ data: { a: 1 } }), () => c.doc('x').update({ data: { a: 1 } }), () => c.doc('x').remove()]) {
      expect((await failure(call())).errCode).toBe(-502005)
    }
    // the transaction itself goes on: its writes to a collection that exists commit
    await t.collection('made').add({ data: { _id: 'kept' } })
    await t.commit()
    expect(h.emu.store.get('made', 'kept')).toEqual({ _id: 'kept' })
    expect(h.emu.store.collections()).not.toContain('nobody_made')
  })

  test('once created (db.createCollection), the same calls work', async () => {
    await h.db.createCollection('later')
    expect((await h.db.collection('later').get()).data).toEqual([])
    expect((await h.db.collection('later').add({ data: { _id: 'l1' } }))._id).toBe('l1')
    expect((await h.db.collection('later').count()).total).toBe(1)
  })
})

describe('creating collections', () => {
  test('emulator option `collections` and Store.createCollections create each missing one with its declared indexes', async () => {
    const other = await harness({ collections: ['a'], indexes: { collections: { b: [{ name: 'k_1', keys: { k: 1 }, unique: true }] } } })
    try {
      expect(other.emu.store.collections()).toEqual(['a', 'b'])
      other.emu.store.insertMany('a', [{ _id: 'x' }])
      other.emu.store.createCollections(['a', 'c'])
      // an existing collection keeps its documents
      expect(other.emu.store.get('a', 'x')).toEqual({ _id: 'x' })
      expect(other.emu.store.collections()).toEqual(['a', 'b', 'c'])
      await other.db.collection('b').add({ data: { k: 1 } })
      expect(await failure(other.db.collection('b').add({ data: { k: 1 } }))).toMatchObject({ errMsg: expect.stringMatching(/duplicate key/) })
    } finally {
      await other.emu.close()
    }
  })

  test('a declared index alone does not create its collection; created, the collection gets the index', () => {
    const emu = createEmulator({ indexes: { collections: { z: [{ name: 'k_1', keys: { k: 1 } }] } } })
    try {
      expect(emu.store.collections()).toEqual([])
      emu.store.createCollections(['z'])
      expect(emu.store.explain('z', { k: 1 })).toEqual({ plan: 'index:k_1', candidates: 0 })
    } finally {
      emu.close()
    }
  })
})
