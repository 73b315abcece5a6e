import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { MAX_VISIT_HOURS, type VisitDoc } from '../../../cloudfunctions/_core/station'
import { ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/** The sweep ends visits left open past MAX_VISIT_HOURS, at that hour, and leaves the others alone. */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const HOUR = 3600_000

function visit(id: string, startedAt: number, endedAt: number | null = null): VisitDoc & Record<string, unknown> {
  return { _id: id, venueId: 'st-x', underOrgs: ['yuci'], userId: `u_${id}`, openid: id, name: '测试', post: 'representative', startedAt, endedAt, minutes: endedAt === null ? null : 60, autoEnded: false, step: 1 }
}

it('ends a visit open longer than the longest visit at its last hour, once, and no other', async () => {
  const store = cloud.emulator.store
  store.upsert(COLLECTIONS.stationVisits, visit('stale', TEST_NOW - (MAX_VISIT_HOURS + 1) * HOUR))
  store.upsert(COLLECTIONS.stationVisits, visit('fresh', TEST_NOW - 2 * HOUR))
  store.upsert(COLLECTIONS.stationVisits, visit('done', TEST_NOW - 20 * HOUR, TEST_NOW - 19 * HOUR))
  expect((ok(await cloud.timer('station', 'sweepStations')) as { visitsEnded: number }).visitsEnded).toBe(1)
  expect(store.get(COLLECTIONS.stationVisits, 'stale')).toMatchObject({ endedAt: TEST_NOW - HOUR, minutes: MAX_VISIT_HOURS * 60, autoEnded: true })
  expect(store.get(COLLECTIONS.stationVisits, 'fresh')).toMatchObject({ endedAt: null })
  expect(store.get(COLLECTIONS.stationVisits, 'done')).toMatchObject({ endedAt: TEST_NOW - 19 * HOUR, autoEnded: false })
  expect((ok(await cloud.timer('station', 'sweepStations')) as { visitsEnded: number }).visitsEnded).toBe(0)
})
