import { activityMac, personMac, rotatingCode, shortCode, stepAt, STEP_MS } from '../../../cloudfunctions/_core/attendance'
import { participationIdFor } from '../../../cloudfunctions/_core/activity'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { ATTENDANCE_COLLECTIONS, END, MIN, PLACE, START, codeAt, enroll, participation, putActivity } from '../../fixtures/activities'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 20 })
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(START))

const youth = () => cloud.as('dev-youth').activity
const near = { lat: PLACE.lat + 0.0005, lng: PLACE.lng, accuracy: 20 } // ~56 m north
const far = { lat: PLACE.lat + 0.01, lng: PLACE.lng, accuracy: 20 } // ~1.1 km north

/** A refusal with exactly this code that leaves every document as it was. */
async function refused(call: () => Promise<unknown>, code: string) {
  const before = snapshot(cloud, ATTENDANCE_COLLECTIONS)
  const res = (await call()) as Parameters<typeof errCode>[0]
  expect(errCode(res)).toBe(code)
  if (!res.ok) expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/)
  expect(snapshot(cloud, ATTENDANCE_COLLECTIONS)).toBe(before)
}

describe('checkIn by the rotating code', () => {
  it('checks a signed participant in at the server time, recording the code step as evidence', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    cloud.clock.set(START - 10 * MIN + 1234)
    const { participation: view } = ok(await youth().checkIn({ activityId: a._id, code: codeAt(a, cloud.clock.now()) }))
    expect(view).toMatchObject({ status: 'signed', checkInAt: START - 10 * MIN + 1234, checkOutAt: null, checkInMethod: 'code', flags: [], minutes: null, review: 'none' })
    expect(participation(cloud, a, 'dev-youth')!.checkIn).toEqual({ method: 'code', at: START - 10 * MIN + 1234, step: stepAt(START - 10 * MIN + 1234) })
  })

  it('accepts the previous step (a code shown just before it rotated) but not an older one', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    enroll(cloud, a, 'seed-youth-0001')
    const shown = START + 5 * MIN
    cloud.clock.set(shown + STEP_MS)
    ok(await youth().checkIn({ activityId: a._id, code: codeAt(a, shown) }))
    cloud.clock.set(shown + 2 * STEP_MS)
    await refused(() => cloud.as('seed-youth-0001').activity.checkIn({ activityId: a._id, code: codeAt(a, shown) }), 'CHECKIN.BAD_CODE')
  })

  // docs/bad-inputs.md §20
  it.each([
    ['an expired step', (a: Parameters<typeof codeAt>[0], now: number) => codeAt(a, now - 2 * STEP_MS)],
    ['a step from the future', (a: Parameters<typeof codeAt>[0], now: number) => codeAt(a, now + STEP_MS)],
    ['a forged mac', (a: Parameters<typeof codeAt>[0], now: number) => codeAt(a, now).slice(0, -3) + (codeAt(a, now).endsWith('AAA') ? 'BBB' : 'AAA')],
    ['a code made with another key', (a: Parameters<typeof codeAt>[0], now: number) => rotatingCode(a._id, stepAt(now), activityMac('not-the-secret'))],
    ['a malformed code', () => 'hello'],
    ['a non-canonical step', (a: Parameters<typeof codeAt>[0], now: number) => codeAt(a, now).replace('.', '.0')],
  ])('refuses %s with CHECKIN.BAD_CODE and no trace', async (_label, make) => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    await refused(() => youth().checkIn({ activityId: a._id, code: make(a, cloud.clock.now()) }), 'CHECKIN.BAD_CODE')
  })

  it("refuses activity A's code used for activity B", async () => {
    const a = putActivity(cloud)
    const b = putActivity(cloud)
    enroll(cloud, b, 'dev-youth')
    await refused(() => youth().checkIn({ activityId: b._id, code: codeAt(a, cloud.clock.now()) }), 'CHECKIN.BAD_CODE')
    // Even with B's id written into A's code: the mac is over the activity id.
    const swapped = codeAt(a, cloud.clock.now()).replace(a._id, b._id)
    await refused(() => youth().checkIn({ activityId: b._id, code: swapped }), 'CHECKIN.BAD_CODE')
  })

  it('refuses a screenshot of the code replayed two minutes later', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    const screenshot = codeAt(a, cloud.clock.now())
    cloud.clock.advance(2 * MIN)
    await refused(() => youth().checkIn({ activityId: a._id, code: screenshot }), 'CHECKIN.BAD_CODE')
  })

  it('flags a code check-in whose reported position is far away', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    const { participation: view } = ok(await youth().checkIn({ activityId: a._id, code: codeAt(a, START), location: far }))
    expect(view).toMatchObject({ checkInMethod: 'code', flags: ['outside_fence'] })
  })
})

describe('checkIn by location', () => {
  it.each([
    ['inside the fence with good accuracy', [], near, 56],
    ['outside the fence', ['outside_fence'], far, 1112],
    ['inside but with poor accuracy', ['poor_accuracy'], { ...near, accuracy: 150 }, 56],
    ['outside and vague', ['outside_fence', 'poor_accuracy'], { ...far, accuracy: 800 }, 1112],
  ])('accepts a reading %s, flagged %j', async (_l, flags, location, distance) => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    const { participation: view } = ok(await youth().checkIn({ activityId: a._id, location }))
    expect(view).toMatchObject({ checkInMethod: 'geo', flags })
    const ev = participation(cloud, a, 'dev-youth')!.checkIn!
    expect(ev).toMatchObject({ method: 'geo', at: START, location: { lat: location.lat, lng: location.lng, accuracy: location.accuracy } })
    expect(ev.location!.distance).toBe(distance)
  })

  it('needs a code or a location', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    await refused(() => youth().checkIn({ activityId: a._id }), 'CHECKIN.LOCATION_REQUIRED')
  })

  // docs/bad-inputs.md §7
  it.each([
    ['latitude 91', { lat: 91, lng: 112, accuracy: 10 }],
    ['longitude 181', { lat: 35, lng: 181, accuracy: 10 }],
    ['NaN latitude', { lat: NaN, lng: 112, accuracy: 10 }],
    ['accuracy 0', { lat: 35, lng: 112, accuracy: 0 }],
    ['accuracy −5', { lat: 35, lng: 112, accuracy: -5 }],
    ['accuracy 1001', { lat: 35, lng: 112, accuracy: 1001 }],
    ['a string latitude', { lat: '35', lng: 112, accuracy: 10 }],
  ])('refuses %s as bad input, leaving no trace', async (_l, location) => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    await refused(() => youth().checkIn({ activityId: a._id, location }), 'GENERIC.BAD_INPUT')
    await refused(() => youth().checkOut({ activityId: a._id, location }), 'GENERIC.BAD_INPUT')
  })
})

describe('who may check in, and when', () => {
  // docs/bad-inputs.md §19
  it('refuses someone without a sign-up, a waitlisted one and a cancelled one', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'seed-youth-0001', { status: 'waitlisted', waitTicket: 1 })
    enroll(cloud, a, 'seed-youth-0002', { status: 'cancelled' })
    for (const who of ['dev-youth', 'seed-youth-0001', 'seed-youth-0002']) {
      await refused(() => cloud.as(who).activity.checkIn({ activityId: a._id, code: codeAt(a, START) }), 'SIGNUP.NOT_SIGNED')
    }
  })

  it('refuses a draft, a cancelled and a missing activity', async () => {
    const draft = putActivity(cloud, { status: 'draft' })
    const cancelled = putActivity(cloud, { status: 'cancelled', cancelReason: '天气原因' })
    enroll(cloud, draft, 'dev-youth')
    enroll(cloud, cancelled, 'dev-youth')
    await refused(() => youth().checkIn({ activityId: draft._id, code: codeAt(draft, START) }), 'ACTIVITY.NOT_PUBLISHED')
    await refused(() => youth().checkIn({ activityId: cancelled._id, code: codeAt(cancelled, START) }), 'ACTIVITY.CANCELLED')
    await refused(() => youth().checkOut({ activityId: cancelled._id, location: near }), 'ACTIVITY.CANCELLED')
    await refused(() => youth().checkIn({ activityId: 'nope', location: near }), 'ACTIVITY.NOT_FOUND')
  })

  it('refuses a method the activity turned off', async () => {
    const codeOnly = putActivity(cloud, { checkInModes: ['code'] })
    const geoOnly = putActivity(cloud, { checkInModes: ['geo', 'scan'] })
    enroll(cloud, codeOnly, 'dev-youth')
    enroll(cloud, geoOnly, 'dev-youth')
    await refused(() => youth().checkIn({ activityId: codeOnly._id, location: near }), 'ACTIVITY.MODE_DISABLED')
    await refused(() => youth().checkIn({ activityId: geoOnly._id, code: codeAt(geoOnly, START) }), 'ACTIVITY.MODE_DISABLED')
    ok(await youth().checkIn({ activityId: geoOnly._id, location: near }))
  })

  // docs/bad-inputs.md §19 and §6: the server's clock decides the window
  it.each([
    ['a minute before check-in opens', START - 31 * MIN, 'CHECKIN.WINDOW_CLOSED'],
    ['as check-in opens', START - 30 * MIN, null],
    ['at the end', END, null],
    ['a second after the end', END + 1000, 'CHECKIN.WINDOW_CLOSED'],
    ['the next day', END + 24 * 60 * MIN, 'CHECKIN.WINDOW_CLOSED'],
  ])('check-in %s → %s', async (_l, at, code) => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    cloud.clock.set(at)
    const call = () => youth().checkIn({ activityId: a._id, location: near })
    if (code) await refused(call, code)
    else expect(ok(await call()).participation.checkInAt).toBe(at)
  })

  // docs/domain.md invariant 8 and docs/bad-inputs.md §6
  it('refuses a client-sent check-in time or identity as unknown fields', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    await refused(() => youth().checkIn({ activityId: a._id, location: near, checkInAt: START - 60 * MIN }), 'GENERIC.BAD_INPUT')
    await refused(() => youth().checkIn({ activityId: a._id, location: near, at: START }), 'GENERIC.BAD_INPUT')
    await refused(() => youth().checkIn({ activityId: a._id, location: near, openid: 'seed-youth-0003' }), 'GENERIC.BAD_INPUT')
    await refused(() => youth().checkOut({ activityId: a._id, location: near, checkOutAt: END }), 'GENERIC.BAD_INPUT')
    await refused(() => youth().checkIn({ activityId: { $ne: null }, location: near }), 'GENERIC.BAD_INPUT')
  })

  it('checks in exactly once, also when the same person taps twice at once', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    const results = await Promise.all(Array.from({ length: 6 }, () => youth().checkIn({ activityId: a._id, code: codeAt(a, START) })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map(errCode)).toEqual(Array(5).fill('CHECKIN.ALREADY'))
    const first = participation(cloud, a, 'dev-youth')
    cloud.clock.advance(MIN)
    await refused(() => youth().checkIn({ activityId: a._id, location: near }), 'CHECKIN.ALREADY')
    expect(participation(cloud, a, 'dev-youth')).toEqual(first)
  })
})

describe('checkOut', () => {
  async function checkedIn(at: number, over: Parameters<typeof putActivity>[1] = {}) {
    const a = putActivity(cloud, over)
    enroll(cloud, a, 'dev-youth')
    cloud.clock.set(at)
    ok(await youth().checkIn({ activityId: a._id, location: near }))
    return a
  }

  // docs/bad-inputs.md §19
  it('refuses check-out before check-in, and a second check-out', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    cloud.clock.set(START + 60 * MIN)
    await refused(() => youth().checkOut({ activityId: a._id, location: near }), 'CHECKIN.NOT_CHECKED_IN')
    await refused(() => cloud.as('seed-youth-0004').activity.checkOut({ activityId: a._id, location: near }), 'SIGNUP.NOT_SIGNED')
    cloud.clock.set(START)
    ok(await youth().checkIn({ activityId: a._id, location: near }))
    cloud.clock.set(END)
    ok(await youth().checkOut({ activityId: a._id, location: near }))
    await refused(() => youth().checkIn({ activityId: a._id, location: near }), 'CHECKIN.ALREADY')
    cloud.clock.advance(MIN)
    await refused(() => youth().checkOut({ activityId: a._id, location: near }), 'CHECKIN.ALREADY_OUT')
  })

  it('checks out once when two check-outs race', async () => {
    const a = await checkedIn(START)
    cloud.clock.set(END)
    const results = await Promise.all(Array.from({ length: 5 }, () => youth().checkOut({ activityId: a._id, code: codeAt(a, END) })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map(errCode)).toEqual(Array(4).fill('CHECKIN.ALREADY_OUT'))
  })

  it.each([
    ['before the start', START - 1000, 'CHECKIN.WINDOW_CLOSED'],
    ['at the start', START, null],
    ['an hour after the end', END + 60 * MIN, null],
    ['just past the close', END + 60 * MIN + 1, 'CHECKIN.WINDOW_CLOSED'],
  ])('check-out %s → %s', async (_l, at, code) => {
    const a = await checkedIn(START - 20 * MIN)
    cloud.clock.set(at)
    const call = () => youth().checkOut({ activityId: a._id, location: near })
    if (code) await refused(call, code)
    else expect(ok(await call()).participation.checkOutAt).toBe(at)
  })

  it.each([
    // [scheduled span, checked in at (from start), checked out at (from start), minutes]
    ['a full stay after arriving early is capped at the span', 120, -25, 150, 120],
    ['2h10 counts 2h', 180, 0, 130, 120],
    ['2h40 counts 2h30', 180, 0, 160, 150],
    ['2h20 would round to 2h30, but never counts more than the stay', 180, 0, 140, 140],
    ['2h50 would round to 3h, but never counts more than the stay', 180, 0, 170, 170],
    ['exactly 60 % counts', 100, 0, 60, 60],
  ])('%s', async (_l, span, inAt, outAt, minutes) => {
    const a = await checkedIn(START + inAt * MIN, { endAt: START + span * MIN })
    cloud.clock.set(START + outAt * MIN)
    const { participation: view } = ok(await youth().checkOut({ activityId: a._id, location: near }))
    expect(view).toMatchObject({ minutes, review: 'pending', flags: [], checkOutAt: START + outAt * MIN })
    expect(participation(cloud, a, 'dev-youth')).toMatchObject({ minutes, review: 'pending' })
  })

  it('gives nothing below 60 % of the span, flagged for review, keeping earlier flags', async () => {
    const a = putActivity(cloud)
    enroll(cloud, a, 'dev-youth')
    cloud.clock.set(START)
    ok(await youth().checkIn({ activityId: a._id, location: far }))
    cloud.clock.set(START + 71 * MIN)
    const { participation: view } = ok(await youth().checkOut({ activityId: a._id, location: { ...near, accuracy: 300 } }))
    expect(view).toMatchObject({ minutes: 0, review: 'pending' })
    expect(view.flags.sort()).toEqual(['outside_fence', 'poor_accuracy', 'short_attendance'])
    expect(participation(cloud, a, 'dev-youth')!.checkOut).toMatchObject({ method: 'geo', at: START + 71 * MIN, location: { accuracy: 300, distance: 56 } })
  })
})

describe('walk-in', () => {
  it('lets an unsigned registered youth walk in without taking a place, flagged walk_in', async () => {
    const a = putActivity(cloud, { walkIn: true, signed: 3 })
    const { participation: view } = ok(await youth().checkIn({ activityId: a._id, code: codeAt(a, START) }))
    expect(view).toMatchObject({ status: 'signed', flags: ['walk_in'], checkInMethod: 'code' })
    const p = participation(cloud, a, 'dev-youth')!
    expect(p).toMatchObject({ userId: userIdFor(cloud.secrets, 'dev-youth'), userName: '王晓青', orgId: a.orgId, status: 'signed', signedAt: START })
    expect(cloud.emulator.store.get('activities', a._id)).toMatchObject({ signed: 3 })
    cloud.clock.set(END)
    expect(ok(await youth().checkOut({ activityId: a._id, location: near })).participation).toMatchObject({ minutes: 120, flags: ['walk_in'] })
  })

  it('takes a waitlisted youth off the waitlist count, and re-admits one who cancelled', async () => {
    const queue = { [participationIdFor('t-walk-queue', 'seed-youth-0005')]: 1, [participationIdFor('t-walk-queue', 'other-waiting')]: 2 }
    const a = putActivity(cloud, { _id: 't-walk-queue', walkIn: true, signed: 1, waitlisted: 2, queue })
    enroll(cloud, a, 'seed-youth-0005', { status: 'waitlisted', waitTicket: 1 })
    enroll(cloud, a, 'seed-youth-0006', { status: 'cancelled', approvals: 1 })
    ok(await cloud.as('seed-youth-0005').activity.checkIn({ activityId: a._id, location: near }))
    ok(await cloud.as('seed-youth-0006').activity.checkIn({ activityId: a._id, location: near }))
    // Off the waitlist (its queue entry and count), without taking a place.
    expect(cloud.emulator.store.get('activities', a._id)).toMatchObject({ signed: 1, waitlisted: 1, queue: { [participationIdFor(a._id, 'other-waiting')]: 2 } })
    expect(participation(cloud, a, 'seed-youth-0005')).toMatchObject({ status: 'signed', waitTicket: null, flags: ['walk_in'] })
    expect(participation(cloud, a, 'seed-youth-0006')).toMatchObject({ status: 'signed', approvals: 1, flags: ['walk_in'] })
  })

  it('refuses an unregistered person, someone outside the audience, and a check-out without a check-in', async () => {
    const a = putActivity(cloud, { walkIn: true, audience: { type: 'org', orgId: 'yc-rc' } })
    await refused(() => cloud.as('stranger').activity.checkIn({ activityId: a._id, location: near }), 'USER.NOT_REGISTERED')
    await refused(() => cloud.as('dev-rep').activity.checkIn({ activityId: a._id, location: near }), 'ACTIVITY.NOT_IN_AUDIENCE')
    cloud.clock.set(START + 30 * MIN)
    await refused(() => youth().checkOut({ activityId: a._id, location: near }), 'CHECKIN.NOT_CHECKED_IN')
  })
})

describe('myCode', () => {
  it("gives the youth's own signed code and name, and refuses the unregistered", async () => {
    const mine = ok(await youth().myCode({}))
    const userId = userIdFor(cloud.secrets, 'dev-youth')
    expect(mine).toEqual({ personCode: `tq1.${userId}.${personMac(cloud.secrets)(userId).slice(0, 10)}`, userName: '王晓青' })
    expect(mine.personCode.length).toBeLessThanOrEqual(64)
    expect(ok(await cloud.as('seed-youth-0001').activity.myCode({})).personCode).not.toBe(mine.personCode)
    expect(errCode(await cloud.as('stranger').activity.myCode({}))).toBe('USER.NOT_REGISTERED')
    expect(errCode(await youth().myCode({ userId: 'u_someone' }))).toBe('GENERIC.BAD_INPUT')
  })
})

describe('attendanceBoard', () => {
  it('shows managers live counts and a code that works, rotating every 30 seconds', async () => {
    const a = putActivity(cloud, { walkIn: true })
    enroll(cloud, a, 'dev-youth')
    enroll(cloud, a, 'seed-youth-0007')
    enroll(cloud, a, 'seed-youth-0008', { status: 'waitlisted', waitTicket: 1 })
    enroll(cloud, a, 'seed-youth-0009', { status: 'cancelled' })
    cloud.clock.set(START + 12_345)
    const board = ok(await cloud.as('dev-cadre').activity.attendanceBoard({ activityId: a._id }))
    expect(board.serverTime).toBe(START + 12_345)
    expect(board.counts).toEqual({ signed: 2, waitlisted: 1, checkedIn: 0, checkedOut: 0, flagged: 0 })
    expect(board.code).toEqual({
      value: codeAt(a, START + 12_345),
      short: shortCode(a._id, stepAt(START + 12_345), activityMac(a.secret)),
      step: stepAt(START + 12_345),
      expiresAt: (stepAt(START + 12_345) + 1) * STEP_MS,
    })
    expect(board.code!.short).toMatch(/^[0-9]{6}$/)
    expect(board.code!.value.length).toBeLessThanOrEqual(32)

    ok(await youth().checkIn({ activityId: a._id, code: board.code!.value }))
    ok(await cloud.as('seed-youth-0007').activity.checkIn({ activityId: a._id, location: far }))
    ok(await cloud.as('seed-youth-0010').activity.checkIn({ activityId: a._id, location: near }))
    cloud.clock.set(END)
    ok(await youth().checkOut({ activityId: a._id, location: near }))
    const later = ok(await cloud.as('dev-admin').activity.attendanceBoard({ activityId: a._id }))
    expect(later.counts).toEqual({ signed: 3, waitlisted: 1, checkedIn: 3, checkedOut: 1, flagged: 2 })
    expect(later.code!.value).not.toBe(board.code!.value)
    expect(JSON.stringify([board, later])).not.toContain(a.secret)
  })

  it('shows no code when code check-in is off, outside the windows, or for a cancelled activity', async () => {
    const noCode = putActivity(cloud, { checkInModes: ['geo', 'scan'] })
    const live = putActivity(cloud)
    const cancelled = putActivity(cloud, { status: 'cancelled' })
    const board = async (id: string) => ok(await cloud.as('dev-cadre').activity.attendanceBoard({ activityId: id })).code
    expect(await board(noCode._id)).toBeNull()
    expect(await board(cancelled._id)).toBeNull()
    cloud.clock.set(START - 31 * MIN)
    expect(await board(live._id)).toBeNull()
    cloud.clock.set(START - 30 * MIN)
    expect(await board(live._id)).not.toBeNull()
    cloud.clock.set(END + 60 * MIN)
    expect(await board(live._id)).not.toBeNull()
    cloud.clock.set(END + 60 * MIN + 1)
    expect(await board(live._id)).toBeNull()
  })

  it('is for managers in scope only', async () => {
    const a = putActivity(cloud)
    for (const who of ['dev-youth', 'dev-yuci-admin', 'dev-rep']) {
      expect(errCode(await cloud.as(who).activity.attendanceBoard({ activityId: a._id }))).toBe('AUTH.FORBIDDEN')
    }
    expect(errCode(await cloud.as('dev-cadre').activity.attendanceBoard({ activityId: 'nope' }))).toBe('ACTIVITY.NOT_FOUND')
  })
})

it('never answers with the activity secret', async () => {
  const a = putActivity(cloud)
  enroll(cloud, a, 'dev-youth')
  const replies = [await youth().checkIn({ activityId: a._id, code: codeAt(a, START) })]
  cloud.clock.set(END)
  replies.push(await youth().checkOut({ activityId: a._id, code: codeAt(a, END) }))
  expect(JSON.stringify(replies)).not.toContain(a.secret)
  expect(JSON.stringify(replies)).not.toContain('secret')
})
