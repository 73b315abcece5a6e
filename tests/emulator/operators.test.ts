// Every query and update command the SDK can produce, and aggregation, through the real SDK.
import { harness, post, rejection, ids, type Harness } from './sdk'

let h: Harness

const PEOPLE = [
  { _id: 'p1', name: 'Li Lei', age: 17, tags: ['a', 'b'], scores: [80, 95], addr: { city: '阳城', zip: '048100' }, org: 'o1' },
  { _id: 'p2', name: 'Han Meimei', age: 22, tags: ['b'], scores: [60], addr: { city: '榆次', zip: '030600' }, org: 'o1', vip: true },
  { _id: 'p3', name: 'Wang Fang', age: 35, tags: [], scores: [], addr: { city: '阳城' }, org: 'o2', vip: false },
  { _id: 'p4', name: 'zhang wei', age: 28, tags: ['c', 'a', 'b'], scores: [70, 71, 72], org: null },
  { _id: 'p5', name: 'Zhao Lin', age: 40, items: [{ sku: 'x', qty: 2 }, { sku: 'y', qty: 9 }], org: 'o2' },
]

beforeAll(async () => {
  h = await harness({ indexes: { collections: { people: [{ name: 'age_1', keys: { age: 1 } }], places: [{ name: 'loc', keys: { loc: '2dsphere' } }] } } })
})
afterAll(async () => {
  await h.emu.close()
})
beforeEach(() => {
  h.emu.store.clear()
  h.emu.store.insertMany('people', PEOPLE)
})

const where = async (cond: unknown): Promise<unknown[]> =>
  ids((await h.db.collection('people').where(cond).orderBy('_id', 'asc').get()).data)

describe('query commands', () => {
  test('comparison: eq neq gt gte lt lte', async () => {
    const _ = h._
    expect(await where({ age: _.eq(22) })).toEqual(['p2'])
    expect(await where({ age: _.neq(22) })).toEqual(['p1', 'p3', 'p4', 'p5'])
    expect(await where({ age: _.gt(28) })).toEqual(['p3', 'p5'])
    expect(await where({ age: _.gte(28) })).toEqual(['p3', 'p4', 'p5'])
    expect(await where({ age: _.lt(22) })).toEqual(['p1'])
    expect(await where({ age: _.lte(22) })).toEqual(['p1', 'p2'])
    expect(await where({ age: _.gt(20).and(_.lt(30)) })).toEqual(['p2', 'p4'])
  })

  test('in / nin, on scalars and arrays', async () => {
    const _ = h._
    expect(await where({ age: _.in([17, 40, 99]) })).toEqual(['p1', 'p5'])
    expect(await where({ age: _.nin([17, 40]) })).toEqual(['p2', 'p3', 'p4'])
    expect(await where({ tags: _.in(['c']) })).toEqual(['p4'])
    expect(await where({ tags: 'b' })).toEqual(['p1', 'p2', 'p4'])
  })

  test('and / or / nor / not', async () => {
    const _ = h._
    expect(await where(_.or([{ age: _.lt(18) }, { vip: true }]))).toEqual(['p1', 'p2'])
    expect(await where(_.and([{ org: 'o1' }, { age: _.gt(20) }]))).toEqual(['p2'])
    expect(await where({ age: _.lt(18).or(_.gt(39)) })).toEqual(['p1', 'p5'])
    expect(await where(_.nor([{ org: 'o1' }, { org: 'o2' }]))).toEqual(['p4'])
    expect(await where({ age: _.not(_.gt(20)) })).toEqual(['p1'])
  })

  test('exists / size / all / mod / elemMatch', async () => {
    const _ = h._
    expect(await where({ vip: _.exists(true) })).toEqual(['p2', 'p3'])
    expect(await where({ addr: _.exists(false) })).toEqual(['p4', 'p5'])
    expect(await where({ tags: _.size(0) })).toEqual(['p3'])
    expect(await where({ tags: _.all(['a', 'b']) })).toEqual(['p1', 'p4'])
    expect(await where({ age: _.mod([5, 0]) })).toEqual(['p3', 'p5'])
    expect(await where({ items: _.elemMatch({ sku: 'y', qty: _.gt(5) }) })).toEqual(['p5'])
    expect(await where({ scores: _.elemMatch(_.gt(90)) })).toEqual(['p1'])
  })

  test('nested objects become dotted paths; null matches missing', async () => {
    const _ = h._
    expect(await where({ addr: { city: '阳城' } })).toEqual(['p1', 'p3'])
    expect(await where({ 'addr.zip': _.exists(true) })).toEqual(['p1', 'p2'])
    expect(await where({ org: null })).toEqual(['p4'])
    expect(await where({ 'items.sku': 'x' })).toEqual(['p5'])
  })

  test('regular expressions: db.RegExp and JS literals', async () => {
    expect(await where({ name: h.db.RegExp({ regexp: '^z', options: 'i' }) })).toEqual(['p4', 'p5'])
    expect(await where({ name: /^Li/ })).toEqual(['p1'])
    expect(await where({ name: h._.not(/a/) })).toEqual(['p1'])
    expect(await rejection(h.db.collection('people').where({ name: h.db.RegExp({ regexp: 'a b', options: 'x' }) }).get())).toMatch(
      /NOT_IMPLEMENTED/,
    )
  })

  test('geo queries need a 2dsphere index; with one they are NOT_IMPLEMENTED (no approximation)', async () => {
    const near = { geometry: new h.db.Geo.Point(112.4, 35.5), maxDistance: 1000 }
    expect(await rejection(h.db.collection('people').where({ loc: h._.geoNear(near) }).get())).toMatch(
      /DATABASE_REQUEST_FAILED.*unable to find index/,
    )
    expect(await rejection(h.db.collection('places').where({ loc: h._.geoNear(near) }).get())).toMatch(/NOT_IMPLEMENTED/)
  })

  test('where() with several conditions on an indexed field still applies all of them', async () => {
    const _ = h._
    expect(await where({ age: _.gte(17).and(_.lte(35)), org: 'o1' })).toEqual(['p1', 'p2'])
    expect(h.emu.store.explain('people', { age: { $gte: 17, $lte: 35 }, org: 'o1' })).toEqual({ plan: 'index:age_1', candidates: 4 })
  })
})

describe('update commands', () => {
  const update = async (id: string, data: unknown): Promise<Record<string, unknown> | null> => {
    await h.db.collection('people').doc(id).update({ data })
    return h.emu.store.get('people', id)
  }

  test('set / remove / inc / mul / max / min', async () => {
    const _ = h._
    expect(await update('p1', { addr: _.set({ city: '晋城' }) })).toMatchObject({ addr: { city: '晋城' } })
    expect((await update('p1', { addr: _.remove() }))!.addr).toBeUndefined()
    expect((await update('p1', { age: _.inc(2), bonus: _.inc(5) }))!).toMatchObject({ age: 19, bonus: 5 })
    expect((await update('p1', { age: _.mul(2), zero: _.mul(3) }))!).toMatchObject({ age: 38, zero: 0 })
    expect((await update('p1', { age: _.max(30) }))!.age).toBe(38)
    expect((await update('p1', { age: _.max(50) }))!.age).toBe(50)
    expect((await update('p1', { age: _.min(20) }))!.age).toBe(20)
  })

  test('push / pop / shift / unshift / addToSet / pull / pullAll', async () => {
    const _ = h._
    expect((await update('p1', { tags: _.push('c') }))!.tags).toEqual(['a', 'b', 'c'])
    expect((await update('p1', { tags: _.push(['d', 'e']) }))!.tags).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect((await update('p1', { tags: _.push({ each: ['z'], position: 1 }) }))!.tags).toEqual(['a', 'z', 'b', 'c', 'd', 'e'])
    expect((await update('p1', { tags: _.pop() }))!.tags).toEqual(['a', 'z', 'b', 'c', 'd'])
    expect((await update('p1', { tags: _.shift() }))!.tags).toEqual(['z', 'b', 'c', 'd'])
    expect((await update('p1', { tags: _.unshift(['y', 'x']) }))!.tags).toEqual(['y', 'x', 'z', 'b', 'c', 'd'])
    expect((await update('p1', { tags: _.addToSet('x') }))!.tags).toEqual(['y', 'x', 'z', 'b', 'c', 'd'])
    expect((await update('p1', { tags: _.addToSet('w') }))!.tags).toEqual(['y', 'x', 'z', 'b', 'c', 'd', 'w'])
    expect((await update('p1', { tags: _.pull('z') }))!.tags).toEqual(['y', 'x', 'b', 'c', 'd', 'w'])
    expect((await update('p1', { tags: _.pullAll(['y', 'w']) }))!.tags).toEqual(['x', 'b', 'c', 'd'])
    expect((await update('p1', { scores: _.pull(_.gt(90)) }))!.scores).toEqual([80])
    expect((await update('p5', { items: _.pull({ sku: 'x' }) }))!.items).toEqual([{ sku: 'y', qty: 9 }])
    expect((await update('p1', { scores: _.push({ each: [99, 10], sort: -1, slice: 2 }) }))!.scores).toEqual([99, 80])
    // $pop/$pull on a missing field change nothing
    expect(await h.db.collection('people').doc('p2').update({ data: { nothing: _.pop() } })).toMatchObject({ stats: { updated: 0 } })
  })

  test('rename and nested dotted paths, including array positions', async () => {
    const _ = h._
    expect(await update('p2', { name: _.rename('fullName') })).not.toHaveProperty('name')
    expect(h.emu.store.get('people', 'p2')).toMatchObject({ fullName: 'Han Meimei' })
    expect((await update('p2', { 'addr.city': '太原', 'deep.er.est': 1 }))!).toMatchObject({ addr: { city: '太原', zip: '030600' }, deep: { er: { est: 1 } } })
    expect((await update('p5', { 'items.1.qty': _.inc(1) }))!.items).toEqual([{ sku: 'x', qty: 2 }, { sku: 'y', qty: 10 }])
  })

  test('MongoDB errors: $inc on a string, $push on a non-array, conflicting paths, creating through a scalar', async () => {
    const _ = h._
    expect(await rejection(h.db.collection('people').doc('p1').update({ data: { name: _.inc(1) } }))).toMatch(/Cannot apply \$inc to a value of non-numeric type/)
    expect(await rejection(h.db.collection('people').doc('p1').update({ data: { name: _.push('x') } }))).toMatch(/must be an array/)
    expect(await rejection(h.db.collection('people').doc('p1').update({ data: { 'name.first': 'x' } }))).toMatch(/Cannot create field 'first'/)
    const raw = await post(h.emu.url, {
      action: 'database.modifyDocument',
      collectionName: 'people',
      queryType: 'DOC',
      query: JSON.stringify({ _id: 'p1' }),
      data: JSON.stringify({ $set: { addr: {} }, $inc: { 'addr.n': 1 } }),
      merge: true,
    })
    expect(raw.code).toBe('DATABASE_REQUEST_FAILED')
    expect(String(raw.message)).toMatch(/would create a conflict at 'addr'/)
    expect(h.emu.store.get('people', 'p1')).toEqual(PEOPLE[0])
  })

  test('where().update() with commands changes every match', async () => {
    const r = await h.db.collection('people').where({ org: 'o2' }).update({ data: { age: h._.inc(1) } })
    expect(r.stats.updated).toBe(2)
    expect(h.emu.store.find('people', { org: 'o2' }).map((d) => d.age)).toEqual([36, 41])
  })
})

describe('aggregate', () => {
  test('match → group → sort → limit', async () => {
    const $ = h._.aggregate
    const r = await h.db
      .collection('people')
      .aggregate()
      .match({ age: h._.gte(18) })
      .group({ _id: '$org', n: $.sum(1), avgAge: $.avg('$age') })
      .sort({ n: -1, _id: 1 })
      .limit(2)
      .end()
    expect(r.list).toEqual([
      { _id: 'o2', n: 2, avgAge: 37.5 },
      { _id: null, n: 1, avgAge: 28 },
    ])
  })

  test('project, unwind, count and lookup', async () => {
    const $ = h._.aggregate
    const unwound = await h.db.collection('people').aggregate().match({ _id: 'p4' }).unwind('$tags').project({ _id: 0, tags: 1 }).end()
    expect(unwound.list).toEqual([{ tags: 'c' }, { tags: 'a' }, { tags: 'b' }])
    const counted = await h.db.collection('people').aggregate().match({ org: 'o1' }).count('n').end()
    expect(counted.list).toEqual([{ n: 2 }])
    h.emu.store.insertMany('orgs', [{ _id: 'o1', name: '团县委' }])
    const joined = await h.db
      .collection('people')
      .aggregate()
      .match({ _id: 'p1' })
      .lookup({ from: 'orgs', localField: 'org', foreignField: '_id', as: 'orgDoc' })
      .project({ _id: 1, orgName: $.arrayElemAt(['$orgDoc.name', 0]) })
      .end()
    expect(joined.list).toEqual([{ _id: 'p1', orgName: '团县委' }])
  })

  test('write stages are NOT_IMPLEMENTED', async () => {
    const raw = await post(h.emu.url, {
      action: 'database.aggregateDocuments',
      collectionName: 'people',
      stages: [{ stageKey: '$out', stageValue: JSON.stringify('copy') }],
    })
    expect(raw.code).toBe('NOT_IMPLEMENTED')
  })
})

describe('where mingo 6.7.2 differs from MongoDB, the emulator answers as MongoDB does', () => {
  test('$elemMatch with a field condition matches documents among the elements, never scalars', async () => {
    const _ = h._
    h.emu.store.insertMany('people', [
      { _id: 'q1', items: [1, 2, 3] },
      { _id: 'q2', items: ['x', { sku: 'x', qty: 1 }] },
    ])
    expect(await where({ items: _.elemMatch({ sku: 'x' }) })).toEqual(['p5', 'q2'])
    expect(await where({ items: _.elemMatch({ qty: _.gt(0) }) })).toEqual(['p5', 'q2'])
    // operator-only criteria still apply to scalar elements
    expect(await where({ items: _.elemMatch(_.gte(3)) })).toEqual(['q1'])
  })

  const project = async (expr: Record<string, unknown>, when: Date | string): Promise<unknown> => {
    h.emu.store.insertMany('people', [{ _id: 'x', v: when }])
    const r = await h.db.collection('people').aggregate().match({ _id: 'x' }).project({ _id: 0, out: expr }).end()
    return (r.list[0] as { out: unknown }).out
  }

  test.each([
    ['2026-01-01T00:00:00Z', 0], // a Thursday: before the year's first Sunday
    ['2026-01-03T23:59:59Z', 0], // Saturday
    ['2026-01-04T00:00:00Z', 1], // the first Sunday starts week 1
    ['2023-01-01T00:00:00Z', 1], // the year starts on a Sunday
    ['2026-12-31T00:00:00Z', 52],
    ['2028-12-31T00:00:00Z', 53], // a leap year ending on a Sunday
  ])('$week of %s is %i (strftime %%U: weeks start on Sunday)', async (iso, week) => {
    expect(await project({ $week: '$v' }, new Date(iso))).toBe(week)
  })

  test('$substrBytes: a negative count takes the rest of the string; a range may end at its end', async () => {
    expect(await project({ $substrBytes: ['$v', 2, -1] }, 'abcdef')).toBe('cdef')
    h.emu.store.clear()
    expect(await project({ $substrBytes: ['$v', 3, -1] }, '团青通')).toBe('青通')
    h.emu.store.clear()
    expect(await project({ $substrBytes: ['$v', 0, 6] }, '团青')).toBe('团青')
    h.emu.store.clear()
    expect(await project({ $substrBytes: ['$v', 9, 2] }, 'abc')).toBe('')
    h.emu.store.clear()
    h.emu.store.insertMany('people', [{ _id: 'y', v: '团' }])
    const mid = await post(h.emu.url, {
      action: 'database.aggregateDocuments',
      collectionName: 'people',
      stages: [
        { stageKey: '$match', stageValue: JSON.stringify({ _id: 'y' }) },
        { stageKey: '$project', stageValue: JSON.stringify({ out: { $substrBytes: ['$v', 1, 1] } }) },
      ],
    })
    expect(mid.code).toBe('DATABASE_REQUEST_FAILED')
    expect(String(mid.message)).toMatch(/continuation byte/)
  })

  test('a projection of only $slice keeps every other field', async () => {
    const sliced = await h.db.collection('people').where({ _id: 'p4' }).field({ tags: h._.project.slice(2) }).get()
    expect(sliced.data).toEqual([{ ...PEOPLE[3], tags: ['c', 'a'] }])
    const last = await h.db.collection('people').doc('p4').field({ scores: h._.project.slice(-1) }).get()
    expect(last.data).toEqual({ ...PEOPLE[3], scores: [72] })
    const window = await h.db.collection('people').doc('p4').field({ scores: h._.project.slice([1, 1]), name: false }).get()
    const { name: _name, ...rest } = PEOPLE[3]
    expect(window.data).toEqual({ ...rest, scores: [71] })
    // beside an inclusion, only the included fields (and _id) remain, as in MongoDB
    const withInclusion = await h.db.collection('people').doc('p4').field({ tags: h._.project.slice(1), age: true }).get()
    expect(withInclusion.data).toEqual({ _id: 'p4', tags: ['c'], age: 28 })
  })
})

describe('what the emulator does not implement answers NOT_IMPLEMENTED', () => {
  test.each([
    ['$jsonSchema in a query', { action: 'database.getDocument', query: JSON.stringify({ $jsonSchema: { required: ['name'] } }) }],
    ['$indexOfCP in $expr', { action: 'database.getDocument', query: JSON.stringify({ $expr: { $gt: [{ $indexOfCP: ['$name', 'a'] }, 0] } }) }],
    [
      '$indexOfCP in $project',
      { action: 'database.aggregateDocuments', stages: [{ stageKey: '$project', stageValue: JSON.stringify({ i: { $indexOfCP: ['$name', 'a'] } }) }] },
    ],
  ])('%s', async (_what, req) => {
    const raw = await post(h.emu.url, { collectionName: 'people', ...req })
    expect(raw.code).toBe('NOT_IMPLEMENTED')
    expect(String(raw.message)).toMatch(/is not implemented by the local CloudBase emulator/)
  })
})
