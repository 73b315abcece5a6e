import fc from 'fast-check'
import { activityContract } from '../../../types/contract/activity'
import { actions } from '../../../cloudfunctions/activity/actions'
import type { ActivityDoc, ParticipationDoc } from '../../../cloudfunctions/_core/activity/activity.rules'
import { pointsFor, type LedgerEntryDoc } from '../../../cloudfunctions/_core/ledger'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import { isAppError } from '../../../cloudfunctions/_core/runtime/app-error'
import { localCaller } from '../../../cloudfunctions/_core/runtime/caller'
import { COLLECTIONS } from '../../../cloudfunctions/_core/runtime/collections'
import type { Deps } from '../../../cloudfunctions/_core/runtime/context'
import { type Db } from '../../../cloudfunctions/_core/runtime/db'
import { createHandler } from '../../../cloudfunctions/_core/runtime/serve'
import { ended, putActivity, putAttendance } from '../../fixtures/activities'
import { errCode, testCloud, type TestCloud } from '../../fixtures/test-cloud'
import { att, spend } from './fixtures'

/**
 * docs/domain.md invariants 1–3 (and the hour totals) under random sequences of approvals, reversals,
 * duplicate and replayed approvals, lost replies and spending, some run concurrently. Each run
 * has its own users and participations; the invariants are checked over the whole database after
 * every step, and no entry written before a step may change in it.
 */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 0 })
})
afterAll(() => cloud.close())

type Op =
  | { op: 'approve' | 'reverse' | 'duplicate' | 'replay' | 'lost'; p: number }
  | { op: 'spend'; user: number; amount: number }

const USERS = 2
const ACTIVITIES: Partial<ActivityDoc>[] = [
  { pointsPerHour: 1, title: '一小时一币' },
  { pointsPerHour: 3, title: '一小时三币' },
]
const MINUTES = [120, 90]

// Reversals are weighted up: they only apply to what an earlier step approved.
const reviewOp = fc.constantFrom('approve', 'reverse', 'reverse', 'duplicate', 'replay', 'lost') as fc.Arbitrary<'approve'>
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: reviewOp, p: fc.nat({ max: USERS * ACTIVITIES.length - 1 }) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('spend' as const), user: fc.nat({ max: USERS - 1 }), amount: fc.integer({ min: 1, max: 4 }) }), weight: 1 },
)
const stepsArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 7 })

/** The approve handler on a database that commits, then loses the reply of its first transaction. */
function lossyApprove(item: { kind: 'attendance'; id: string }) {
  let lose = true
  const real = cloud.deps().db
  const db = new Proxy(real, {
    get(target, key) {
      if (key === 'runTransaction') {
        return async (run: (tx: unknown) => Promise<unknown>, retries?: number) => {
          const out = await target.runTransaction(run, retries)
          if (lose) {
            lose = false
            throw new Error('ECONNRESET: reply lost')
          }
          return out
        }
      }
      const v = Reflect.get(target, key)
      return typeof v === 'function' ? v.bind(target) : v
    },
  }) as Db
  const deps = (): Deps => ({ ...cloud.deps(), db, log: { info: () => {}, error: () => {} } })
  return createHandler(activityContract, actions, deps).handle({ action: 'approveHours', payload: { items: [item] } }, localCaller('dev-cadre'))
}

let runNo = 0

async function play(ops: Op[], parts: ParticipationDoc[], users: string[]): Promise<void> {
  const approve = (p: ParticipationDoc) => cloud.as('dev-cadre').activity.approveHours({ items: [att(p)] })
  const results = await Promise.all(
    ops.map(async (o) => {
      if (o.op === 'spend') {
        const openid = users[o.user]
        try {
          await spend(cloud, openid, o.amount, `${openid}_${Math.random().toString(36).slice(2)}`)
          return ['spend', 'ok']
        } catch (e) {
          return ['spend', isAppError(e) ? e.code : String(e)]
        }
      }
      const p = parts[o.p]
      if (o.op === 'approve') return [o.op, errCode(await approve(p)) ?? 'ok']
      if (o.op === 'reverse') return [o.op, errCode(await cloud.as('dev-admin').activity.reverseApproval({ item: att(p), reason: '复核' })) ?? 'ok']
      if (o.op === 'duplicate') return [o.op, (await Promise.all([approve(p), approve(p)])).map((r) => errCode(r) ?? 'ok').join('+')]
      if (o.op === 'replay') return [o.op, [errCode(await approve(p)) ?? 'ok', errCode(await approve(p)) ?? 'ok'].join('+')]
      return [o.op, [errCode(await lossyApprove(att(p))) ?? 'ok', errCode(await approve(p)) ?? 'ok'].join('+')]
    }),
  )
  // Only the lost reply may surface as an internal error; every other refusal is a typed one.
  for (const [op, outcome] of results) {
    // A reversal is never refused for want of 益币; only spending is.
    const allowed = ['ok', 'HOURS.NOT_PENDING', 'HOURS.NOT_APPROVED', 'GENERIC.CONFLICT', ...(op === 'spend' ? ['POINTS.INSUFFICIENT'] : []), ...(op === 'lost' ? ['GENERIC.INTERNAL'] : [])]
    for (const part of outcome.split('+')) expect({ op, outcome: part, ok: allowed.includes(part) }).toEqual({ op, outcome: part, ok: true })
  }
}

/** Checked over this run's users only, so a shrunk counterexample is not haunted by an earlier failing run. */
function checkInvariants(seen: Map<string, string>, rateOf: Map<string, number>, users: string[]): void {
  const all = cloud.docs(COLLECTIONS.ledgerEntries) as LedgerEntryDoc[]
  const userIds = new Set(users.map((u) => userIdFor(cloud.secrets, u)))
  const entries = all.filter((e) => userIds.has(e.accountId))
  const byId = new Map(all.map((e) => [e._id, e]))

  // 2. Entries are never updated or deleted (any run's).
  for (const [id, json] of seen) expect(JSON.stringify(byId.get(id) ?? null)).toBe(json)
  for (const e of all) seen.set(e._id, JSON.stringify(e))

  // 1. Balance = sum of the account's entries; below zero only after a reversal of 益币 already spent
  // (docs/domain.md, "Reversing an approval whose 益币 were spent"), and a debit never took it there.
  const accounts = cloud.docs(COLLECTIONS.accounts).filter((a) => userIds.has(a._id))
  const sums = new Map<string, number>()
  for (const e of entries) sums.set(e.accountId, (sums.get(e.accountId) ?? 0) + e.amount)
  expect(new Set(accounts.map((a) => a._id))).toEqual(new Set(sums.keys()))
  for (const a of accounts) {
    expect({ id: a._id, balance: a.balance }).toEqual({ id: a._id, balance: sums.get(a._id) })
    expect(a.earned - a.spent).toBe(a.balance)
    if (a.balance < 0) expect(entries.some((e) => e.accountId === a._id && e.kind === 'reversal')).toBe(true)
  }

  // 2. A reversal names its credit, cancels it exactly, at most once.
  const reversals = entries.filter((e) => e.kind === 'reversal')
  expect(new Set(reversals.map((r) => r.reverses)).size).toBe(reversals.length)
  for (const r of reversals) {
    const credit = byId.get(r.reverses!)
    expect(credit).toMatchObject({ kind: 'credit', amount: -r.amount, accountId: r.accountId })
  }

  // 3. Per participation: one credit per approval; the net is the one credit when approved, else 0.
  const minutesByUser = new Map<string, number>()
  for (const p of (cloud.docs(COLLECTIONS.participations) as ParticipationDoc[]).filter((x) => userIds.has(x.userId))) {
    const own = entries.filter((e) => e.ref.type === 'participation' && e.ref.id === p._id)
    const net = own.reduce((s, e) => s + e.amount, 0)
    const amount = pointsFor(p.minutes ?? 0, rateOf.get(p.activityId) ?? 0)
    expect({ id: p._id, net }).toEqual({ id: p._id, net: p.review === 'approved' ? amount : 0 })
    expect(own.filter((e) => e.kind === 'credit')).toHaveLength(amount > 0 ? p.approvals : 0)
    if (p.review === 'approved') minutesByUser.set(p.userId, (minutesByUser.get(p.userId) ?? 0) + p.approvedMinutes)
  }

  // Hour totals = the sum of approved minutes.
  for (const t of cloud.docs(COLLECTIONS.hourTotals).filter((x) => userIds.has(x._id))) {
    expect({ id: t._id, minutes: t.attendedMinutes }).toEqual({ id: t._id, minutes: minutesByUser.get(t._id) ?? 0 })
  }
}

it('keeps invariants 1–3 and the hour totals under random approve / reverse / retry / replay / lost reply / spend', async () => {
  const seen = new Map<string, string>()
  const rateOf = new Map<string, number>()
  await fc.assert(
    fc.asyncProperty(stepsArb, async (steps) => {
      const run = ++runNo
      const users = Array.from({ length: USERS }, (_, u) => `prop-${run}-u${u}`)
      const parts: ParticipationDoc[] = []
      ACTIVITIES.forEach((over, i) => {
        const a = putActivity(cloud, ended(`prop-${run}-a${i}`, over))
        rateOf.set(a._id, a.pointsPerHour)
        for (const u of users) parts.push(putAttendance(cloud, a, u, { minutes: MINUTES[i] }))
      })
      checkInvariants(seen, rateOf, users)
      for (const ops of steps) {
        await play(ops, parts, users)
        checkInvariants(seen, rateOf, users)
      }
    }),
    { numRuns: 20 },
  )
}, 180_000)
