// The app's conflict detection (cloudfunctions/_core/runtime/db.ts) against what the real
// wx-server-sdk makes of CloudBase's conflict reply, which the emulator now sends word for word.
import { isConflict, transaction, type Db } from '../../cloudfunctions/_core/runtime/db'
import { failure, harness, type Harness } from './sdk'

let h: Harness

beforeAll(async () => {
  h = await harness({ collections: ['counters'] })
})
afterAll(async () => {
  await h.emu.close()
})
beforeEach(() => {
  h.emu.store.clear()
  h.emu.store.insertMany('counters', [{ _id: 'c', n: 0 }])
})

/* eslint-disable @typescript-eslint/no-explicit-any */

test('a write conflict inside a transaction reaches the app as an Error without code, errCode -501001 and CloudBase text: isConflict knows it', async () => {
  const t1 = await h.db.startTransaction()
  const t2 = await h.db.startTransaction()
  await t1.collection('counters').doc('c').update({ data: { n: 1 } })
  const e = await failure(t2.collection('counters').doc('c').update({ data: { n: 2 } }))
  await t1.commit()

  // The shape, as wx-server-sdk 4.0.2 builds it: the code is gone, only the message tells.
  expect(e).toBeInstanceOf(Error)
  expect(e.code).toBeUndefined()
  expect(e.errCode).toBe(-501001)
  expect(e.errMsg).toBe(
    'document.update:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  )
  // Nothing in it names DATABASE_TRANSACTION_CONFLICT: matching that code in the message never fired.
  expect(String(e.message)).not.toMatch(/DATABASE_TRANSACTION_CONFLICT/)
  expect(isConflict(e)).toBe(true)
})

test('a conflict found at commit comes back from runTransaction as the reply itself, code and all', async () => {
  const e = await failure(
    h.db.runTransaction(async (t: any) => {
      await t.collection('counters').doc('c').update({ data: { n: 1 } })
      // A direct write (no locks) changes the document before the commit.
      h.emu.store.upsert('counters', { _id: 'c', n: 7 })
    }, 0),
  )
  expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(isConflict(e)).toBe(true)
  expect(h.emu.store.get('counters', 'c')).toEqual({ _id: 'c', n: 7 })
})

test('other failures are not conflicts: an ended transaction, a duplicate, a thrown error', async () => {
  const t = await h.db.startTransaction()
  await t.rollback()
  const gone = await failure(t.collection('counters').doc('c').update({ data: { n: 1 } }))
  expect(gone.errMsg).toMatch(/\[ResourceUnavailable\.TransactionNotExist\]/)
  expect(isConflict(gone)).toBe(false)
  expect(isConflict(await failure(h.db.collection('counters').add({ data: { _id: 'c' } })))).toBe(false)
  expect(isConflict(new Error('boom'))).toBe(false)
  expect(isConflict(null)).toBe(false)
})

test('transaction() retries conflicts until 20 concurrent read-modify-writes all apply', async () => {
  const db = h.db as Db
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, () =>
      transaction(
        db,
        async (tx) => {
          const doc = await tx.collection('counters').doc('c').get()
          await tx.collection('counters').doc('c').update({ data: { n: (doc.data as { n: number }).n + 1 } })
        },
        50,
      ),
    ),
  )
  expect(results.filter((r) => r.status === 'rejected')).toEqual([])
  expect(h.emu.store.get('counters', 'c')).toEqual({ _id: 'c', n: 20 })
})
