import { activityMac, MAX_CODE_MISSES, shortCode, stepAt, STEP_MS } from '../../../cloudfunctions/_core/attendance'
import { participationIdFor } from '../../../cloudfunctions/_core/activity'
import { ATTENDANCE_COLLECTIONS, MIN, PLACE, START, codeAt, enroll, participation, putActivity } from '../../fixtures/activities'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * The typed 6-digit code (docs/bad-inputs.md §30), the database calls a check-in makes, and the
 * race between a cancel and a check-in (docs/domain.md invariant 5).
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 20 })
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(START))

const digitsAt = (a: { _id: string; secret: string }, at: number) => shortCode(a._id, stepAt(at), activityMac(a.secret))
/** Six digits that are not the code of this step or the last. */
function wrongDigits(a: { _id: string; secret: string }, at: number): string {
  const right = new Set([digitsAt(a, at), digitsAt(a, at - STEP_MS)])
  for (let n = 0; ; n++) {
    const d = String(n).padStart(6, '0')
    if (!right.has(d)) return d
  }
}

describe('the typed code', () => {
  it('checks in and out with the 6 digits the board shows, in the same window as the QR', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    cloud.clock.set(START - 10 * MIN)
    const board = ok(await cloud.as('dev-cadre').activity.attendanceBoard({ activityId: a._id }))
    // The digits of the step before still work (a youth typing slowly across the change).
    cloud.clock.advance(STEP_MS)
    const { participation: inView } = ok(await cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: board.code!.short }))
    expect(inView).toMatchObject({ checkInMethod: 'code', checkInAt: START - 10 * MIN + STEP_MS })
    expect(participation(cloud, a, 'dev-youth')!.checkIn).toMatchObject({ method: 'code', step: board.code!.step })
    cloud.clock.set(START + 2 * 60 * MIN)
    ok(await cloud.as('dev-youth').activity.checkOut({ activityId: a._id, code: digitsAt(a, START + 2 * 60 * MIN) }))
  })

  it('refuses digits two steps old and digits outside the window, saying so', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    const old = errCode(await cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: digitsAt(a, START - 2 * STEP_MS) }))
    expect(old).toBe('CHECKIN.BAD_CODE')
    cloud.clock.set(START - 31 * MIN)
    const before = snapshot(cloud, ATTENDANCE_COLLECTIONS)
    expect(errCode(await cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: digitsAt(a, START - 31 * MIN) }))).toBe('CHECKIN.WINDOW_CLOSED')
    expect(snapshot(cloud, ATTENDANCE_COLLECTIONS)).toBe(before)
  })

  it(`allows ${MAX_CODE_MISSES} wrong guesses per youth and activity, then refuses even the right digits; the QR still works`, async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    enroll(cloud, a, 'seed-youth-0001')
    for (let i = 0; i < MAX_CODE_MISSES; i++) {
      expect(errCode(await cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: wrongDigits(a, START) }))).toBe('CHECKIN.BAD_CODE')
    }
    expect(participation(cloud, a, 'dev-youth')!.codeMisses).toBe(MAX_CODE_MISSES)
    const res = await cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: digitsAt(a, START) })
    expect(errCode(res)).toBe('CHECKIN.TOO_MANY_TRIES')
    if (!res.ok) expect(res.error.message).toMatch(/扫描现场二维码|组织者/)
    expect(participation(cloud, a, 'dev-youth')!.checkIn).toBeNull()
    // Another youth's guesses are their own.
    ok(await cloud.as('seed-youth-0001').activity.checkIn({ activityId: a._id, code: digitsAt(a, START) }))
    // The scanned code carries a 12-character MAC: not limited.
    ok(await cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: codeAt(a, START) }))
  })

  it('counts every guess of a burst: the right digits are refused once the recorded misses reach the limit', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    const burst = await Promise.all(Array.from({ length: 40 }, () => cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: wrongDigits(a, START) })))
    expect(burst.every((r) => !r.ok)).toBe(true)
    // Every wrong guess is counted (the increment is atomic), so the right digits are refused now.
    expect(participation(cloud, a, 'dev-youth')!.codeMisses).toBeGreaterThanOrEqual(MAX_CODE_MISSES)
    expect(errCode(await cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: digitsAt(a, START) }))).toBe('CHECKIN.TOO_MANY_TRIES')
  })

  it('asks someone who has not signed up to sign up, or to walk in by the QR, before checking any digits', async () => {
    const a = putActivity(cloud)
    const open = putActivity(cloud, { _id: 't-walk-typed', walkIn: true })
    const before = snapshot(cloud, ATTENDANCE_COLLECTIONS)
    expect(errCode(await cloud.as('seed-youth-0002').activity.checkIn({ activityId: a._id, code: wrongDigits(a, START) }))).toBe('SIGNUP.NOT_SIGNED')
    expect(errCode(await cloud.as('seed-youth-0002').activity.checkIn({ activityId: open._id, code: digitsAt(open, START) }))).toBe('CHECKIN.WALK_IN_NEEDS_SCAN')
    expect(snapshot(cloud, ATTENDANCE_COLLECTIONS)).toBe(before)
    ok(await cloud.as('seed-youth-0002').activity.checkIn({ activityId: open._id, code: codeAt(open, START) }))
  })
})

describe('database calls per check-in', () => {
  it('a signed participant checks in with three calls (four for the activity’s first) and out with three', async () => {
    const a = putActivity(cloud)
    for (const who of ['dev-youth', 'seed-youth-0001']) enroll(cloud, a, who)
    const near = { lat: PLACE.lat, lng: PLACE.lng, accuracy: 10 }
    const calls = async (run: () => Promise<unknown>) => {
      cloud.emulator.resetStats()
      ok((await run()) as never)
      return cloud.emulator.stats().calls
    }
    expect(await calls(() => cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: codeAt(a, START) }))).toBe(4)
    expect(await calls(() => cloud.as('seed-youth-0001').activity.checkIn({ activityId: a._id, location: near }))).toBe(3)
    cloud.clock.set(START + 2 * 60 * MIN)
    expect(await calls(() => cloud.as('dev-youth').activity.checkOut({ activityId: a._id, location: near }))).toBe(3)
  })
})

describe('a cancel and a check-in at the same instant', () => {
  it('never both succeed: either the activity is cancelled and nobody checked in, or it stays with its check-in', async () => {
    const outcomes = { cancelled: 0, attended: 0 }
    for (let i = 0; i < 12; i++) {
      const a = putActivity(cloud, { _id: `t-race-${i}` })
      enroll(cloud, a, 'dev-youth')
      cloud.clock.set(START - 10 * MIN)
      const [cancel, checkIn] = await Promise.all([
        cloud.as('dev-cadre').activity.cancelActivity({ activityId: a._id, reason: '天气原因取消' }),
        cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: codeAt(a, START - 10 * MIN) }),
      ])
      expect(cancel.ok && checkIn.ok).toBe(false)
      const doc = cloud.emulator.store.get('activities', a._id) as Record<string, any>
      const p = cloud.emulator.store.get('participations', participationIdFor(a._id, 'dev-youth')) as Record<string, any>
      if (cancel.ok) {
        outcomes.cancelled++
        expect(errCode(checkIn)).toBe('ACTIVITY.CANCELLED')
        expect(doc.status).toBe('cancelled')
        expect(p.checkIn).toBeNull()
      } else {
        outcomes.attended++
        expect(errCode(cancel)).toBe('ACTIVITY.ATTENDED')
        expect(doc.status).toBe('published')
        expect(p.checkIn).not.toBeNull()
      }
    }
    expect(outcomes.cancelled + outcomes.attended).toBe(12)
  })

  it('once anyone has checked in, the activity cannot be cancelled', async () => {
    const a = putActivity(cloud, { _id: 't-attended' })
    enroll(cloud, a, 'dev-youth')
    cloud.clock.set(START - 10 * MIN)
    ok(await cloud.as('dev-youth').activity.checkIn({ activityId: a._id, code: codeAt(a, START - 10 * MIN) }))
    expect(cloud.emulator.store.get('activities', a._id)).toMatchObject({ attendedAt: START - 10 * MIN })
    expect(errCode(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: a._id, reason: '天气原因取消' }))).toBe('ACTIVITY.ATTENDED')
  })
})
