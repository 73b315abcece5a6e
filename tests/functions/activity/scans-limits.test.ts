import { randomUUID } from 'node:crypto'
import { personCode, personMac } from '../../../cloudfunctions/_core/attendance'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { END, MIN, START, enroll, participation, putActivity } from '../../fixtures/activities'
import { ok, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * The organizer's offline queue (docs/bad-inputs.md): scan times outside the windows are refused
 * per scan, nobody scans their own code, and every applied scan is on the upload's audit entry in
 * its own transaction.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 20 })
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(END + 30 * MIN))

const codeOf = (openid: string) => personCode(userIdFor(cloud.secrets, openid), personMac(cloud.secrets))
const scan = (openid: string, kind: 'in' | 'out', scannedAt: number) => ({ scanId: randomUUID(), personCode: codeOf(openid), kind, scannedAt })
const sync = (activityId: string, scans: unknown[], who = 'dev-cadre') => cloud.as(who).activity.syncScans({ activityId, scans })

describe('syncScans refuses what a check-in would refuse', () => {
  it('refuses a scan-in 179 minutes before a 30-minute window opens; the scan-out after it then has no check-in', async () => {
    const a = putActivity(cloud, { startAt: START, endAt: START + 30 * MIN, checkInOpensBefore: 30 })
    enroll(cloud, a, 'seed-youth-0001')
    const batch = [scan('seed-youth-0001', 'in', START - 179 * MIN), scan('seed-youth-0001', 'out', START + 5_000)]
    const { results } = ok(await sync(a._id, batch))
    expect(results[0]).toEqual({ id: batch[0].scanId, ok: false, code: 'CHECKIN.WINDOW_CLOSED', message: expect.stringMatching(/早于签到开放时间（活动开始前30分钟）/) })
    expect(results[1]).toMatchObject({ ok: false, code: 'CHECKIN.NOT_CHECKED_IN' })
    expect(participation(cloud, a, 'seed-youth-0001')).toMatchObject({ checkIn: null, checkOut: null, minutes: null })
  })

  it('refuses an organizer scanning their own personal code, and applies the rest of the queue', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-cadre')
    enroll(cloud, a, 'seed-youth-0002')
    const batch = [scan('dev-cadre', 'in', START - 20 * MIN), scan('seed-youth-0002', 'in', START - 20 * MIN)]
    const { results } = ok(await sync(a._id, batch))
    expect(results[0]).toEqual({ id: batch[0].scanId, ok: false, code: 'CHECKIN.SELF_SCAN', message: '不能扫描自己的签到码，请由其他组织者为您扫码。' })
    expect(results[1].ok).toBe(true)
    expect(participation(cloud, a, 'dev-cadre')!.checkIn).toBeNull()
    expect(cloud.docs('scans', { scanId: batch[0].scanId })).toHaveLength(0)
  })
})

describe('the upload’s audit entry', () => {
  it('lists every scan with its outcome', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'seed-youth-0003')
    const batch = [scan('seed-youth-0003', 'in', START), scan('seed-youth-0003', 'in', START + MIN)]
    ok(await sync(a._id, batch))
    const [entry] = cloud.docs('audit_logs', { action: 'activity.syncScans', 'target.id': a._id })
    expect(entry.detail).toEqual({
      scans: 2,
      ok: 1,
      failed: 1,
      items: [
        { id: batch[0].scanId, ok: true, code: null },
        { id: batch[1].scanId, ok: false, code: 'CHECKIN.ALREADY' },
      ],
    })
  })

  it('holds every applied scan when the upload dies halfway', async () => {
    const a = putActivity(cloud)
    const people = ['seed-youth-0004', 'seed-youth-0005', 'seed-youth-0006', 'seed-youth-0007']
    for (const p of people) enroll(cloud, a, p)
    const batch = people.map((p, i) => scan(p, 'in', START + i * MIN))
    // The function dies after two scans landed: no transaction after the second one starts.
    let calls = 0
    const deps = cloud.deps()
    const real = deps.db.runTransaction.bind(deps.db)
    deps.db.runTransaction = ((run: never, retries?: number) => {
      if (++calls >= 3) throw new Error('function killed')
      return real(run, retries)
    }) as typeof deps.db.runTransaction
    const { createHandlers } = await import('../../../local/functions')
    const { localCaller } = await import('../../../cloudfunctions/_core/runtime/caller')
    const handlers = createHandlers(() => deps)
    try {
      await handlers.activity.handle({ action: 'syncScans', payload: { activityId: a._id, scans: batch } }, localCaller('dev-cadre'))
    } finally {
      deps.db.runTransaction = real
    }
    const applied = people.filter((p) => participation(cloud, a, p)!.checkIn)
    expect(applied).toEqual(people.slice(0, 2))
    const [entry] = cloud.docs('audit_logs', { action: 'activity.syncScans', 'target.id': a._id })
    const onRecord = (entry.detail.items as { id: string; ok: boolean }[]).filter((i) => i.ok).map((i) => i.id)
    for (const p of applied) expect(onRecord).toContain(batch[people.indexOf(p)].scanId)
  })
})
