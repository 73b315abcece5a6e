// CRUD, limits, projection, count, serverDate and errors through the real wx-server-sdk.
import { harness, post, rejection, ids, type Harness } from './sdk'

const NOW = Date.parse('2026-03-01T08:00:00Z')
let clock = NOW
let h: Harness

beforeAll(async () => {
  h = await harness({
    now: () => clock,
    indexes: {
      collections: {
        users: [{ name: 'openid_1', keys: { openid: 1 }, unique: true }],
        items: [{ name: 'cat_1', keys: { cat: 1 } }],
      },
    },
  })
})

afterAll(async () => {
  await h.emu.close()
})

beforeEach(() => {
  h.emu.store.clear()
  clock = NOW
})

describe('documents', () => {
  test('add → doc().get() round-trips values, dates and nested objects', async () => {
    const when = new Date('2025-05-04T03:02:01.123Z')
    const added = await h.db.collection('items').add({
      data: { title: '青年之家', n: 3, f: 1.5, ok: true, none: null, when, nested: { a: [1, { b: 'x' }] } },
    })
    expect(added._id).toMatch(/^[0-9a-f]{32}$/)
    const got = await h.db.collection('items').doc(added._id).get()
    expect(got.data).toEqual({ _id: added._id, title: '青年之家', n: 3, f: 1.5, ok: true, none: null, when, nested: { a: [1, { b: 'x' }] } })
    expect(got.data.when).toBeInstanceOf(Date)
    // what the emulator stores is what the SDK wrote
    expect(h.emu.store.get('items', added._id)).toEqual(got.data)
  })

  test('add with an explicit _id, and batch add returns every id', async () => {
    expect((await h.db.collection('items').add({ data: { _id: 'fixed', n: 1 } }))._id).toBe('fixed')
    const batch = await h.db.collection('items').add({ data: [{ n: 2 }, { _id: 'b2', n: 3 }] })
    expect(batch._ids).toHaveLength(2)
    expect(batch._ids[1]).toBe('b2')
    expect(h.emu.store.count('items')).toBe(3)
  })

  test('doc().get() of a missing document rejects; with throwOnNotFound:false it gives null', async () => {
    expect(await rejection(h.db.collection('items').doc('nope').get())).toMatch(/document with _id nope does not exist/)
    const lenient = h.cloud.database({ throwOnNotFound: false })
    expect((await lenient.collection('items').doc('nope').get()).data).toBeNull()
  })

  test('doc().set() upserts a missing document and replaces an existing one', async () => {
    const created = await h.db.collection('items').doc('s1').set({ data: { a: 1, b: 2 } })
    expect(created.stats).toEqual({ updated: 0, created: 1 })
    const replaced = await h.db.collection('items').doc('s1').set({ data: { c: 3 } })
    expect(replaced.stats).toEqual({ updated: 1, created: 0 })
    expect(h.emu.store.get('items', 's1')).toEqual({ _id: 's1', c: 3 })
    // CloudBase counts a set() of an existing document as updated even when nothing changed
    // (update() with the same values counts 0, below), inside a transaction too
    expect((await h.db.collection('items').doc('s1').set({ data: { c: 3 } })).stats).toEqual({ updated: 1, created: 0 })
    const t = await h.db.startTransaction()
    expect((await t.collection('items').doc('s1').set({ data: { c: 3 } })).stats).toEqual({ updated: 1, created: 0 })
    await t.commit()
    expect(h.emu.store.get('items', 's1')).toEqual({ _id: 's1', c: 3 })
  })

  test('doc().update() merges fields, counts modified docs, and updates nothing when missing', async () => {
    h.emu.store.insertMany('items', [{ _id: 'u1', a: 1, nested: { x: 1, y: 2 } }])
    const r = await h.db.collection('items').doc('u1').update({ data: { b: 2, nested: { y: 20 } } })
    expect(r.stats).toEqual({ updated: 1 })
    expect(h.emu.store.get('items', 'u1')).toEqual({ _id: 'u1', a: 1, b: 2, nested: { x: 1, y: 20 } })
    // same values again: MongoDB counts modified documents, so 0
    expect((await h.db.collection('items').doc('u1').update({ data: { b: 2 } })).stats).toEqual({ updated: 0 })
    expect((await h.db.collection('items').doc('missing').update({ data: { b: 2 } })).stats).toEqual({ updated: 0 })
    expect(h.emu.store.get('items', 'missing')).toBeNull()
  })

  test('where().update() and where().remove() report counts', async () => {
    h.emu.store.insertMany('items', [
      { _id: '1', cat: 'a', n: 1 },
      { _id: '2', cat: 'a', n: 2 },
      { _id: '3', cat: 'b', n: 3 },
    ])
    const upd = await h.db.collection('items').where({ cat: 'a' }).update({ data: { seen: true } })
    expect(upd.stats).toEqual({ updated: 2 })
    expect(h.emu.store.find('items', { seen: true }).map((d) => d._id)).toEqual(['1', '2'])
    const rem = await h.db.collection('items').where({ n: h._.gte(2) }).remove()
    expect(rem.stats).toEqual({ removed: 2 })
    expect(ids(h.emu.store.find('items'))).toEqual(['1'])
    expect((await h.db.collection('items').doc('1').remove()).stats).toEqual({ removed: 1 })
    expect((await h.db.collection('items').doc('1').remove()).stats).toEqual({ removed: 0 })
  })

  test('an update cannot change _id', async () => {
    h.emu.store.insertMany('items', [{ _id: 'i1', n: 1 }])
    const raw = await post(h.emu.url, {
      action: 'database.modifyDocument',
      collectionName: 'items',
      queryType: 'DOC',
      query: JSON.stringify({ _id: 'i1' }),
      data: JSON.stringify({ $set: { _id: 'other' } }),
      merge: true,
    })
    expect(raw.code).toBe('DATABASE_REQUEST_FAILED')
    expect(String(raw.message)).toMatch(/immutable field '_id'/)
    expect(h.emu.store.get('items', 'i1')).toEqual({ _id: 'i1', n: 1 })
  })
})

describe('queries', () => {
  beforeEach(() => {
    h.emu.store.insertMany(
      'items',
      Array.from({ length: 1200 }, (_, i) => ({ _id: `d${String(i).padStart(4, '0')}`, i, cat: `c${i % 3}`, big: 'x'.repeat(10) })),
    )
  })

  test('get() without limit returns 100; limit(n) up to 1000; the server clamps larger limits', async () => {
    expect((await h.db.collection('items').get()).data).toHaveLength(100)
    expect((await h.db.collection('items').limit(1000).get()).data).toHaveLength(1000)
    expect((await h.db.collection('items').limit(5000).get()).data).toHaveLength(1000)
    // a raw request asking for more than 1000 (the SDK would clamp first)
    const raw = await post(h.emu.url, { action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', limit: 5000 })
    expect((raw.data as { list: unknown[] }).list).toHaveLength(1000)
    const noLimit = await post(h.emu.url, { action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE' })
    expect((noLimit.data as { list: unknown[] }).list).toHaveLength(100)
  })

  test('orderBy + skip + limit + field', async () => {
    const r = await h.db
      .collection('items')
      .where({ cat: 'c1' })
      .orderBy('i', 'desc')
      .skip(2)
      .limit(3)
      .field({ i: true })
      .get()
    expect(r.data).toEqual([
      { _id: 'd1192', i: 1192 },
      { _id: 'd1189', i: 1189 },
      { _id: 'd1186', i: 1186 },
    ])
    const two = await h.db.collection('items').orderBy('cat', 'desc').orderBy('i', 'asc').limit(2).field({ big: false }).get()
    expect(two.data).toEqual([
      { _id: 'd0002', i: 2, cat: 'c2' },
      { _id: 'd0005', i: 5, cat: 'c2' },
    ])
    const doc = await h.db.collection('items').doc('d0007').field({ cat: true, _id: false }).get()
    expect(doc.data).toEqual({ cat: 'c1' })
  })

  test('count() with and without a filter', async () => {
    expect((await h.db.collection('items').count()).total).toBe(1200)
    expect((await h.db.collection('items').where({ cat: 'c2' }).count()).total).toBe(400)
    expect((await h.db.collection('items').where({ i: h._.lt(10), cat: 'c0' }).count()).total).toBe(4)
  })
})

describe('serverDate', () => {
  test('add, set and update resolve db.serverDate() (and its offset) to the server clock', async () => {
    const { _id } = await h.db.collection('items').add({ data: { at: h.db.serverDate(), later: h.db.serverDate({ offset: 60_000 }) } })
    expect(h.emu.store.get('items', _id)).toEqual({ _id, at: new Date(NOW), later: new Date(NOW + 60_000) })
    clock = NOW + 5_000
    await h.db.collection('items').doc(_id).update({ data: { at: h.db.serverDate() } })
    expect((await h.db.collection('items').doc(_id).get()).data.at).toEqual(new Date(NOW + 5_000))
    clock = NOW + 9_000
    await h.db.collection('items').doc('s').set({ data: { at: h.db.serverDate() } })
    expect(h.emu.store.get('items', 's')!.at).toEqual(new Date(NOW + 9_000))
  })

  test('dates compare as dates in queries', async () => {
    h.emu.store.insertMany('items', [
      { _id: 'old', at: new Date(NOW - 1000) },
      { _id: 'new', at: new Date(NOW + 1000) },
      { _id: 'num', at: NOW + 5000 },
    ])
    const r = await h.db.collection('items').where({ at: h._.gt(new Date(NOW)) }).get()
    expect(ids(r.data)).toEqual(['new'])
    const s = await h.db.collection('items').where({ at: h._.lt(h.db.serverDate()) }).get()
    expect(ids(s.data)).toEqual(['old'])
  })
})

describe('errors', () => {
  test('duplicate _id → DATABASE_DUPLICATE_WRITE', async () => {
    await h.db.collection('items').add({ data: { _id: 'dup', n: 1 } })
    const msg = await rejection(h.db.collection('items').add({ data: { _id: 'dup', n: 2 } }))
    expect(msg).toMatch(/DATABASE_DUPLICATE_WRITE/)
    expect(msg).toMatch(/E11000 duplicate key error collection: local\.items index: _id_/)
    expect(h.emu.store.get('items', 'dup')).toEqual({ _id: 'dup', n: 1 })
  })

  test('the server answers with CloudBase error shape and code', async () => {
    await h.db.collection('items').add({ data: { _id: 'dup' } })
    const raw = await post(h.emu.url, { action: 'database.insertDocument', collectionName: 'items', data: [JSON.stringify({ _id: 'dup' })] })
    expect(raw).toEqual({ requestId: expect.any(String), code: 'DATABASE_DUPLICATE_WRITE', message: expect.stringMatching(/^\[DATABASE_DUPLICATE_WRITE\] E11000/) })
  })

  test('unique index: a second insert or an update onto a taken value → DATABASE_DUPLICATE_WRITE', async () => {
    await h.db.collection('users').add({ data: { _id: 'u1', openid: 'o1' } })
    await h.db.collection('users').add({ data: { _id: 'u2', openid: 'o2' } })
    expect(await rejection(h.db.collection('users').add({ data: { _id: 'u3', openid: 'o1' } }))).toMatch(
      /DATABASE_DUPLICATE_WRITE.*index: openid_1 dup key: \{ openid: "o1" \}/,
    )
    expect(await rejection(h.db.collection('users').doc('u2').update({ data: { openid: 'o1' } }))).toMatch(/DATABASE_DUPLICATE_WRITE/)
    expect(h.emu.store.get('users', 'u2')).toEqual({ _id: 'u2', openid: 'o2' })
    expect(h.emu.store.get('users', 'u3')).toBeNull()
    // MongoDB: a missing field is a null key, so only one document may lack it
    await h.db.collection('users').add({ data: { _id: 'n1' } })
    expect(await rejection(h.db.collection('users').add({ data: { _id: 'n2' } }))).toMatch(/DATABASE_DUPLICATE_WRITE/)
  })

  test('a batch add stops at the first duplicate, keeping what came before (ordered insert)', async () => {
    await h.db.collection('items').add({ data: { _id: 'b' } })
    expect(await rejection(h.db.collection('items').add({ data: [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }] }))).toMatch(/DATABASE_DUPLICATE_WRITE/)
    expect(ids(h.emu.store.find('items', {}, { sort: { _id: 1 } }))).toEqual(['a', 'b'])
  })

  test('an unknown action answers NOT_IMPLEMENTED', async () => {
    const raw = await post(h.emu.url, { action: 'database.frobnicate', collectionName: 'items' })
    expect(raw.code).toBe('NOT_IMPLEMENTED')
    expect(raw.requestId).toEqual(expect.any(String))
  })

  test('a where() query inside a transaction answers NOT_IMPLEMENTED (doc-level operations only)', async () => {
    const t = await h.db.startTransaction()
    expect(await rejection(t.collection('items').where({ n: 1 }).get())).toMatch(/NOT_IMPLEMENTED/)
    await t.rollback()
  })

  test('a request for another env is refused', async () => {
    const raw = await post(h.emu.url, { action: 'database.getDocument', envName: 'prod-123', collectionName: 'items' })
    expect(raw.code).toBe('INVALID_ENV')
  })

  test('malformed EJSON and unsupported EJSON types are errors, not guesses', async () => {
    const bad = await post(h.emu.url, { action: 'database.getDocument', collectionName: 'items', query: '{oops' })
    expect(bad.code).toBe('INVALID_PARAM')
    const oid = await post(h.emu.url, {
      action: 'database.getDocument',
      collectionName: 'items',
      query: JSON.stringify({ _id: { $oid: '5f0000000000000000000000' } }),
    })
    expect(oid.code).toBe('NOT_IMPLEMENTED')
  })

  test('createCollection creates once, then DATABASE_COLLECTION_ALREADY_EXIST', async () => {
    await h.db.createCollection('fresh_coll')
    expect(h.emu.store.collections()).toContain('fresh_coll')
    await expect(h.db.createCollection('fresh_coll')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' })
    expect(await rejection(h.db.createCollection('fresh_coll'))).toMatch(/\[ResourceUnavailable\.ResourceExist\] Table exist/)
  })
})
