// Transactions through the real wx-server-sdk: db.runTransaction and db.startTransaction.
import { harness, rejection, type Harness } from './sdk'

let clock = Date.parse('2026-03-01T08:00:00Z')
let h: Harness

beforeAll(async () => {
  h = await harness({ now: () => clock, indexes: { collections: { accounts: [{ name: 'owner_1', keys: { owner: 1 }, unique: true }] } }, collections: ['ledger'] })
})
afterAll(async () => {
  await h.emu.close()
})
beforeEach(() => {
  h.emu.store.clear()
  h.emu.store.insertMany('accounts', [
    { _id: 'a', owner: 'oa', balance: 100 },
    { _id: 'b', owner: 'ob', balance: 0 },
  ])
})

const balance = (id: string): unknown => h.emu.store.get('accounts', id)?.balance

// CloudBase's own texts, which wx-server-sdk passes on inside its message (without the code).
const CONFLICT = /\[ResourceUnavailable\.TransactionConflict\] Transaction is conflict, maybe resource operated by others\./
const GONE = /\[ResourceUnavailable\.TransactionNotExist\] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds\./

/* eslint-disable @typescript-eslint/no-explicit-any */
type T = any

test('runTransaction commits every doc-level write atomically and returns the callback value', async () => {
  const result = await h.db.runTransaction(async (t: T) => {
    const a = await t.collection('accounts').doc('a').get()
    await t.collection('accounts').doc('a').update({ data: { balance: a.data.balance - 30 } })
    await t.collection('accounts').doc('b').update({ data: { balance: h._.inc(30) } })
    const added = await t.collection('ledger').add({ data: { from: 'a', to: 'b', amount: 30 } })
    await t.collection('ledger').doc('fixed').set({ data: { note: 'upserted inside the transaction' } })
    return added._id
  })
  expect(balance('a')).toBe(70)
  expect(balance('b')).toBe(30)
  expect(h.emu.store.get('ledger', result)).toEqual({ _id: result, from: 'a', to: 'b', amount: 30 })
  expect(h.emu.store.get('ledger', 'fixed')).toEqual({ _id: 'fixed', note: 'upserted inside the transaction' })
})

test('a thrown error rolls everything back and runTransaction rejects with it', async () => {
  const boom = new Error('insufficient funds')
  await expect(
    h.db.runTransaction(async (t: T) => {
      await t.collection('accounts').doc('a').update({ data: { balance: 0 } })
      await t.collection('ledger').add({ data: { _id: 'l1' } })
      await t.collection('accounts').doc('b').remove()
      throw boom
    }),
  ).rejects.toBe(boom)
  expect(balance('a')).toBe(100)
  expect(h.emu.store.get('accounts', 'b')).not.toBeNull()
  expect(h.emu.store.get('ledger', 'l1')).toBeNull()
})

test('isolation: outside readers never see uncommitted writes; the transaction sees its snapshot plus its own writes', async () => {
  const t = await h.db.startTransaction()
  // The snapshot is taken at start: a later outside write to b stays invisible inside.
  await h.db.collection('accounts').doc('b').update({ data: { balance: 5 } })
  await t.collection('accounts').doc('a').update({ data: { balance: 1 } })
  expect((await t.collection('accounts').doc('a').get()).data.balance).toBe(1)
  expect((await t.collection('accounts').doc('b').get()).data.balance).toBe(0)
  expect((await h.db.collection('accounts').doc('a').get()).data.balance).toBe(100)
  expect((await h.db.collection('accounts').where({ balance: 1 }).get()).data).toEqual([])
  expect(balance('a')).toBe(100)
  await t.commit()
  expect((await h.db.collection('accounts').doc('a').get()).data.balance).toBe(1)
  expect(balance('b')).toBe(5)
})

test('inside a transaction: missing doc get → null from the server, set upserts, add answers an id, remove', async () => {
  const lenient = h.cloud.database({ throwOnNotFound: false })
  const t = await lenient.startTransaction()
  expect((await t.collection('accounts').doc('nobody').get()).data).toBeNull()
  // with the default throwOnNotFound the SDK itself turns that null into a rejection
  const strict = await h.db.startTransaction()
  expect(await rejection(strict.collection('accounts').doc('nobody').get())).toMatch(/does not exist/)
  await strict.rollback()

  await t.collection('accounts').doc('c').set({ data: { owner: 'oc', balance: 7 } })
  const added = await t.collection('accounts').add({ data: { _id: 'd', owner: 'od' } })
  expect(added._id).toBe('d')
  expect((await t.collection('accounts').doc('c').get()).data).toEqual({ _id: 'c', owner: 'oc', balance: 7 })
  await t.collection('accounts').doc('b').remove()
  expect((await t.collection('accounts').doc('b').get()).data).toBeNull()
  expect(h.emu.store.get('accounts', 'c')).toBeNull()
  await t.commit()
  expect(h.emu.store.get('accounts', 'c')).toEqual({ _id: 'c', owner: 'oc', balance: 7 })
  expect(h.emu.store.get('accounts', 'd')).toEqual({ _id: 'd', owner: 'od' })
  expect(h.emu.store.get('accounts', 'b')).toBeNull()
})

test('rollback discards the writes', async () => {
  const t = await h.db.startTransaction()
  await t.collection('accounts').doc('a').update({ data: { balance: 0 } })
  await t.rollback()
  expect(balance('a')).toBe(100)
  // the ended transaction cannot be used again
  expect(await rejection(t.collection('accounts').doc('a').update({ data: { balance: 1 } }))).toMatch(GONE)
})

test('conflict at the write: the second transaction to write a document is rejected at once', async () => {
  const t1 = await h.db.startTransaction()
  const t2 = await h.db.startTransaction()
  const b1 = (await t1.collection('accounts').doc('a').get()).data.balance
  const b2 = (await t2.collection('accounts').doc('a').get()).data.balance
  await t1.collection('accounts').doc('a').update({ data: { balance: b1 + 1 } })
  expect(await rejection(t2.collection('accounts').doc('a').update({ data: { balance: b2 + 1 } }))).toMatch(CONFLICT)
  await t1.commit()
  // the conflicting transaction was aborted (MongoDB WriteConflict semantics)
  await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
  expect(balance('a')).toBe(101)

  // a transaction that started before another committed a change to the doc conflicts too
  const late = await h.db.startTransaction()
  await h.db.collection('accounts').doc('b').update({ data: { balance: 9 } })
  expect(await rejection(late.collection('accounts').doc('b').update({ data: { balance: 1 } }))).toMatch(CONFLICT)
  expect(balance('b')).toBe(9)
})

test('wx-server-sdk 4.0.2 drops the error code, so runTransaction does not retry write conflicts by itself', async () => {
  const increment = (): Promise<unknown> =>
    h.db.runTransaction(async (t: T) => {
      const doc = await t.collection('accounts').doc('b').get()
      await t.collection('accounts').doc('b').update({ data: { balance: doc.data.balance + 1 } })
    }, 10)
  const results = await Promise.allSettled(Array.from({ length: 5 }, increment))
  const ok = results.filter((r) => r.status === 'fulfilled').length
  const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
  expect(ok).toBeGreaterThanOrEqual(1)
  expect(failed.length).toBeGreaterThanOrEqual(1)
  for (const f of failed) {
    expect(f.reason.errCode).toBe(-501001)
    expect(f.reason.code).toBeUndefined()
    expect(f.reason.errMsg).toMatch(CONFLICT)
  }
  // never a lost update: the balance counts exactly the committed increments
  expect(balance('b')).toBe(ok)
})

test('20 concurrent increments all apply once the callback hands the conflict code back to runTransaction', async () => {
  let attempts = 0
  const increment = (): Promise<unknown> =>
    h.db.runTransaction(async (t: T) => {
      attempts++
      try {
        const doc = await t.collection('accounts').doc('b').get()
        await t.collection('accounts').doc('b').update({ data: { balance: doc.data.balance + 1 } })
      } catch (e) {
        const msg = String((e as { errMsg?: string }).errMsg ?? e)
        // @cloudbase/database retries only errors whose `code` is DATABASE_TRANSACTION_CONFLICT
        if (CONFLICT.test(msg)) throw { code: 'DATABASE_TRANSACTION_CONFLICT', message: msg }
        throw e
      }
    }, 50)
  const results = await Promise.allSettled(Array.from({ length: 20 }, increment))
  expect(results.filter((r) => r.status === 'rejected')).toEqual([])
  expect(balance('b')).toBe(20)
  expect(attempts).toBeGreaterThan(20)
})

test('a plain write to a document held by a live transaction waits for it to end', async () => {
  const t = await h.db.startTransaction()
  await t.collection('accounts').doc('a').update({ data: { balance: h._.inc(-10) } })
  let outsideDone = false
  const outside = h.db
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: h._.inc(1) } })
    .then(() => {
      outsideDone = true
    })
  await new Promise((r) => setTimeout(r, 50))
  expect(outsideDone).toBe(false)
  await t.commit()
  await outside
  expect(balance('a')).toBe(91)
})

test('a transaction that only matched a document (no-op update, duplicate add) releases it when it ends', async () => {
  const t = await h.db.startTransaction()
  expect((await t.collection('accounts').doc('a').update({ data: { balance: 100 } })).stats).toEqual({ updated: 0 })
  expect(await rejection(t.collection('accounts').add({ data: { _id: 'b', owner: 'x' } }))).toMatch(/DATABASE_DUPLICATE_WRITE/)
  await t.rollback()
  await h.db.collection('accounts').doc('a').update({ data: { balance: 1 } })
  await h.db.collection('accounts').doc('b').update({ data: { balance: 2 } })
  expect([balance('a'), balance('b')]).toEqual([1, 2])
})

test('TRAP (as in CloudBase): a where().update() inside a transaction is not part of it and survives the rollback', async () => {
  // The SDK sends where().update() WITHOUT the transaction id, so the server runs it as a
  // normal write at once. Application code must use doc-level operations in transactions.
  await expect(
    h.db.runTransaction(async (t: T) => {
      await t.collection('accounts').doc('a').update({ data: { balance: 0 } })
      await t.collection('accounts').where({ _id: 'b' }).update({ data: { balance: 999 } })
      throw new Error('rollback please')
    }),
  ).rejects.toThrow('rollback please')
  expect(balance('a')).toBe(100)
  expect(balance('b')).toBe(999)
})

test('a unique index is enforced inside a transaction at the write', async () => {
  const t = await h.db.startTransaction()
  expect(await rejection(t.collection('accounts').add({ data: { _id: 'x', owner: 'oa' } }))).toMatch(/DATABASE_DUPLICATE_WRITE/)
  await t.rollback()
  const t2 = await h.db.startTransaction()
  // moving the owner away first frees the key within the same transaction
  await t2.collection('accounts').doc('a').update({ data: { owner: 'moved' } })
  await t2.collection('accounts').add({ data: { _id: 'x', owner: 'oa' } })
  await t2.commit()
  expect(h.emu.store.get('accounts', 'x')).toEqual({ _id: 'x', owner: 'oa' })
})

test('a transaction older than 30 s is gone: any use rejects with DATABASE_TRANSACTION_FAIL', async () => {
  const t = await h.db.startTransaction()
  await t.collection('accounts').doc('a').update({ data: { balance: 1 } })
  clock += 30_001
  expect(await rejection(t.collection('accounts').doc('a').get())).toMatch(GONE)
  await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
  expect(balance('a')).toBe(100)
  // its lock is released: a plain write goes through immediately
  await h.db.collection('accounts').doc('a').update({ data: { balance: 2 } })
  expect(balance('a')).toBe(2)
})
