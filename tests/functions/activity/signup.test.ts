import { randomUUID } from 'node:crypto'
import { PRIVACY_VERSION } from '../../../types/enums'
import { clearLocalOutbox, localOutbox } from '../../../cloudfunctions/_core/platform/notify'
import { participationIdFor } from '../../../cloudfunctions/_core/activity/activity.repo'
import { idNumber, realNamed, registration } from '../../fixtures/people'
import { createActivityInput } from '../../fixtures/activities'
import { errCode, ok, snapshot, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/** 报名 and 候补 (docs/domain.md invariant 5: one participation per youth, signed ≤ capacity, under concurrency). */
let cloud: TestCloud
const crowd = Array.from({ length: 30 }, (_, i) => `crowd-${String(i).padStart(2, '0')}`)
beforeAll(async () => {
  cloud = await testCloud()
  for (const [i, openid] of crowd.entries()) {
    ok(await cloud.as(openid).user.register(realNamed({ phone: `1370000${String(i).padStart(4, '0')}`, realName: `青年${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅'[Math.floor(i / 10)]}`, orgId: 'yc-rc-b1' })))
  }
  ok(await cloud.as('fc-youth').user.register(realNamed({ phone: '13600008888', orgId: 'yc-fc-b1', realName: '凤城青年' })))
}, 30_000)
afterAll(() => cloud.close())
beforeEach(() => {
  clearLocalOutbox()
  cloud.clock.set(TEST_NOW)
})

const H = 3600_000

/** createActivityInput's schedule, for the town (yc-rc) with ten places. */
const input = (over: Record<string, unknown> = {}) =>
  createActivityInput({ orgId: 'yc-rc', title: '敬老院探访', description: '陪老人聊天、打扫卫生。', place: { name: '润城镇敬老院', lat: 35.48, lng: 112.4 }, capacity: 10, ...over })
async function draft(over: Record<string, unknown> = {}) {
  return ok(await cloud.as('dev-cadre').activity.createActivity(input(over))).activity
}
async function published(over: Record<string, unknown> = {}) {
  const a = await draft(over)
  return ok(await cloud.as('dev-cadre').activity.publishActivity({ activityId: a.id })).activity
}

const stored = (id: string) => cloud.emulator.store.get('activities', id) as Record<string, any>
const parts = (activityId: string, status?: string) => cloud.docs('participations', status ? { activityId, status } : { activityId })

describe('signUp', () => {
  it('asks a youth who has not accepted the privacy guide now in force to do so first, for sign-up and declarations', async () => {
    ok(await cloud.as('stale-youth').user.register(realNamed({ phone: '13600006666', orgId: 'yc-rc-b1', realName: '旧版青年' })))
    const userId = ok(await cloud.as('stale-youth').user.me({})).profile!.userId
    cloud.emulator.store.upsert('profiles', { ...cloud.emulator.store.get('profiles', userId)!, privacyVersion: '2020-01-01' })
    const a = await published()
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('stale-youth').activity.signUp({ activityId: a.id }))).toBe('USER.PRIVACY_NOT_ACCEPTED')
    const declaration = { requestId: randomUUID(), orgId: 'yc-rc-b1', title: '帮邻居收玉米', date: '2026-11-20', minutes: 120, evidenceText: '村委会可证明' }
    expect(errCode(await cloud.as('stale-youth').activity.declareHours(declaration))).toBe('USER.PRIVACY_NOT_ACCEPTED')
    expect(snapshot(cloud)).toBe(before)
    ok(await cloud.as('stale-youth').user.acceptPrivacy({ privacyVersion: PRIVACY_VERSION }))
    ok(await cloud.as('stale-youth').activity.signUp({ activityId: a.id }))
    ok(await cloud.as('stale-youth').activity.declareHours(declaration))
  })

  it('asks for 实名 (an ID number on file) where the activity requires it, and only there', async () => {
    ok(await cloud.as('no-id-youth').user.register(registration({ phone: '13600007777', orgId: 'yc-rc-b1', realName: '无证青年' })))
    const strict = await published()
    const open = await published({ realNameRequired: false })
    const before = snapshot(cloud)
    const refused = await cloud.as('no-id-youth').activity.signUp({ activityId: strict.id })
    expect(errCode(refused)).toBe('SIGNUP.REAL_NAME_REQUIRED')
    expect(refused.ok ? '' : refused.error.message).toContain('身份证号')
    expect(snapshot(cloud)).toBe(before)
    ok(await cloud.as('no-id-youth').activity.signUp({ activityId: open.id }))
    // Once the ID number is in the profile, the 实名 activity takes them too.
    ok(await cloud.as('no-id-youth').user.updateProfile({ idNumber: idNumber('2000-06-15', 'female', 77) }))
    ok(await cloud.as('no-id-youth').activity.signUp({ activityId: strict.id }))
  })

  it('signs a registered youth up once, with a clean record and the counter moved in step', async () => {
    const a = await published()
    const { participation } = ok(await cloud.as('dev-youth').activity.signUp({ activityId: a.id, subscribed: true }))
    expect(participation).toMatchObject({
      id: participationIdFor(a.id, 'dev-youth'),
      activityId: a.id,
      status: 'signed',
      waitlistPosition: null,
      signedAt: TEST_NOW,
      checkInAt: null,
      checkOutAt: null,
      checkInMethod: null,
      flags: [],
      minutes: null,
      review: 'none',
      approvedMinutes: 0,
    })
    const [doc] = parts(a.id)
    expect(doc).toMatchObject({ openid: 'dev-youth', orgId: 'yc-rc', userName: '王晓青', subscribed: true, approvals: 0, checkIn: null, checkOut: null, waitTicket: null })
    expect(doc.userId).toMatch(/^u_/)
    expect(stored(a.id)).toMatchObject({ signed: 1, waitlisted: 0 })

    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-youth').activity.signUp({ activityId: a.id }))).toBe('SIGNUP.ALREADY')
    expect(snapshot(cloud)).toBe(before)
  })

  it('makes one participation and takes one place when the same youth taps sign-up five times at once', async () => {
    const a = await published()
    const results = await Promise.all(Array.from({ length: 5 }, () => cloud.as('dev-youth').activity.signUp({ activityId: a.id })))
    // Each tap is told the truth: signed (the taps that lost the race find the place already theirs) or already signed.
    for (const r of results) {
      if (r.ok) expect(r.data.participation.status).toBe('signed')
      else expect(errCode(r)).toBe('SIGNUP.ALREADY')
    }
    expect(parts(a.id)).toHaveLength(1)
    expect(stored(a.id).signed).toBe(1)
    expect(Object.keys(stored(a.id).seats)).toEqual([parts(a.id)[0]._id])
    expect(errCode(await cloud.as('dev-youth').activity.signUp({ activityId: a.id }))).toBe('SIGNUP.ALREADY')
  })

  it.each<[string, string, () => Promise<string>, string]>([
    ['a draft', 'dev-youth', async () => (await draft()).id, 'ACTIVITY.NOT_PUBLISHED'],
    ['a cancelled activity', 'dev-youth', async () => {
      const a = await published()
      ok(await cloud.as('dev-cadre').activity.cancelActivity({ activityId: a.id, reason: '场地维修' }))
      return a.id
    }, 'ACTIVITY.CANCELLED'],
    ['before sign-up opens', 'dev-youth', async () => (await published({ signUpStartAt: TEST_NOW + H })).id, 'SIGNUP.CLOSED'],
    ['someone without a profile', 'nobody', async () => (await published()).id, 'USER.NOT_REGISTERED'],
    ['a youth outside an org audience', 'fc-youth', async () => (await published({ audience: { type: 'org', orgId: 'yc-rc' } })).id, 'ACTIVITY.NOT_IN_AUDIENCE'],
    ['an unknown activity', 'dev-youth', async () => 'a00000000000', 'ACTIVITY.NOT_FOUND'],
  ])('refuses %s', async (_l, who, make, code) => {
    const id = await make()
    const before = snapshot(cloud)
    expect(errCode(await cloud.as(who).activity.signUp({ activityId: id }))).toBe(code)
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses signing up after the close (21), and payload identity or times (6, 9)', async () => {
    const a = await published()
    const before = snapshot(cloud)
    cloud.clock.set(a.signUpEndAt)
    expect(errCode(await cloud.as('dev-youth').activity.signUp({ activityId: a.id }))).toBe('SIGNUP.CLOSED')
    cloud.clock.set(TEST_NOW)
    expect(errCode(await cloud.as('dev-youth').activity.signUp({ activityId: a.id, openid: 'crowd-00' }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-youth').activity.signUp({ activityId: a.id, signedAt: 0 }))).toBe('GENERIC.BAD_INPUT')
    expect(errCode(await cloud.as('dev-youth').activity.signUp({ activityId: { $ne: null } }))).toBe('GENERIC.BAD_INPUT')
    expect(snapshot(cloud)).toBe(before)
  })

  it('admits a youth of the audience org’s subtree', async () => {
    const a = await published({ audience: { type: 'org', orgId: 'yc-rc' } })
    expect(ok(await cloud.as('dev-youth').activity.signUp({ activityId: a.id })).participation.status).toBe('signed')
  })

  it('refuses a full activity without a waitlist (21) and waitlists when it has one', async () => {
    const closed = await published({ capacity: 1, waitlist: false })
    ok(await cloud.as('crowd-00').activity.signUp({ activityId: closed.id }))
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('crowd-01').activity.signUp({ activityId: closed.id }))).toBe('SIGNUP.FULL')
    expect(snapshot(cloud)).toBe(before)

    const open = await published({ capacity: 1 })
    ok(await cloud.as('crowd-00').activity.signUp({ activityId: open.id }))
    expect(ok(await cloud.as('crowd-01').activity.signUp({ activityId: open.id })).participation).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect(ok(await cloud.as('crowd-02').activity.signUp({ activityId: open.id })).participation).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 })
    expect(stored(open.id)).toMatchObject({ signed: 1, waitlisted: 2 })
  })
})

describe('cancelSignUp', () => {
  it('cancels before the start; twice is NOT_SIGNED (21); re-signing reuses the same record', async () => {
    const a = await published()
    ok(await cloud.as('dev-youth').activity.signUp({ activityId: a.id }))
    expect(ok(await cloud.as('dev-youth').activity.cancelSignUp({ activityId: a.id })).participation.status).toBe('cancelled')
    expect(stored(a.id).signed).toBe(0)
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-youth').activity.cancelSignUp({ activityId: a.id }))).toBe('SIGNUP.NOT_SIGNED')
    expect(errCode(await cloud.as('crowd-05').activity.cancelSignUp({ activityId: a.id }))).toBe('SIGNUP.NOT_SIGNED')
    expect(snapshot(cloud)).toBe(before)
    expect(ok(await cloud.as('dev-youth').activity.signUp({ activityId: a.id })).participation.status).toBe('signed')
    expect(parts(a.id)).toHaveLength(1)
    expect(stored(a.id).signed).toBe(1)
  })

  it('refuses cancelling once the activity has started', async () => {
    const a = await published()
    ok(await cloud.as('dev-youth').activity.signUp({ activityId: a.id }))
    cloud.clock.set(a.startAt)
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-youth').activity.cancelSignUp({ activityId: a.id }))).toBe('SIGNUP.TOO_LATE_TO_CANCEL')
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses cancelling once checked in, even before the start (check-in opens early)', async () => {
    const a = await published()
    ok(await cloud.as('dev-youth').activity.signUp({ activityId: a.id }))
    const id = participationIdFor(a.id, 'dev-youth')
    cloud.emulator.store.upsert('participations', { ...cloud.emulator.store.get('participations', id), checkIn: { method: 'code', at: TEST_NOW } })
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('dev-youth').activity.cancelSignUp({ activityId: a.id }))).toBe('SIGNUP.TOO_LATE_TO_CANCEL')
    expect(snapshot(cloud)).toBe(before)
  })

  it('keeps a walk-in (who took no place) on record: checked in on arrival, they cannot cancel', async () => {
    const a = await published({ capacity: 1 })
    ok(await cloud.as('crowd-00').activity.signUp({ activityId: a.id }))
    ok(await cloud.as('crowd-01').activity.signUp({ activityId: a.id }))
    // As check-in records a walk-in: signed, checked in, flagged, not counted against capacity.
    const walkIn = {
      ...cloud.emulator.store.get('participations', participationIdFor(a.id, 'crowd-00')),
      _id: participationIdFor(a.id, 'crowd-02'),
      openid: 'crowd-02',
      flags: ['walk_in'],
      checkIn: { method: 'code', at: TEST_NOW },
    }
    cloud.emulator.store.upsert('participations', walkIn)
    const before = snapshot(cloud)
    expect(errCode(await cloud.as('crowd-02').activity.cancelSignUp({ activityId: a.id }))).toBe('SIGNUP.TOO_LATE_TO_CANCEL')
    expect(snapshot(cloud)).toBe(before)
    expect(stored(a.id)).toMatchObject({ signed: 1, waitlisted: 1 })
    expect(parts(a.id, 'waitlisted').map((p) => p.openid)).toEqual(['crowd-01'])
  })

  it('lets a waitlisted youth leave the queue; the others move up', async () => {
    const a = await published({ capacity: 1 })
    for (const who of ['crowd-00', 'crowd-01', 'crowd-02']) ok(await cloud.as(who).activity.signUp({ activityId: a.id }))
    ok(await cloud.as('crowd-01').activity.cancelSignUp({ activityId: a.id }))
    expect(stored(a.id)).toMatchObject({ signed: 1, waitlisted: 1 })
    expect(ok(await cloud.as('crowd-02').activity.getActivity({ activityId: a.id })).mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect(localOutbox).toHaveLength(0)
  })
})

describe('races (docs/bad-inputs.md §29)', () => {
  it('30 youth at once for 10 places with a waitlist: exactly 10 signed, 20 waitlisted in ticket order', async () => {
    const a = await published({ capacity: 10 })
    const results = await Promise.all(crowd.map((who) => cloud.as(who).activity.signUp({ activityId: a.id, subscribed: true })))
    expect(results.map((r) => errCode(r)).filter(Boolean)).toEqual([])
    expect(stored(a.id)).toMatchObject({ signed: 10, waitlisted: 20 })
    expect(parts(a.id, 'signed')).toHaveLength(10)
    const waiting = parts(a.id, 'waitlisted').sort((x, y) => x.waitTicket - y.waitTicket)
    expect(waiting).toHaveLength(20)
    expect(new Set(waiting.map((p) => p.waitTicket)).size).toBe(20)
    // The activity's queue names the same people under the same tickets.
    expect(stored(a.id).queue).toEqual(Object.fromEntries(waiting.map((p) => [p._id, p.waitTicket])))

    // A signed youth gives up their place: the first on the waitlist gets it and is told (if subscribed).
    const first = waiting[0]
    const leaver = parts(a.id, 'signed')[0]
    ok(await cloud.as(leaver.openid).activity.cancelSignUp({ activityId: a.id }))
    expect(cloud.emulator.store.get('participations', first._id)).toMatchObject({ status: 'signed', waitTicket: null })
    expect(stored(a.id)).toMatchObject({ signed: 10, waitlisted: 19 })
    expect(localOutbox).toEqual([expect.objectContaining({ openid: first.openid, template: 'waitlist_promoted', at: TEST_NOW })])
    const second = waiting[1]
    expect(ok(await cloud.as(second.openid).activity.getActivity({ activityId: a.id })).mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
  }, 30_000)

  it('30 youth at once for 10 places without a waitlist: 10 signed, 20 SIGNUP.FULL', async () => {
    const a = await published({ capacity: 10, waitlist: false })
    const results = await Promise.all(crowd.map((who) => cloud.as(who).activity.signUp({ activityId: a.id })))
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    expect(results.filter((r) => !r.ok).map((r) => errCode(r))).toEqual(Array(20).fill('SIGNUP.FULL'))
    expect(stored(a.id)).toMatchObject({ signed: 10, waitlisted: 0 })
    expect(parts(a.id)).toHaveLength(10)
  }, 30_000)

  it('five cancel at once while others join: the waitlist moves up in ticket order and signed stays ≤ capacity', async () => {
    const a = await published({ capacity: 5 })
    for (const who of crowd.slice(0, 12)) ok(await cloud.as(who).activity.signUp({ activityId: a.id, subscribed: true }))
    const results = await Promise.all([
      ...crowd.slice(0, 5).map((who) => cloud.as(who).activity.cancelSignUp({ activityId: a.id })),
      ...crowd.slice(12, 16).map((who) => cloud.as(who).activity.signUp({ activityId: a.id })),
    ])
    expect(results.map((r) => errCode(r)).filter(Boolean)).toEqual([])
    const signed = parts(a.id, 'signed').map((p) => p.openid).sort()
    expect(signed).toEqual(crowd.slice(5, 10))
    expect(stored(a.id)).toMatchObject({ signed: 5, waitlisted: 2 + 4 })
    expect(parts(a.id, 'waitlisted')).toHaveLength(6)
    expect(localOutbox.map((m) => m.openid).sort()).toEqual(crowd.slice(5, 10))
  }, 30_000)
})

describe('myActivities', () => {
  it('lists my live sign-ups, upcoming soonest first, past latest first, page by page', async () => {
    const soon = await published({ title: '我的·较近', capacity: 5 })
    const later = await published({ title: '我的·较远', capacity: 5, startAt: TEST_NOW + 60 * H, endAt: TEST_NOW + 62 * H })
    const dropped = await published({ title: '我的·已取消报名', capacity: 5 })
    for (const a of [later, soon, dropped]) ok(await cloud.as('crowd-29').activity.signUp({ activityId: a.id }))
    ok(await cloud.as('crowd-29').activity.cancelSignUp({ activityId: dropped.id }))

    const page1 = ok(await cloud.as('crowd-29').activity.myActivities({ limit: 1 }))
    const upcoming = page1.items.map((r) => r.activity.id)
    let cursor = page1.nextCursor
    while (cursor) {
      const page = ok(await cloud.as('crowd-29').activity.myActivities({ limit: 1, cursor }))
      upcoming.push(...page.items.map((r) => r.activity.id))
      cursor = page.nextCursor
    }
    const mineHere = upcoming.filter((id) => [soon.id, later.id, dropped.id].includes(id))
    expect(mineHere).toEqual([soon.id, later.id])
    expect(page1.items[0].participation.activityId).toBe(page1.items[0].activity.id)

    cloud.clock.set(TEST_NOW + 61 * H)
    const past = ok(await cloud.as('crowd-29').activity.myActivities({ when: 'past' })).items.map((r) => r.activity.id)
    expect(past.indexOf(soon.id)).toBeGreaterThanOrEqual(0)
    expect(past).not.toContain(later.id)
    const stillUpcoming = ok(await cloud.as('crowd-29').activity.myActivities({})).items.map((r) => r.activity.id)
    expect(stillUpcoming).toContain(later.id)
    expect(errCode(await cloud.as('crowd-29').activity.myActivities({ cursor: 'x' }))).toBe('GENERIC.BAD_INPUT')
  })
})
