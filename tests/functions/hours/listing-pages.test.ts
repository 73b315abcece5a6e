import { creditIdFor } from '../../../cloudfunctions/_core/ledger/ledger.rules'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { attendanceDoc, ended, HOUR, putActivity } from '../../fixtures/activities'
import { ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { putDeclaration } from './fixtures'

/**
 * myRecords, reviewQueue and listLedger read one page by a declared index (database/indexes.json)
 * and enrich only that page: walked to the end they give every record once, in order, and the
 * number of database reads does not grow with the number of records.
 */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const MIN = 60_000
const store = () => cloud.emulator.store

/** Reads of the SDK (database.getDocument) while `run` runs. */
async function readsDuring(run: () => Promise<unknown>): Promise<number> {
  cloud.emulator.resetStats()
  await run()
  return cloud.emulator.stats().byAction['database.getDocument'] ?? 0
}

async function walk<T>(page: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = []
  let cursor: string | undefined
  for (let n = 0; n < 500; n++) {
    const p = await page(cursor)
    all.push(...p.items)
    if (!p.nextCursor) return all
    cursor = p.nextCursor
  }
  throw new Error('paging did not end')
}

describe('myRecords', () => {
  const youth = 'y-pages'
  beforeAll(() => {
    const a = putActivity(cloud, ended('lp-act', { pointsPerHour: 2, orgId: 'yuci' }))
    // 30 attended records, every 5 hours back, some approved (with their credit), some pending.
    const parts = Array.from({ length: 30 }, (_, i) => {
      const checkIn = TEST_NOW - (i + 1) * 5 * HOUR
      const p = attendanceDoc(cloud, a, youth, { minutes: 90, review: i % 3 === 0 ? 'approved' : 'pending' })
      return { ...p, _id: `pt_lp_${String(i).padStart(2, '0')}`, checkIn: { ...p.checkIn!, at: checkIn }, checkOut: { ...p.checkOut!, at: checkIn + 90 * MIN }, approvals: i % 3 === 0 ? 1 : 0, approvedMinutes: i % 3 === 0 ? 90 : 0 }
    })
    store().insertMany(COLLECTIONS.participations, parts)
    store().insertMany(
      COLLECTIONS.ledgerEntries,
      parts
        .filter((p) => p.review === 'approved')
        .map((p) => ({ _id: creditIdFor(p._id, 1), accountId: p.userId, openid: youth, amount: 3, kind: 'credit', title: '参加活动', ref: { type: 'participation', id: p._id }, reverses: null, orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], at: p.checkOut!.at })),
    )
    // One that never entered review, and 12 declarations on days in between (one on a day start exactly between attendances).
    store().insertMany(COLLECTIONS.participations, [{ ...attendanceDoc(cloud, a, youth), _id: 'pt_lp_none', review: 'none', checkIn: null, checkOut: null, minutes: null }])
    for (let d = 0; d < 12; d++) putDeclaration(cloud, `dc_lp_${d}`, youth, { orgId: 'yuci-jl-b1', date: new Date(TEST_NOW - d * 11 * HOUR + 8 * HOUR).toISOString().slice(0, 10) })
  })

  it('walks every reviewed record once, newest first, attendance and declarations merged, with titles and 益币 for the page', async () => {
    const all = ok(await cloud.as(youth).activity.myRecords({ limit: 50 }))
    expect(all.nextCursor).toBeNull()
    expect(all.items).toHaveLength(42)
    const keys = all.items.map((r) => [r.at, r.kind === 'attendance' ? 0 : 1])
    expect(keys).toEqual([...keys].sort((x, y) => y[0] - x[0] || y[1] - x[1]))
    for (const limit of [1, 4, 7]) {
      const pages = await walk((cursor) => cloud.as(youth).activity.myRecords({ limit, ...(cursor ? { cursor } : {}) }).then(ok))
      expect(pages.map((r) => `${r.kind}:${r.id}`)).toEqual(all.items.map((r) => `${r.kind}:${r.id}`))
    }
    expect(all.items.filter((r) => r.review === 'approved' && r.source === 'attended').every((r) => r.points === 3 && r.title === '活动lp-act')).toBe(true)
    expect(all.items.some((r) => r.id === 'pt_lp_none')).toBe(false)
  })

  it('does not repeat a record when a newer one arrives between pages', async () => {
    const first = ok(await cloud.as(youth).activity.myRecords({ limit: 5 }))
    putDeclaration(cloud, 'dc_lp_new', youth, { orgId: 'yuci-jl-b1', date: new Date(TEST_NOW + 8 * HOUR).toISOString().slice(0, 10) })
    const rest = await walk((cursor) => cloud.as(youth).activity.myRecords({ limit: 9, cursor: cursor ?? first.nextCursor! }).then(ok))
    const ids = [...first.items, ...rest].map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).not.toContain('dc_lp_new')
  })

  it('reads the same few documents for a page however long the history is', async () => {
    const few = await readsDuring(() => cloud.as(youth).activity.myRecords({ limit: 5 }))
    const a = putActivity(cloud, ended('lp-act-2', { orgId: 'yuci' }))
    store().insertMany(
      COLLECTIONS.participations,
      Array.from({ length: 2500 }, (_, i) => ({ ...attendanceDoc(cloud, a, youth), _id: `pt_lp_bulk_${i}`, checkIn: { method: 'code', at: TEST_NOW - 400 * HOUR - i * MIN, step: 1 } })),
    )
    expect(await readsDuring(() => cloud.as(youth).activity.myRecords({ limit: 5 }))).toBe(few)
  })
})

describe('reviewQueue', () => {
  beforeAll(() => {
    const a = putActivity(cloud, ended('lq-act', { orgId: 'yc-rc' }))
    // 20 pending attendances of others, every third flagged, checked out a minute apart; the cadre's own; 5 declarations.
    store().insertMany(
      COLLECTIONS.participations,
      Array.from({ length: 20 }, (_, i) => {
        const p = attendanceDoc(cloud, a, `y-q-${i}`, { flags: i % 3 === 0 ? ['outside_fence'] : [] })
        return { ...p, _id: `pt_lq_${String(i).padStart(2, '0')}`, orgId: 'yc-rc-b1', checkOut: { ...p.checkOut!, at: TEST_NOW - HOUR - (20 - i) * MIN } }
      }),
    )
    store().insertMany(COLLECTIONS.participations, [{ ...attendanceDoc(cloud, a, 'dev-cadre'), _id: 'pt_lq_own', orgId: 'yc-rc-b1' }])
    for (let d = 0; d < 5; d++) putDeclaration(cloud, `dc_lq_${d}`, `y-qd-${d}`, { orgId: 'yc-rc-b2', createdAt: TEST_NOW - HOUR - 30 * MIN + d * 7 * MIN })
  })

  it('pages flagged first, then the longest waiting, never the reviewer’s own, whatever the page size', async () => {
    const all = ok(await cloud.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc', limit: 50 })).items.filter((i) => /^(pt|dc)_lq_\d/.test(i.id))
    expect(all.map((i) => i.id)).not.toContain('pt_lq_own')
    const flagged = all.filter((i) => i.flags.length > 0)
    expect(flagged).toHaveLength(7)
    expect(all.slice(0, 7)).toEqual(flagged)
    const rest = all.slice(7)
    expect(rest.map((i) => i.at)).toEqual([...rest.map((i) => i.at)].sort((x, y) => x - y))
    expect(rest.filter((i) => i.kind === 'declaration')).toHaveLength(5)
    for (const limit of [1, 3, 8]) {
      const pages = await walk((cursor) => cloud.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc', limit, ...(cursor ? { cursor } : {}) }).then(ok))
      expect(pages.filter((i) => /^(pt|dc)_lq_\d/.test(i.id)).map((i) => i.id)).toEqual(all.map((i) => i.id))
    }
  })

  it('reads the same few documents for a page however many records wait', async () => {
    const few = await readsDuring(() => cloud.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc', limit: 5 }))
    const a = putActivity(cloud, ended('lq-act-2', { orgId: 'yc-rc' }))
    store().insertMany(
      COLLECTIONS.participations,
      Array.from({ length: 2500 }, (_, i) => ({ ...attendanceDoc(cloud, a, `y-qb-${i}`), _id: `pt_lq_bulk_${i}`, orgId: 'yc-rc-b1' })),
    )
    expect(await readsDuring(() => cloud.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc', limit: 5 }))).toBe(few)
  })
})

describe('listLedger', () => {
  it('reads one page of a long ledger by the (accountId, at) index, and walks it newest first', async () => {
    const openid = 'y-ledger-long'
    const accountId = userIdFor(cloud.secrets, openid)
    const entry = (i: number) => ({ _id: `le_long_${i}`, accountId, openid, amount: 1, kind: 'credit', title: '测试', ref: { type: 'participation', id: `p${i}` }, reverses: null, orgId: 'yc-rc', underOrgs: ['yc', 'yc-rc'], at: 1_790_000_000_000 + Math.floor(i / 3) })
    store().insertMany(COLLECTIONS.ledgerEntries, Array.from({ length: 30 }, (_, i) => entry(i)))
    const few = await readsDuring(() => cloud.as(openid).points.listLedger({ limit: 4 }))
    const pages = await walk((cursor) => cloud.as(openid).points.listLedger({ limit: 4, ...(cursor ? { cursor } : {}) }).then(ok))
    expect(pages.map((e) => e.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => entry(i))
        .sort((x, y) => y.at - x.at || (x._id < y._id ? 1 : -1))
        .map((e) => e._id),
    )
    store().insertMany(COLLECTIONS.ledgerEntries, Array.from({ length: 2500 }, (_, i) => entry(100 + i)))
    expect(await readsDuring(() => cloud.as(openid).points.listLedger({ limit: 4 }))).toBe(few)
  })
})
