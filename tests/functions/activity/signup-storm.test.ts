import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import type { Db } from '../../../cloudfunctions/_core/runtime/db'
import type { Deps } from '../../../cloudfunctions/_core/runtime/context'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { SWEEP_GRACE_MS } from '../../../cloudfunctions/_core/activity'
import { actions } from '../../../cloudfunctions/activity/actions'
import { activityContract } from '../../../types/contract/activity'
import { createActivityInput } from '../../fixtures/activities'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'
import { failing } from '../../fixtures/failing-db'

/**
 * 报名 under a storm (docs/domain.md invariant 5; runtime/places.ts): every answer is the real
 * outcome — signed, waitlisted or full — never GENERIC.CONFLICT, and what the activity's places say
 * always matches the participations.
 */
let cloud: TestCloud
const YOUTH = 520
const youth = Array.from({ length: YOUTH }, (_, i) => `seed-youth-${String(i + 1).padStart(4, '0')}`)
beforeAll(async () => {
  cloud = await testCloud({ youth: YOUTH })
}, 60_000)
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

const stored = (id: string) => cloud.emulator.store.get('activities', id) as Record<string, any>
const parts = (activityId: string, status?: string) => cloud.docs('participations', status ? { activityId, status } : { activityId })

async function published(capacity: number, over: Record<string, unknown> = {}) {
  const input = createActivityInput({ orgId: 'yc', capacity, realNameRequired: false, ...over })
  const a = ok(await cloud.as('dev-admin').activity.createActivity(input)).activity
  return ok(await cloud.as('dev-admin').activity.publishActivity({ activityId: a.id })).activity
}

/** The places maps agree with the participations, and signed never passes capacity. */
function assertPlacesMatch(activityId: string) {
  const a = stored(activityId)
  const signed = parts(activityId, 'signed').filter((p) => !p.flags.includes('walk_in'))
  const waiting = parts(activityId, 'waitlisted')
  expect(a.signed).toBeLessThanOrEqual(a.capacity)
  expect(a.signed).toBe(signed.length)
  expect(a.waitlisted).toBe(waiting.length)
  expect(Object.keys(a.seats).sort()).toEqual(signed.map((p) => p._id).sort())
  expect(a.queue).toEqual(Object.fromEntries(waiting.map((p) => [p._id, p.waitTicket])))
}

/** Waitlisted openids, head first, as getActivity tells each of them. */
async function waitlistAsTold(activityId: string): Promise<string[]> {
  const waiting = parts(activityId, 'waitlisted')
  const told = await Promise.all(waiting.map(async (p) => [p.openid, ok(await cloud.as(p.openid).activity.getActivity({ activityId })).mine!.waitlistPosition] as const))
  const positions = told.map(([, pos]) => pos).sort((x, y) => x! - y!)
  expect(positions).toEqual(Array.from({ length: waiting.length }, (_, i) => i + 1))
  return told.sort((x, y) => x[1]! - y[1]!).map(([openid]) => openid)
}

const tally = (xs: string[]) => xs.reduce<Record<string, number>>((t, x) => ({ ...t, [x]: (t[x] ?? 0) + 1 }), {})

const byTicket = (activityId: string) =>
  parts(activityId, 'waitlisted')
    .sort((x, y) => x.waitTicket - y.waitTicket)
    .map((p) => p.openid)

describe('a sign-up storm', () => {
  it('500 youth at once for 20 places: exactly 20 signed, 480 waitlisted in arrival order, no CONFLICT', async () => {
    const a = await published(20)
    const storm = youth.slice(0, 500)
    const answers = await Promise.all(storm.map((who) => cloud.as(who).activity.signUp({ activityId: a.id })))
    expect(tally(answers.map((r) => (r.ok ? r.data.participation.status : errCode(r)!)))).toEqual({ signed: 20, waitlisted: 480 })
    assertPlacesMatch(a.id)
    // Arrival order: the ticket each got when it asked; what each is told follows it exactly.
    expect(await waitlistAsTold(a.id)).toEqual(byTicket(a.id))
    // Everyone who got a place asked no later than the head of the waitlist, give or take the ones
    // in flight at the moment the last place went.
    const lastSeat = Math.max(...Object.values(stored(a.id).seats as Record<string, number>))
    const later = parts(a.id, 'waitlisted').filter((p) => p.waitTicket < lastSeat)
    expect(later.length).toBeLessThan(50)
  }, 120_000)

  it('without a waitlist: 20 signed and 180 SIGNUP.FULL, each told so', async () => {
    const a = await published(20, { waitlist: false })
    const answers = await Promise.all(youth.slice(0, 200).map((who) => cloud.as(who).activity.signUp({ activityId: a.id })))
    expect(tally(answers.map((r) => (r.ok ? r.data.participation.status : errCode(r)!)))).toEqual({ signed: 20, 'SIGNUP.FULL': 180 })
    assertPlacesMatch(a.id)
  }, 120_000)

  it('sign-ups and cancellations at once: signed never above capacity, each freed place promoted once, in ticket order', async () => {
    const a = await published(30)
    const first = youth.slice(0, 100)
    for (const r of await Promise.all(first.map((who) => cloud.as(who).activity.signUp({ activityId: a.id, subscribed: true })))) ok(r)
    const seated = parts(a.id, 'signed').map((p) => p.openid)
    const headBefore = byTicket(a.id)
    const leaving = seated.slice(0, 15)
    const waitingLeaving = headBefore.slice(40, 50)
    const joining = youth.slice(100, 200)
    // Sample signed while the storm runs: it must never pass capacity.
    let peak = 0
    const sampler = setInterval(() => (peak = Math.max(peak, stored(a.id).signed)), 1)
    const answers = await Promise.all([
      ...leaving.map((who) => cloud.as(who).activity.cancelSignUp({ activityId: a.id })),
      ...waitingLeaving.map((who) => cloud.as(who).activity.cancelSignUp({ activityId: a.id })),
      ...joining.map((who) => cloud.as(who).activity.signUp({ activityId: a.id, subscribed: true })),
    ])
    clearInterval(sampler)
    expect(tally(answers.map((r) => (r.ok ? 'ok' : errCode(r)!)))).toEqual({ ok: 125 })
    expect(peak).toBeLessThanOrEqual(30)
    assertPlacesMatch(a.id)
    expect(stored(a.id).signed).toBe(30)
    // The 15 freed places went to the first 15 who were waiting (none of whom left), exactly once each.
    const promoted = headBefore.slice(0, 15)
    const nowSigned = new Set(parts(a.id, 'signed').map((p) => p.openid))
    for (const who of promoted) expect(nowSigned.has(who)).toBe(true)
    const told = cloud.docs(COLLECTIONS.outbox).filter((m) => m.template === 'waitlist_promoted' && m.subject === a.id)
    expect(told.map((m) => m.to.openid).sort()).toEqual([...promoted].sort())
    // Newcomers queue behind everyone who was already waiting.
    const order = byTicket(a.id)
    expect(order.slice(0, 70 - 15 - 10)).toEqual(headBefore.filter((w) => !promoted.includes(w) && !waitingLeaving.includes(w)))
    expect(await waitlistAsTold(a.id)).toEqual(order)
  }, 120_000)

  it('a larger capacity lets the head of the waitlist in, once, while others still sign up', async () => {
    const a = await published(5)
    for (const who of youth.slice(0, 15)) ok(await cloud.as(who).activity.signUp({ activityId: a.id }))
    const head = byTicket(a.id).slice(0, 5)
    const [raised] = await Promise.all([
      cloud.as('dev-admin').activity.updateActivity({ activityId: a.id, capacity: 10 }),
      ...youth.slice(15, 40).map((who) => cloud.as(who).activity.signUp({ activityId: a.id })),
    ])
    ok(raised)
    assertPlacesMatch(a.id)
    expect(stored(a.id).signed).toBe(10)
    const nowSigned = new Set(parts(a.id, 'signed').map((p) => p.openid))
    for (const who of head) expect(nowSigned.has(who)).toBe(true)
  }, 60_000)
})

describe('lost replies and crashes', () => {
  const handlerWith = (db: Db) => createHandler(activityContract, actions, (): Deps => ({ ...cloud.deps(), db }))

  it('a sign-up whose answer was lost is retried into the same place, never a second one', async () => {
    const a = await published(10)
    let n = 0
    const flaky = handlerWith(failing(cloud.deps().db, (c) => (c === 'activities' && n++ % 2 === 0 ? 'lost' : null)))
    const storm = youth.slice(300, 340)
    const first = await Promise.all(storm.map((who) => flaky.handle({ action: 'signUp', payload: { activityId: a.id } }, localCaller(who))))
    expect(first.filter((r) => !r.ok).length).toBeGreaterThan(5)
    // Each youth whose answer was lost asks again (the app does), through a sound connection.
    for (const [i, r] of first.entries()) if (!r.ok) expect(ok(await cloud.as(storm[i]).activity.signUp({ activityId: a.id })).participation.status).toMatch(/signed|waitlisted/)
    assertPlacesMatch(a.id)
    expect(stored(a.id)).toMatchObject({ signed: 10, waitlisted: 30 })
  }, 60_000)

  it('a cancel whose answer was lost, asked again, gives its place to the head of the waitlist at once', async () => {
    const a = await published(2)
    for (const who of youth.slice(430, 434)) ok(await cloud.as(who).activity.signUp({ activityId: a.id, subscribed: true }))
    const head = byTicket(a.id)[0]
    const leaver = parts(a.id, 'signed')[0].openid
    const lost = handlerWith(failing(cloud.deps().db, (c) => (c === 'participations' ? 'lost' : null)))
    expect((await lost.handle({ action: 'cancelSignUp', payload: { activityId: a.id } }, localCaller(leaver))).ok).toBe(false)
    // The participation says cancelled, but the place was never given back.
    expect(stored(a.id).signed).toBe(2)
    const again = ok(await cloud.as(leaver).activity.cancelSignUp({ activityId: a.id }))
    expect(again.participation.status).toBe('cancelled')
    assertPlacesMatch(a.id)
    expect(parts(a.id, 'signed').map((p) => p.openid)).toContain(head)
    // A third time it is simply not signed up.
    expect(errCode(await cloud.as(leaver).activity.cancelSignUp({ activityId: a.id }))).toBe('SIGNUP.NOT_SIGNED')
  }, 60_000)

  it('a place whose participation never got written is freed by the sweep and goes to the head of the waitlist, once', async () => {
    const a = await published(3)
    for (const who of youth.slice(400, 402)) ok(await cloud.as(who).activity.signUp({ activityId: a.id, subscribed: true }))
    // The last place is taken, and the function dies before writing the participation.
    const dying = handlerWith(failing(cloud.deps().db, (c, op) => (c === 'participations' && op === 'set' ? 'crash' : null)))
    expect((await dying.handle({ action: 'signUp', payload: { activityId: a.id } }, localCaller(youth[402]))).ok).toBe(false)
    expect(stored(a.id).signed).toBe(3)
    for (const who of youth.slice(403, 406)) expect(ok(await cloud.as(who).activity.signUp({ activityId: a.id, subscribed: true })).participation.status).toBe('waitlisted')
    const head = byTicket(a.id)[0]
    // Within the grace nothing is touched: the call might still be running.
    cloud.clock.advance(SWEEP_GRACE_MS / 2)
    expect(ok(await cloud.timer('activity', 'sweepPlaces'))).toMatchObject({ freed: 0, dropped: 0, promoted: 0 })
    cloud.clock.advance(SWEEP_GRACE_MS)
    expect(ok(await cloud.timer('activity', 'sweepPlaces'))).toMatchObject({ freed: 1, promoted: 1 })
    assertPlacesMatch(a.id)
    expect(parts(a.id, 'signed').map((p) => p.openid)).toContain(head)
    expect(cloud.docs(COLLECTIONS.outbox).filter((m) => m.template === 'waitlist_promoted' && m.to.openid === head)).toHaveLength(1)
    // Twice is once.
    expect(ok(await cloud.timer('activity', 'sweepPlaces'))).toMatchObject({ freed: 0, dropped: 0, promoted: 0 })
    // The youth whose sign-up died can sign up again (and waits, as the activity is full).
    expect(ok(await cloud.as(youth[402]).activity.signUp({ activityId: a.id })).participation.status).toBe('waitlisted')
  }, 60_000)

  it('a promotion cut short before the participation was written is finished by the sweep and told once', async () => {
    const a = await published(2)
    for (const who of youth.slice(420, 425)) ok(await cloud.as(who).activity.signUp({ activityId: a.id, subscribed: true }))
    const head = byTicket(a.id)[0]
    const headId = parts(a.id, 'waitlisted').find((p) => p.openid === head)!._id
    const seated = parts(a.id, 'signed')[0].openid
    // The cancel moves the head into the freed place, then dies before writing the head's participation down.
    const dying = handlerWith(
      new Proxy(cloud.deps().db, {
        get(target, prop) {
          if (prop === 'runTransaction') return () => Promise.reject(new Error('function killed'))
          return (target as any)[prop]
        },
      }) as Db,
    )
    expect((await dying.handle({ action: 'cancelSignUp', payload: { activityId: a.id } }, localCaller(seated))).ok).toBe(false)
    expect(Object.keys(stored(a.id).seats)).toContain(headId)
    expect(cloud.docs('participations', { _id: headId })[0].status).toBe('waitlisted')
    cloud.clock.advance(SWEEP_GRACE_MS + 1000)
    expect(ok(await cloud.timer('activity', 'sweepPlaces'))).toMatchObject({ promoted: 1 })
    assertPlacesMatch(a.id)
    expect(cloud.docs('participations', { _id: headId })[0].status).toBe('signed')
    expect(cloud.docs(COLLECTIONS.outbox).filter((m) => m.template === 'waitlist_promoted' && m.to.openid === head)).toHaveLength(1)
    expect(ok(await cloud.timer('activity', 'sweepPlaces'))).toMatchObject({ promoted: 0 })
  }, 60_000)
})

describe('a cadre during a storm', () => {
  it('edits and raises the capacity of an activity while hundreds sign up: neither side is told to retry', async () => {
    const a = await published(50)
    const storm = youth.slice(0, 300).map((who) => cloud.as(who).activity.signUp({ activityId: a.id }))
    const edits = [
      cloud.as('dev-admin').activity.updateActivity({ activityId: a.id, title: '敬老院冬季关爱（时间不变）' }),
      cloud.as('dev-admin').activity.updateActivity({ activityId: a.id, capacity: 60 }),
    ]
    const [answers, edited] = await Promise.all([Promise.all(storm), Promise.all(edits)])
    expect(edited.map(errCode)).toEqual([undefined, undefined])
    // Each youth was told where they stood at that moment; the raise then let the waitlist's head in.
    expect(answers.every((r) => r.ok && ['signed', 'waitlisted'].includes(r.data.participation.status))).toBe(true)
    assertPlacesMatch(a.id)
    expect(stored(a.id)).toMatchObject({ title: '敬老院冬季关爱（时间不变）', capacity: 60, signed: 60, waitlisted: 240 })
  }, 120_000)
})
