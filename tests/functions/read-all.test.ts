import { database, readAll, ReadCapExceeded } from '../../cloudfunctions/_core/runtime/db'
import { activityDoc, HOUR, participationDoc } from '../fixtures/activities'
import { ok, testCloud, TEST_NOW, type TestCloud } from '../fixtures/test-cloud'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ seed: false })
  cloud.emulator.store.insertMany(
    'declarations',
    Array.from({ length: 2345 }, (_, i) => ({ _id: `d${String(i).padStart(5, '0')}`, openid: i % 2 ? 'odd' : 'even', n: i })),
  )
})
afterAll(() => cloud.close())

describe('readAll', () => {
  it('walks past the 1000 documents one SDK call answers, in _id order, without repeats', async () => {
    const all = await readAll<{ _id: string; n: number }>(database(), 'declarations', {})
    expect(all).toHaveLength(2345)
    expect(new Set(all.map((d) => d._id)).size).toBe(2345)
    expect(all.map((d) => d._id)).toEqual([...all.map((d) => d._id)].sort())
    expect(await readAll(database(), 'declarations', { openid: 'odd' })).toHaveLength(1172)
  })

  it('refuses loudly when the matches pass its cap, instead of answering the first ones', async () => {
    await expect(readAll(database(), 'declarations', {}, 1500)).rejects.toThrow(ReadCapExceeded)
    await expect(readAll(database(), 'declarations', {}, 2344)).rejects.toThrow(/declarations.*more than 2344/)
  })

  it('answers everything when the matches reach the cap exactly, and reads to the end without one', async () => {
    expect(await readAll(database(), 'declarations', {}, 2345)).toHaveLength(2345)
    expect(await readAll(database(), 'declarations', { openid: 'even' }, 1173)).toHaveLength(1173)
    expect(await readAll(database(), 'declarations', {}, Infinity)).toHaveLength(2345)
  })

  it('fails the action that made the read as GENERIC.INTERNAL, logged with the action name', async () => {
    const { failureBody } = await import('../../cloudfunctions/_core/runtime/failure')
    const logged: Array<Record<string, unknown>> = []
    const log = { info: () => undefined, error: (event: string, fields?: Record<string, unknown>) => logged.push({ event, ...fields }) }
    const e = await readAll(database(), 'declarations', {}, 10).catch((x: unknown) => x)
    expect(failureBody(e, log, 'action_failed', { fn: 'activity', action: 'myRecords' })).toEqual({ code: 'GENERIC.INTERNAL', message: expect.any(String) })
    expect(logged).toEqual([expect.objectContaining({ event: 'action_failed', action: 'myRecords', error: 'ReadCapExceeded' })])
  })
})

describe('lists sorted in memory read all their candidates, not the first 1000', () => {
  it('shows a youth every one of 1,200 past sign-ups', async () => {
    const openid = 'y-many-signups'
    const who = { openid, userId: userIdFor(cloud.secrets, openid), userName: '测试青年' }
    const acts = Array.from({ length: 1200 }, (_, i) => activityDoc({ _id: `am${String(i).padStart(5, '0')}`, startAt: TEST_NOW - (i + 2) * HOUR, endAt: TEST_NOW - (i + 1) * HOUR }))
    cloud.emulator.store.insertMany(COLLECTIONS.activities, acts.map((a) => ({ ...a })))
    cloud.emulator.store.insertMany(COLLECTIONS.participations, acts.map((a) => ({ ...participationDoc(a, who) })))
    // The list's last page holds the oldest, which a cap on the newest 1000 would have left out.
    const last = ok(await cloud.as(openid).activity.myActivities({ when: 'past', limit: 50, cursor: '1150' }))
    expect(last.items.map((x) => x.activity.id)).toEqual(acts.slice(1150).map((a) => a._id))
    expect(last.nextCursor).toBeNull()
  })

  it('sorts every one of 1,100 upcoming activities by distance', async () => {
    const near = { lat: 35.48, lng: 112.41 }
    // The farther, the sooner: the nearest ones start last, where a cap on the soonest would cut them.
    const acts = Array.from({ length: 1100 }, (_, i) =>
      activityDoc({ _id: `an${String(i).padStart(5, '0')}`, startAt: TEST_NOW + (i + 2) * HOUR, endAt: TEST_NOW + (i + 3) * HOUR, place: { name: '村口', lat: 35.48 + (1100 - i) * 0.0001, lng: 112.41, radius: 300 } }),
    )
    cloud.emulator.store.insertMany(COLLECTIONS.activities, acts.map((a) => ({ ...a })))
    const first = ok(await cloud.as('y-nearby').activity.listActivities({ sort: 'nearby', near, limit: 3 }))
    expect(first.items.map((a) => a.id)).toEqual(['an01099', 'an01098', 'an01097'])
  })
})
