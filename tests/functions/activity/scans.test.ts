import { randomUUID } from 'node:crypto'
import type { ActivityDoc } from '../../../cloudfunctions/_core/activity/activity.rules'
import { personCode, personMac } from '../../../cloudfunctions/_core/attendance'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { secretsFromKey } from '../../../cloudfunctions/_core/runtime/secrets'
import { ATTENDANCE_COLLECTIONS, END, MIN, START, enroll, participation, putActivity } from '../../fixtures/activities'
import { TEST_KEY, errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 20 })
})
afterAll(() => cloud.close())

const SYNC = END + 30 * MIN
beforeEach(() => cloud.clock.set(SYNC))

const secrets = secretsFromKey(TEST_KEY)
const codeOf = (openid: string) => personCode(userIdFor(secrets, openid), personMac(secrets))
const scan = (openid: string, kind: 'in' | 'out', scannedAt: number, over: Record<string, unknown> = {}) => ({
  scanId: randomUUID(),
  personCode: codeOf(openid),
  kind,
  scannedAt,
  ...over,
})
const sync = (activityId: string, scans: unknown[], who = 'dev-cadre') => cloud.as(who).activity.syncScans({ activityId, scans })
const audits = () => cloud.docs('audit_logs', { action: 'activity.syncScans' })

describe('syncScans', () => {
  it('checks people in and out at the times the phone scanned them, flagging late uploads; one audit entry', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    const before = audits().length
    const batch = [scan('dev-youth', 'in', START - 5 * MIN), scan('dev-youth', 'out', END + 10 * MIN)]
    const { results } = ok(await sync(a._id, batch))
    expect(results).toEqual(batch.map((s) => ({ id: s.scanId, ok: true, code: null, message: null })))
    const p = participation(cloud, a, 'dev-youth')!
    expect(p.checkIn).toEqual({ method: 'scan', at: START - 5 * MIN, scannedBy: 'dev-cadre', scanId: batch[0].scanId, syncedAt: SYNC })
    expect(p.checkOut).toEqual({ method: 'scan', at: END + 10 * MIN, scannedBy: 'dev-cadre', scanId: batch[1].scanId, syncedAt: SYNC })
    expect(p).toMatchObject({ minutes: 120, review: 'pending', flags: ['offline_scan'] })
    expect(cloud.docs('scans', { activityId: a._id })).toHaveLength(2)
    const entries = audits()
    expect(entries).toHaveLength(before + 1)
    expect(entries[entries.length - 1]).toMatchObject({ actor: 'dev-cadre', target: { type: 'activity', id: a._id }, orgId: 'yc-rc-b1', detail: { scans: 2, ok: 2, failed: 0 } })
  })

  it('flags a scan as offline only when it is more than two minutes old', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'seed-youth-0001')
    enroll(cloud, a, 'seed-youth-0002')
    cloud.clock.set(START + 30 * MIN)
    ok(await sync(a._id, [scan('seed-youth-0001', 'in', START + 28 * MIN), scan('seed-youth-0002', 'in', START + 28 * MIN - 1)]))
    expect(participation(cloud, a, 'seed-youth-0001')!.flags).toEqual([])
    expect(participation(cloud, a, 'seed-youth-0002')!.flags).toEqual(['offline_scan'])
  })

  it('applies a check-out queued before its check-in in scan order, answering in the order sent', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'seed-youth-0003')
    const batch = [scan('seed-youth-0003', 'out', END), scan('seed-youth-0003', 'in', START)]
    expect(ok(await sync(a._id, batch)).results.map((r) => [r.id, r.ok])).toEqual(batch.map((s) => [s.scanId, true]))
    expect(participation(cloud, a, 'seed-youth-0003')).toMatchObject({ minutes: 120, review: 'pending' })
  })

  it('answers each bad scan on its own and applies the rest', async () => {
    const a = putActivity(cloud)
    for (const who of ['seed-youth-0004', 'seed-youth-0005', 'seed-youth-0006', 'seed-youth-0007']) enroll(cloud, a, who)
    enroll(cloud, a, 'seed-youth-0008', { status: 'waitlisted', waitTicket: 1 })
    cloud.clock.set(START + 30 * MIN)
    const now = cloud.clock.now()
    const forged = codeOf('seed-youth-0004').slice(0, -4) + 'AAAA'
    const batch: [ReturnType<typeof scan>, string | null][] = [
      [scan('seed-youth-0004', 'in', now - MIN), null],
      [scan('seed-youth-0004', 'in', now - MIN, { personCode: forged }), 'CHECKIN.UNKNOWN_PERSON'],
      [scan('seed-youth-0004', 'in', now, { personCode: `tq1.u_nobody.${personMac(secrets)('u_nobody').slice(0, 10)}` }), 'CHECKIN.UNKNOWN_PERSON'],
      [scan('seed-youth-0009', 'in', now), 'CHECKIN.UNKNOWN_PERSON'], // registered, never signed up
      [scan('seed-youth-0008', 'in', now), 'CHECKIN.UNKNOWN_PERSON'], // only waitlisted
      [scan('seed-youth-0004', 'in', now), 'CHECKIN.ALREADY'],
      [scan('seed-youth-0005', 'in', START - 31 * MIN), 'CHECKIN.WINDOW_CLOSED'],
      [scan('seed-youth-0005', 'out', now + 3 * MIN), 'CHECKIN.WINDOW_CLOSED'], // ahead of the server's clock
      [scan('seed-youth-0006', 'in', now + MIN), null], // a phone clock a minute fast is tolerated
      [scan('seed-youth-0007', 'out', now), 'CHECKIN.NOT_CHECKED_IN'],
      [scan('dev-youth', 'in', now, { personCode: 'not a code' }), 'CHECKIN.UNKNOWN_PERSON'],
    ]
    const before = audits().length
    const { results } = ok(await sync(a._id, batch.map(([s]) => s)))
    expect(results.map((r) => [r.id, r.ok ? null : r.code])).toEqual(batch.map(([s, code]) => [s.scanId, code]))
    expect(results.filter((r) => !r.ok).every((r) => /[\u4e00-\u9fa5]/.test(r.message ?? ''))).toBe(true)
    expect(participation(cloud, a, 'seed-youth-0004')!.checkIn!.at).toBe(now - MIN)
    expect(participation(cloud, a, 'seed-youth-0005')!.checkIn).toBeNull()
    expect(participation(cloud, a, 'seed-youth-0007')!.checkOut).toBeNull()
    expect(participation(cloud, a, 'seed-youth-0008')!.status).toBe('waitlisted')
    // Refused scans leave no scan record; only the two that applied are kept.
    expect(cloud.docs('scans', { activityId: a._id })).toHaveLength(2)
    expect(audits()).toHaveLength(before + 1)
    expect(audits().pop()!.detail).toMatchObject({ scans: batch.length, ok: 2, failed: batch.length - 2 })
  })

  it('answers a re-sent scan with its first result and applies it once', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'seed-youth-0010')
    const batch = [scan('seed-youth-0010', 'in', START), scan('seed-youth-0010', 'out', END)]
    const first = ok(await sync(a._id, batch))
    const after = participation(cloud, a, 'seed-youth-0010')
    cloud.clock.advance(24 * 60 * MIN) // the windows have long closed; a replay is still answered
    expect(ok(await sync(a._id, batch))).toEqual(first)
    expect(ok(await sync(a._id, [batch[1], batch[1]]))).toEqual({ results: [first.results[1], first.results[1]] })
    expect(participation(cloud, a, 'seed-youth-0010')).toEqual(after)
    expect(cloud.docs('scans', { activityId: a._id })).toHaveLength(2)
  })

  it('refuses the same scan id with another payload, for that scan only', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'seed-youth-0011')
    enroll(cloud, a, 'seed-youth-0012')
    const original = scan('seed-youth-0011', 'in', START)
    ok(await sync(a._id, [original]))
    const before = participation(cloud, a, 'seed-youth-0012')
    const { results } = ok(
      await sync(a._id, [
        { ...original, personCode: codeOf('seed-youth-0012') },
        { ...original, scannedAt: START + MIN },
        { ...original, kind: 'out', scannedAt: END },
        scan('seed-youth-0012', 'in', START + 2 * MIN),
      ]),
    )
    expect(results.map((r) => r.code)).toEqual(['GENERIC.CONFLICT', 'GENERIC.CONFLICT', 'GENERIC.CONFLICT', null])
    expect(before!.checkIn).toBeNull()
    expect(participation(cloud, a, 'seed-youth-0012')!.checkIn!.at).toBe(START + 2 * MIN)
    expect(participation(cloud, a, 'seed-youth-0011')!.checkOut).toBeNull()
    // The same id for another activity is another payload too.
    const b = putActivity(cloud)
    enroll(cloud, b, 'seed-youth-0011')
    expect(ok(await sync(b._id, [original])).results[0].code).toBe('GENERIC.CONFLICT')
    expect(participation(cloud, b, 'seed-youth-0011')!.checkIn).toBeNull()
  })

  // docs/bad-inputs.md §15: one effect however many times the same upload arrives at once
  it('applies an upload sent ten times at once exactly once', async () => {
    const a = putActivity(cloud)
    const people = ['seed-youth-0013', 'seed-youth-0014', 'seed-youth-0015']
    for (const who of people) enroll(cloud, a, who)
    const batch = people.map((who) => scan(who, 'in', START + 3 * MIN))
    const before = audits().length
    const replies = await Promise.all(Array.from({ length: 10 }, () => sync(a._id, batch)))
    for (const r of replies) expect(ok(r).results.map((x) => x.ok)).toEqual([true, true, true])
    expect(cloud.docs('scans', { activityId: a._id })).toHaveLength(3)
    for (const who of people) expect(participation(cloud, a, who)!.checkIn).toMatchObject({ method: 'scan', at: START + 3 * MIN })
    expect(audits()).toHaveLength(before + 10)
  })

  it('admits a walk-in when the activity allows it', async () => {
    const a = putActivity(cloud, { walkIn: true })
    ok(await sync(a._id, [scan('seed-youth-0016', 'in', START), scan('seed-youth-0016', 'out', END)]))
    expect(participation(cloud, a, 'seed-youth-0016')).toMatchObject({ status: 'signed', flags: ['walk_in', 'offline_scan'], minutes: 120 })
    expect(cloud.emulator.store.get('activities', a._id)).toMatchObject({ signed: 0 })
  })

  it.each([
    ['a youth', 'dev-youth', {}, 'AUTH.FORBIDDEN'],
    ['an admin of another county', 'dev-yuci-admin', {}, 'AUTH.FORBIDDEN'],
    ['a representative', 'dev-rep', {}, 'AUTH.FORBIDDEN'],
    ['a cadre when scanning is off', 'dev-cadre', { checkInModes: ['code', 'geo'] }, 'ACTIVITY.MODE_DISABLED'],
    ['a cadre on a cancelled activity', 'dev-cadre', { status: 'cancelled' }, 'ACTIVITY.CANCELLED'],
    ['a cadre on a draft', 'dev-cadre', { status: 'draft' }, 'ACTIVITY.NOT_PUBLISHED'],
  ] as [string, string, Partial<ActivityDoc>, string][])('refuses %s, with no trace and no audit entry', async (_l, who, over, code) => {
    const a = putActivity(cloud, over)
    enroll(cloud, a, 'seed-youth-0017')
    const before = snapshot(cloud, ATTENDANCE_COLLECTIONS)
    expect(errCode(await sync(a._id, [scan('seed-youth-0017', 'in', START)], who))).toBe(code)
    expect(snapshot(cloud, ATTENDANCE_COLLECTIONS)).toBe(before)
  })

  it.each([
    ['a scan id that is not a uuid', [scan('seed-youth-0018', 'in', START, { scanId: 'abc' })]],
    ['no scans', []],
    ['201 scans', Array.from({ length: 201 }, () => scan('seed-youth-0018', 'in', START))],
    ['a scan time in 1970', [scan('seed-youth-0018', 'in', 0)]],
    ['a scan time as a string', [scan('seed-youth-0018', 'in', START, { scannedAt: String(START) })]],
    ['an operator as the person code', [scan('seed-youth-0018', 'in', START, { personCode: { $ne: null } })]],
    ['an unknown field', [scan('seed-youth-0018', 'in', START, { openid: 'seed-youth-0018' })]],
    ['another kind', [scan('seed-youth-0018', 'in', START, { kind: 'both' })]],
  ])('refuses %s as bad input', async (_l, scans) => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'seed-youth-0018')
    const before = snapshot(cloud, ATTENDANCE_COLLECTIONS)
    expect(errCode(await sync(a._id, scans))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud, ATTENDANCE_COLLECTIONS)).toBe(before)
  })
})
