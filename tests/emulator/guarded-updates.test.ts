// The single-document updates contended counters are built on, through the real SDK: a guarded
// `where({_id, n: _.lt(cap)}).update({n: _.inc(1)})` is atomic per document and reports 0 or 1
// truthfully, and a map of per-person keys can be added to, tested and removed key by key.
import { harness, type Harness } from './sdk'

let h: Harness

beforeAll(async () => {
  h = await harness({ collections: ['slots'] })
})
afterAll(async () => {
  await h.emu.close()
})
beforeEach(() => {
  h.emu.store.clear()
  h.emu.store.insertMany('slots', [{ _id: 'act', capacity: 20, signed: 0, seats: {} }])
})

const slot = (): Record<string, any> => h.emu.store.get('slots', 'act') as Record<string, any>

test('300 concurrent guarded increments: exactly 20 report updated 1, the rest 0, and the count stops at 20', async () => {
  const _ = h._
  const take = (): Promise<number> =>
    h.db
      .collection('slots')
      .where({ _id: 'act', signed: _.lt(20) })
      .update({ data: { signed: _.inc(1) } })
      .then((r: { stats: { updated: number } }) => r.stats.updated)
  const answers = await Promise.all(Array.from({ length: 300 }, take))
  expect(answers.filter((n) => n === 1)).toHaveLength(20)
  expect(answers.filter((n) => n === 0)).toHaveLength(280)
  expect(slot().signed).toBe(20)
}, 30_000)

test('a guarded decrement with _.inc(-1) frees exactly one place per success, never below 0', async () => {
  const _ = h._
  h.emu.store.upsert('slots', { _id: 'act', capacity: 20, signed: 3, seats: {} })
  const give = (): Promise<number> =>
    h.db
      .collection('slots')
      .where({ _id: 'act', signed: _.gt(0) })
      .update({ data: { signed: _.inc(-1) } })
      .then((r: { stats: { updated: number } }) => r.stats.updated)
  const answers = await Promise.all(Array.from({ length: 10 }, give))
  expect(answers.reduce((a, b) => a + b, 0)).toBe(3)
  expect(slot().signed).toBe(0)
})

test('a per-person key in a map: claimed once under a race with exists(false), with a server date inside', async () => {
  const _ = h._
  const claim = (who: string): Promise<number> =>
    h.db
      .collection('slots')
      .where({ _id: 'act', [`seats.${who}`]: _.exists(false), signed: _.lt(20) })
      .update({ data: { [`seats.${who}`]: { at: h.db.serverDate() }, signed: _.inc(1) } })
      .then((r: { stats: { updated: number } }) => r.stats.updated)
  const before = Date.now()
  const answers = await Promise.all([claim('pt_x'), claim('pt_x'), claim('pt_x'), claim('pt_y')])
  expect(answers.sort()).toEqual([0, 0, 1, 1])
  const doc = slot()
  expect(doc.signed).toBe(2)
  expect(Object.keys(doc.seats).sort()).toEqual(['pt_x', 'pt_y'])
  expect(doc.seats.pt_x.at).toBeInstanceOf(Date)
  expect(doc.seats.pt_x.at.getTime()).toBeGreaterThanOrEqual(before - 1000)
  // the other keys stayed: a nested object in update data merges, it does not replace the map
  await h.db.collection('slots').doc('act').update({ data: { seats: { pt_z: { at: h.db.serverDate() } } } })
  expect(Object.keys(slot().seats).sort()).toEqual(['pt_x', 'pt_y', 'pt_z'])
})

test("_.remove() on a nested map key removes that key only, and exists(true) sees the change", async () => {
  const _ = h._
  h.emu.store.upsert('slots', { _id: 'act', capacity: 20, signed: 2, seats: { pt_x: { at: new Date(1) }, pt_y: { at: new Date(2) } } })
  const release = (who: string): Promise<number> =>
    h.db
      .collection('slots')
      .where({ _id: 'act', [`seats.${who}`]: _.exists(true) })
      .update({ data: { [`seats.${who}`]: _.remove(), signed: _.inc(-1) } })
      .then((r: { stats: { updated: number } }) => r.stats.updated)
  expect(await Promise.all([release('pt_x'), release('pt_x')])).toEqual(expect.arrayContaining([0, 1]))
  expect(slot()).toEqual({ _id: 'act', capacity: 20, signed: 1, seats: { pt_y: { at: new Date(2) } } })
  // a doc-level remove of a key that is not there changes nothing and says so
  expect((await h.db.collection('slots').doc('act').update({ data: { 'seats.pt_x': _.remove() } })).stats.updated).toBe(0)
})

test('field({seats: false}) leaves the map out of a read and keeps every other field', async () => {
  h.emu.store.upsert('slots', { _id: 'act', capacity: 20, signed: 1, seats: { pt_x: { at: new Date(1) } }, title: 't' })
  const one = await h.db.collection('slots').doc('act').field({ seats: false }).get()
  expect(one.data).toEqual({ _id: 'act', capacity: 20, signed: 1, title: 't' })
  const many = await h.db.collection('slots').where({ _id: 'act' }).field({ seats: false }).get()
  expect(many.data).toEqual([{ _id: 'act', capacity: 20, signed: 1, title: 't' }])
})
