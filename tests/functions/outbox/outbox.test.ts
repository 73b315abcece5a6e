import { actions } from '../../../cloudfunctions/activity/actions'
import { DISPATCH_MAX, enqueueNow, LEASE_MS, MAX_ATTEMPTS, type OutboxDoc } from '../../../cloudfunctions/_core/outbox'
import { clearLocalOutbox, localOutbox, type Notifier } from '../../../cloudfunctions/_core/platform'
import { localCaller, TIMER_CALLER } from '../../../cloudfunctions/_core/runtime/caller'
import type { Deps } from '../../../cloudfunctions/_core/runtime/context'
import type { Db } from '../../../cloudfunctions/_core/runtime/db'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { activityContract } from '../../../types/contract/activity'
import { enroll, MIN, participation, putActivity } from '../../fixtures/activities'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../../fixtures/test-cloud'

/**
 * The outbox (cloudfunctions/_core/outbox): a message is written with the change that causes it and
 * sent by the `sendOutbox` timer, so a crash after the commit loses nothing, two timers send it
 * once, and a failing sender backs off until it gives up with the reason a cadre can read.
 */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 10 })
})
afterAll(() => cloud.close())
const OUTBOX = 'outbox_messages'
beforeEach(() => {
  cloud.clock.set(TEST_NOW)
  clearLocalOutbox()
  // Each test counts the timer's work from an empty outbox.
  cloud.emulator.store.remove(OUTBOX, {})
})

const quiet = { info: () => {}, error: () => {} }
const messagesOf = (subject: string) => cloud.docs(OUTBOX, { subject, fanoutSize: 0 }) as OutboxDoc[]

/** The activity function with its notifier (and optionally its database) swapped. */
function activityWith(over: { notifier?: Notifier; db?: Db }) {
  const handler = createHandler(activityContract, actions, (): Deps => {
    const d = cloud.deps()
    return { ...d, db: over.db ?? d.db, log: quiet, platform: { ...d.platform, notifier: over.notifier ?? d.platform.notifier } }
  })
  return {
    as: (openid: string, action: string, payload: unknown) => handler.handle({ action, payload }, localCaller(openid)),
    timer: (action: string) => handler.handle({ action, payload: {} }, TIMER_CALLER),
  }
}

/**
 * A database that stops answering once `dead()` says so: the function's process has died.
 * `onCommit` runs as a transaction commits, before its caller sees the answer.
 */
function mortalDb(dead: () => boolean, onCommit: () => void = () => {}): Db {
  const real = cloud.deps().db
  const wrap = (target: any): any =>
    new Proxy(target, {
      get(t, key) {
        const v = Reflect.get(t, key)
        if (typeof v !== 'function') return v
        return (...args: unknown[]) => {
          if (dead()) throw new Error('process killed')
          if (key === 'runTransaction') return (v.apply(t, args) as Promise<unknown>).then((out) => (onCommit(), out))
          const out = v.apply(t, args)
          // Queries chain (collection().where().update()): the chain dies with the process too.
          return out && typeof out === 'object' && typeof out.then !== 'function' ? wrap(out) : out
        }
      },
    })
  return wrap(real) as Db
}

const sendOutbox = () => cloud.timer('activity', 'sendOutbox')
const cancel = (a: { _id: string }, via = activityWith({})) => via.as('dev-cadre', 'cancelActivity', { activityId: a._id, reason: '暴雨预警，活动取消' })

function activityWithSubscribers(who: string[]) {
  const a = putActivity(cloud, { startAt: TEST_NOW + 24 * 60 * MIN, endAt: TEST_NOW + 26 * 60 * MIN })
  for (const openid of who) enroll(cloud, a, openid, { subscribed: true })
  return a
}

describe('a crash between commit and send loses nothing', () => {
  it('keeps the notices of a cancellation whose sender died, and the timer sends them', async () => {
    const a = activityWithSubscribers(['seed-youth-0001', 'seed-youth-0002'])
    const dying = activityWith({ notifier: { send: () => Promise.reject(new Error('process killed')) } })
    expect(ok(await cancel(a, dying))).toMatchObject({ notified: 2 })
    expect(localOutbox).toHaveLength(0)
    // Written with the cancellation: one message each, waiting for a retry.
    expect(messagesOf(a._id).map((m) => [m.to?.openid, m.status, m.attempts]).sort()).toEqual([
      ['seed-youth-0001', 'pending', 1],
      ['seed-youth-0002', 'pending', 1],
    ])

    expect(ok(await sendOutbox())).toEqual({ sent: 0, retrying: 0, failed: 0 }) // not due yet
    cloud.clock.advance(MIN)
    expect(ok(await sendOutbox())).toEqual({ sent: 2, retrying: 0, failed: 0 })
    expect(localOutbox.map((m) => [m.openid, m.template]).sort()).toEqual([
      ['seed-youth-0001', 'activity_cancelled'],
      ['seed-youth-0002', 'activity_cancelled'],
    ])
    expect(messagesOf(a._id).every((m) => m.status === 'sent' && m.sentAt === TEST_NOW + MIN)).toBe(true)
  })

  it('sends what a function wrote before its process died right after the commit', async () => {
    const a = activityWithSubscribers(['seed-youth-0003', 'seed-youth-0004', 'seed-youth-0005'])
    // The transaction commits; the process dies before anything after it runs.
    let committed = false
    const db = mortalDb(() => committed, () => (committed = true))
    await cancel(a, activityWith({ db })) // its answer is lost with the process
    expect(cloud.emulator.store.get('activities', a._id)).toMatchObject({ status: 'cancelled' })
    expect(localOutbox).toHaveLength(0)

    expect(ok(await sendOutbox())).toMatchObject({ sent: 3 })
    expect(localOutbox.map((m) => m.openid).sort()).toEqual(['seed-youth-0003', 'seed-youth-0004', 'seed-youth-0005'])
    expect(ok(await sendOutbox())).toMatchObject({ sent: 0 })
    expect(localOutbox).toHaveLength(3)
  })

  it('sends a message again once the lease of a sender that died mid-send runs out', async () => {
    const a = activityWithSubscribers(['seed-youth-0006'])
    let died = false
    const db = mortalDb(() => died)
    const dying = activityWith({ db, notifier: { send: async () => { died = true; throw new Error('process killed') } } })
    await cancel(a, dying)
    const [m] = messagesOf(a._id)
    expect(m).toMatchObject({ status: 'sending', attempts: 1, dueAt: TEST_NOW + LEASE_MS })

    cloud.clock.advance(LEASE_MS - 1)
    expect(ok(await sendOutbox())).toMatchObject({ sent: 0 }) // still held by the dead sender
    cloud.clock.advance(1)
    expect(ok(await sendOutbox())).toMatchObject({ sent: 1 })
    expect(localOutbox.map((x) => x.openid)).toEqual(['seed-youth-0006'])
    expect(cloud.emulator.store.get(OUTBOX, m._id)).toMatchObject({ status: 'sent', attempts: 2 })
  })
})

describe('a big fan-out', () => {
  it('leaves more than a writer should send itself to the timer, which sends each once', async () => {
    const who = Array.from({ length: DISPATCH_MAX + 5 }, (_, i) => `fan-${String(i).padStart(2, '0')}`)
    const a = activityWithSubscribers(who)
    expect(ok(await cancel(a))).toMatchObject({ notified: who.length })
    expect(localOutbox).toHaveLength(0)
    expect(ok(await cloud.as('dev-cadre').activity.activityMessages({ activityId: a._id })).counts).toEqual({ pending: who.length, sent: 0, failed: 0 })
    const runs = await Promise.all([sendOutbox(), sendOutbox()])
    expect(runs.reduce((n, r) => n + (ok(r) as { sent: number }).sent, 0)).toBe(who.length)
    expect(localOutbox.map((m) => m.openid).sort()).toEqual(who)
    expect(ok(await cloud.as('dev-cadre').activity.activityMessages({ activityId: a._id, limit: 10 }))).toMatchObject({ counts: { pending: 0, sent: who.length, failed: 0 }, nextCursor: expect.any(String) })
  })
})

describe('a timer running twice sends once', () => {
  it('sends each due message once when timers overlap, and nothing on the next run', async () => {
    const who = Array.from({ length: 8 }, (_, i) => `tw-${i}`)
    const ids = await Promise.all(who.map((openid) => enqueueNow(cloud.deps().db, { template: 'activity_reminder', subject: 'tw-act', orgId: 'yc', to: { openid, name: openid }, page: 'p', data: {} }, TEST_NOW)))
    // The same cause enqueued again (a retry, a sweep) is the same message.
    expect(await enqueueNow(cloud.deps().db, { template: 'activity_reminder', subject: 'tw-act', orgId: 'yc', to: { openid: 'tw-0', name: 'x' }, page: 'p', data: {} }, TEST_NOW)).toBe(ids[0])
    expect(messagesOf('tw-act')).toHaveLength(8)

    // A sender slow enough for the runs to meet on the same messages.
    const slow = activityWith({ notifier: { send: async (msg) => { await new Promise((r) => setTimeout(r, 5)); localOutbox.push({ at: TEST_NOW, ...msg }) } } })
    const runs = await Promise.all([slow.timer('sendOutbox'), slow.timer('sendOutbox'), sendOutbox()])
    expect(runs.reduce((n, r) => n + (ok(r) as { sent: number }).sent, 0)).toBe(8)
    expect(localOutbox.map((m) => m.openid).sort()).toEqual(who)
    expect(ok(await sendOutbox())).toMatchObject({ sent: 0 })
    expect(localOutbox).toHaveLength(8)
  })
})

describe('a failing sender', () => {
  it('backs off 1, 2, 4, 8 minutes and ends failed, with the reason on the cadre’s list', async () => {
    const a = activityWithSubscribers(['seed-youth-0007'])
    const busy = activityWith({ notifier: { send: () => Promise.reject({ errCode: -1, errMsg: 'system busy' }) } })
    ok(await cancel(a, busy))
    const [m] = messagesOf(a._id)
    const dueTimes = [cloud.emulator.store.get(OUTBOX, m._id)!.dueAt as number]
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      cloud.clock.set(dueTimes[dueTimes.length - 1] - 1)
      expect(ok(await busy.timer('sendOutbox'))).toEqual({ sent: 0, retrying: 0, failed: 0 })
      cloud.clock.advance(1)
      expect(ok(await busy.timer('sendOutbox'))).toEqual(attempt < MAX_ATTEMPTS ? { sent: 0, retrying: 1, failed: 0 } : { sent: 0, retrying: 0, failed: 1 })
      dueTimes.push(cloud.emulator.store.get(OUTBOX, m._id)!.dueAt as number)
    }
    const tried = [TEST_NOW, ...dueTimes.slice(0, MAX_ATTEMPTS - 1)]
    const gaps = tried.slice(1).map((t, i) => (t - tried[i]) / MIN)
    expect(gaps).toEqual([1, 2, 4, 8])
    expect(cloud.emulator.store.get(OUTBOX, m._id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: expect.stringContaining('system busy') })

    // Given up: no later run tries it again.
    cloud.clock.advance(24 * 60 * MIN)
    expect(ok(await busy.timer('sendOutbox'))).toEqual({ sent: 0, retrying: 0, failed: 0 })

    const list = ok(await cloud.as('dev-cadre').activity.activityMessages({ activityId: a._id }))
    expect(list.counts).toEqual({ pending: 0, sent: 0, failed: 1 })
    expect(list.items).toEqual([expect.objectContaining({ template: 'activity_cancelled', status: 'failed', attempts: MAX_ATTEMPTS, lastError: expect.stringContaining('system busy'), sentAt: null })])
    expect(list.items[0].toName).not.toBe('')
  })

  it('gives up at once on a refusal no retry can change', async () => {
    const a = activityWithSubscribers(['seed-youth-0008', 'seed-youth-0009'])
    const refusing = activityWith({ notifier: { send: async (msg) => { if (msg.openid === 'seed-youth-0008') throw { errCode: 43101, errMsg: 'user refuse to accept the msg' }; localOutbox.push({ at: TEST_NOW, ...msg }) } } })
    ok(await cancel(a, refusing))
    const list = ok(await cloud.as('dev-cadre').activity.activityMessages({ activityId: a._id, status: 'failed' }))
    expect(list.counts).toEqual({ pending: 0, sent: 1, failed: 1 })
    expect(list.items.map((i) => [i.status, i.lastError])).toEqual([['failed', '对方未订阅或已拒收此类消息（43101）']])
  })

  it('shows an activity’s messages to its cadres only', async () => {
    const a = activityWithSubscribers([])
    expect(errCode(await cloud.as('dev-youth').activity.activityMessages({ activityId: a._id }))).toBe('AUTH.FORBIDDEN')
    expect(ok(await cloud.as('dev-cadre').activity.activityMessages({ activityId: a._id }))).toEqual({ counts: { pending: 0, sent: 0, failed: 0 }, items: [], nextCursor: null })
    expect(errCode(await cloud.as('dev-cadre').activity.sendOutbox({}))).toBe('AUTH.FORBIDDEN')
  })
})

describe('reminders on the outbox', () => {
  it('retries a reminder whose first send failed, instead of dropping it', async () => {
    const a = putActivity(cloud, { startAt: TEST_NOW + 50 * MIN, endAt: TEST_NOW + 170 * MIN })
    enroll(cloud, a, 'seed-youth-0010', { subscribed: true })
    const down = activityWith({ notifier: { send: () => Promise.reject(new Error('socket hang up')) } })
    expect(ok(await down.timer('sendReminders'))).toEqual({ activities: 1, sent: 0 })
    // The sign-up is marked reminded once its message is in the outbox, so the next run passes it by.
    expect(participation(cloud, a, 'seed-youth-0010')).toMatchObject({ remindedAt: TEST_NOW })
    expect(ok(await down.timer('sendReminders'))).toEqual({ activities: 1, sent: 0 }) // reminded already: not enqueued twice
    expect(messagesOf(a._id)).toEqual([expect.objectContaining({ template: 'activity_reminder', status: 'pending', attempts: 1 })])
    cloud.clock.advance(MIN)
    expect(ok(await sendOutbox())).toMatchObject({ sent: 1 })
    expect(localOutbox).toEqual([expect.objectContaining({ openid: 'seed-youth-0010', template: 'activity_reminder' })])
  })
})
