import { FULL_PHONE, registration } from '../fixtures/people'
import { errCode, ok, testCloud, TEST_NOW, type TestCloud } from '../fixtures/test-cloud'
import { cloudStorage } from '../../cloudfunctions/_core/platform'
import { fileOwner } from '../../types/contract/common'
import { seed } from '../../local/seed'
import { PERSONAS } from '../../local/seed/personas'
import { participationIdFor } from '../../cloudfunctions/_core/activity/activity.repo'
import { REMIND_AHEAD_MS } from '../../cloudfunctions/_core/activity/activity.reminders'
import { checkInWindow, distanceMeters, inAudience, type ActivityDoc, type ParticipationDoc } from '../../cloudfunctions/_core/activity/activity.rules'
import { attendedMinutes } from '../../cloudfunctions/_core/attendance/attendance.rules'
import type { DeclarationDoc } from '../../cloudfunctions/_core/hours/hours.rules'
import { applyEntries, creditIdFor, EMPTY_TOTALS, pointsFor, totalsOf, type AccountDoc, type LedgerEntryDoc } from '../../cloudfunctions/_core/ledger/ledger.rules'
import { emptyTotals, movedTotals, type HourTotalsDoc } from '../../cloudfunctions/_core/hours/hours.rules'
import type { ProfileDoc } from '../../cloudfunctions/_core/profile/profile.rules'
import { generateYouth } from '../../local/seed/youth'
import { flattenOrgs, SEED_TIME } from '../../local/seed'
import { ORG_TREE } from '../../local/seed/orgs'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import { secretsFromKey } from '../../cloudfunctions/_core/runtime/secrets'
import { startEmulator } from '../../local/emulator'
import { seedCommunity } from '../../local/seed/community'
import { membershipIdFor, type GroupDoc, type MembershipDoc } from '../../cloudfunctions/_core/community'
import type { AnnouncementDoc, AnnouncementReadDoc, ReplyDoc } from '../../cloudfunctions/_core/community/announcement.rules'

const YOUTH = 120
const DAY = 24 * 3600_000

let cloud: TestCloud
beforeAll(async () => {
  // Seeded here rather than by testCloud, so the upcoming activities sit relative to the test clock.
  cloud = await testCloud({ youth: YOUTH, seed: false })
  seed(cloud.emulator.store, cloud.secrets, YOUTH, TEST_NOW)
})
afterAll(() => cloud.close())

/** The volunteer stories (./local/seed/activities.ts); the stations' season (astn…) has its own tests (seed-stations.test.ts). */
const activities = () => (cloud.docs(COLLECTIONS.activities) as ActivityDoc[]).filter((a) => a._id.startsWith('aseed'))
const allActivities = () => cloud.docs(COLLECTIONS.activities) as ActivityDoc[]
const participations = () => cloud.docs(COLLECTIONS.participations) as ParticipationDoc[]
const entries = () => cloud.docs(COLLECTIONS.ledgerEntries) as LedgerEntryDoc[]
const byId = <T extends { _id: string }>(xs: T[]) => new Map(xs.map((x) => [x._id, x]))

/** Every collection as sorted JSON; profiles without their ciphertexts (a fresh IV on every upsert). */
function snapshot(c: TestCloud): string {
  return JSON.stringify(
    Object.values(COLLECTIONS).map((name) =>
      c
        .docs(name)
        .map((d) => JSON.stringify(name === COLLECTIONS.profiles ? { ...d, phoneEnc: null, idEnc: null } : d))
        .sort(),
    ),
  )
}

/** The invariants of docs/domain.md over whatever is in the store: the seed's documents and anything done since. */
function assertInvariants(c: TestCloud, now: number): void {
  const acts = byId(c.docs(COLLECTIONS.activities) as ActivityDoc[])
  const parts = c.docs(COLLECTIONS.participations) as ParticipationDoc[]
  const ledger = c.docs(COLLECTIONS.ledgerEntries) as LedgerEntryDoc[]
  const accounts = c.docs(COLLECTIONS.accounts) as AccountDoc[]
  const decls = c.docs(COLLECTIONS.declarations) as DeclarationDoc[]
  const totals = byId(c.docs(COLLECTIONS.hourTotals) as { _id: string; attendedMinutes: number; declaredMinutes: number }[])
  const profiles = byId(c.docs(COLLECTIONS.profiles) as { _id: string; openid: string; realName: string; orgId: string }[])
  const orgs = byId(c.docs(COLLECTIONS.orgs) as { _id: string; path: string[] }[])
  const roles = c.docs(COLLECTIONS.roles) as { openid: string; role: string; orgId: string }[]

  // 1. Balance = Σ entries, never negative; every entry belongs to an account.
  const accountIds = new Set(accounts.map((a) => a._id))
  for (const e of ledger) expect(accountIds.has(e.accountId)).toBe(true)
  for (const a of accounts) {
    const mine = ledger.filter((e) => e.accountId === a._id)
    expect(a.balance).toBe(mine.reduce((s, e) => s + e.amount, 0))
    expect(a.earned).toBe(mine.filter((e) => e.kind === 'credit' || e.kind === 'reversal').reduce((s, e) => s + e.amount, 0))
    expect(a.balance).toBeGreaterThanOrEqual(0)
    expect(mine.every((e) => e.openid === a.openid)).toBe(true)
  }

  // 3. One credit per approved participation (its current approval), at the activity's rate; none otherwise.
  const credits = ledger.filter((e) => e.kind === 'credit' && e.ref.type === 'participation')
  for (const p of parts) {
    const mine = credits.filter((e) => e.ref.id === p._id)
    const reversed = new Set(ledger.filter((e) => e.kind === 'reversal').map((e) => e.reverses))
    const live = mine.filter((e) => !reversed.has(e._id))
    if (p.review === 'approved') {
      const a = acts.get(p.activityId)!
      expect(live).toHaveLength(1)
      expect(live[0]).toMatchObject({ _id: creditIdFor(p._id, p.approvals), amount: pointsFor(p.approvedMinutes, a.pointsPerHour), accountId: p.userId })
    } else {
      expect(live).toHaveLength(0)
    }
  }

  // 5. One participation per (activity, youth); counters match; signed ≤ capacity; one check-in, one check-out, out after in.
  for (const p of parts) {
    expect(p._id).toBe(participationIdFor(p.activityId, p.openid))
    const a = acts.get(p.activityId)!
    expect(p.orgId).toBe(a.orgId)
    if (p.checkOut) {
      expect(p.checkIn).not.toBeNull()
      expect(p.checkOut.at).toBeGreaterThanOrEqual(p.checkIn!.at)
      expect(p.minutes).toBe(attendedMinutes(p.checkIn!.at, p.checkOut.at, a).minutes)
      expect(p.review).not.toBe('none')
    } else {
      expect(p.review).toBe('none')
      expect(p.minutes).toBeNull()
    }
    // 6. Approved minutes ≤ check-out − check-in; the approver is in scope and not the participant.
    if (p.review === 'approved') {
      expect(p.approvedMinutes * 60_000).toBeLessThanOrEqual(p.checkOut!.at - p.checkIn!.at)
      expect(p.reviewedBy).not.toBe(p.openid)
      const org = orgs.get(p.orgId)!
      expect(roles.some((r) => r.openid === p.reviewedBy && ['admin', 'cadre'].includes(r.role) && (r.orgId === org._id || org.path.includes(r.orgId)))).toBe(true)
    }
    if (p.review !== 'approved') expect(p.approvedMinutes).toBe(0)
  }
  for (const a of acts.values()) {
    const mine = parts.filter((p) => p.activityId === a._id)
    expect(a.signed).toBe(mine.filter((p) => p.status === 'signed' && !p.flags.includes('walk_in')).length)
    expect(a.waitlisted).toBe(mine.filter((p) => p.status === 'waitlisted').length)
    expect(a.signed).toBeLessThanOrEqual(a.capacity)
    // The places maps (activity.places.ts) name exactly the seated and the waiting, under their tickets.
    const waiting = mine.filter((p) => p.status === 'waitlisted')
    expect(new Set(waiting.map((p) => p.waitTicket)).size).toBe(waiting.length)
    expect(a.queue).toEqual(Object.fromEntries(waiting.map((p) => [p._id, p.waitTicket])))
    expect(Object.keys(a.seats ?? {}).sort()).toEqual(mine.filter((p) => p.status === 'signed' && !p.flags.includes('walk_in')).map((p) => p._id).sort())
    if (a.status === 'draft') expect(mine).toHaveLength(0)
  }

  // hour_totals = Σ approved minutes, per kind, for everyone with approved hours.
  const users = new Set([...parts.map((p) => p.userId), ...decls.map((d) => d.userId), ...totals.keys()])
  for (const u of users) {
    const attended = parts.filter((p) => p.userId === u && p.review === 'approved').reduce((s, p) => s + p.approvedMinutes, 0)
    const declared = decls.filter((d) => d.userId === u && d.review === 'approved').reduce((s, d) => s + d.approvedMinutes, 0)
    const t = totals.get(u)
    expect({ u, attended: t?.attendedMinutes ?? 0, declared: t?.declaredMinutes ?? 0 }).toEqual({ u, attended, declared })
  }

  // The people are the profiles they claim to be, and were in the audience.
  for (const p of parts) {
    const profile = profiles.get(p.userId)!
    expect(profile.openid).toBe(p.openid)
    expect(p.userName).toBe(profile.realName)
    expect(inAudience(acts.get(p.activityId)!.audience, orgs.get(profile.orgId)!)).toBe(true)
  }

  // Nothing happened after now.
  const times = [
    ...parts.flatMap((p) => [p.signedAt, p.updatedAt, p.checkIn?.at, p.checkOut?.at, p.reviewedAt]),
    ...[...acts.values()].flatMap((a) => [a.createdAt, a.updatedAt, a.publishedAt]),
    ...ledger.map((e) => e.at),
    ...decls.flatMap((d) => [d.createdAt, d.reviewedAt]),
  ].filter((t): t is number => typeof t === 'number')
  expect(Math.max(...times)).toBeLessThanOrEqual(now)
}

describe('seed', () => {
  it('is shaped like the newsletter: two counties, townships, working committees and branches', () => {
    const orgs = cloud.docs('orgs')
    const kinds = (k: string) => orgs.filter((o) => o.kind === k).length
    expect(orgs.filter((o) => o.kind === 'county').map((o) => o.name).sort()).toEqual(['共青团晋中市榆次区委', '共青团阳城县委'].sort())
    expect(kinds('township')).toBeGreaterThanOrEqual(10)
    expect(orgs.find((o) => o.name === '阳城县电商团工委')).toBeTruthy()
    expect(orgs.filter((o) => o.parentId === 'yc-ec')).toHaveLength(4)
    expect(kinds('branch')).toBeGreaterThan(30)
  })

  it('has a profile for every persona and varied youth, with no phone stored in the clear', () => {
    const profiles = cloud.docs('profiles')
    for (const p of PERSONAS) expect(profiles.some((x) => x.openid === p.openid)).toBe(true)
    expect(profiles.length).toBe(PERSONAS.length + YOUTH)
    expect(new Set(profiles.map((p) => p.sector)).size).toBeGreaterThan(5)
    expect(JSON.stringify(profiles)).not.toMatch(FULL_PHONE)
  })

  it('changes nothing when run again', () => {
    const before = snapshot(cloud)
    seed(cloud.emulator.store, cloud.secrets, YOUTH, TEST_NOW)
    expect(snapshot(cloud)).toBe(before)
  })
})

describe('seed: activities', () => {
  const now = TEST_NOW

  it('has activities in every state across 阳城县 and 榆次区, with short ids and a secret that never leaves the server', () => {
    const all = activities()
    expect(all.length).toBeGreaterThanOrEqual(11)
    for (const a of all) {
      expect(a._id).toMatch(/^a[0-9a-z]{11}$/)
      expect(a.secret).toMatch(/^[0-9a-f]{64}$/)
    }
    expect(new Set(all.map((a) => a.secret)).size).toBe(all.length)
    const published = all.filter((a) => a.status === 'published')
    const finished = published.filter((a) => a.endAt < now)
    const live = published.filter((a) => checkInWindow(a)[0] <= now && now <= a.endAt)
    const upcoming = published.filter((a) => a.startAt > now)
    expect(finished.length).toBeGreaterThanOrEqual(3)
    expect(finished.length).toBeLessThanOrEqual(4)
    expect(live).toHaveLength(1)
    expect(upcoming.length).toBeGreaterThanOrEqual(5)
    expect(all.filter((a) => a.status === 'draft')).toHaveLength(1)
    expect(all.filter((a) => a.status === 'cancelled')).toHaveLength(1)
    expect(all.find((a) => a.status === 'cancelled')!.cancelReason).toBeTruthy()
    expect(upcoming.every((a) => a.signUpStartAt <= now && now < a.signUpEndAt)).toBe(true)

    // GCJ-02 places near the two county seats; both counties have upcoming activities.
    const yc = all.filter((a) => a.orgId === 'yc' || a.orgId.startsWith('yc-'))
    const yuci = all.filter((a) => a.orgId === 'yuci' || a.orgId.startsWith('yuci-'))
    expect(yc.length + yuci.length).toBe(all.length)
    for (const a of yc) expect(distanceMeters(a.place, { lat: 35.48, lng: 112.41 })).toBeLessThan(25_000)
    for (const a of yuci) expect(distanceMeters(a.place, { lat: 37.7, lng: 112.71 })).toBeLessThan(15_000)
    expect(upcoming.some((a) => yc.includes(a)) && upcoming.some((a) => yuci.includes(a))).toBe(true)
    expect(new Set(all.map((a) => a.place.name)).size).toBeGreaterThanOrEqual(8)
  })

  it('tells each story: approved with 益币, pending (one outside the fence), one rejected, one full with a waitlist, some checked in now', () => {
    const parts = participations()
    const acts = byId(allActivities())
    const finished = parts.filter((p) => acts.get(p.activityId)!.endAt < now)
    expect(finished.every((p) => p.checkIn && p.checkOut)).toBe(true)
    expect(parts.filter((p) => p.review === 'approved').length).toBeGreaterThan(10)
    const pending = parts.filter((p) => p.review === 'pending')
    expect(pending.length).toBeGreaterThan(0)
    expect(pending.some((p) => p.flags.includes('outside_fence'))).toBe(true)
    expect(parts.filter((p) => p.review === 'rejected')).toHaveLength(1)
    expect(parts.find((p) => p.review === 'rejected')!.rejectReason).toBeTruthy()
    expect(entries().length).toBeGreaterThan(10)

    const full = [...acts.values()].find((a) => a.status === 'published' && a.startAt > now && a.waitlisted > 0)!
    expect(full.signed).toBe(full.capacity)
    const live = [...acts.values()].find((a) => a.status === 'published' && a.startAt <= now && now <= a.endAt)!
    const liveParts = parts.filter((p) => p.activityId === live._id)
    expect(liveParts.some((p) => p.checkIn && !p.checkOut)).toBe(true)
    expect(liveParts.some((p) => !p.checkIn)).toBe(true)

    // The reminder timer has been through everything that started by now, and nothing later.
    for (const p of parts) {
      const a = acts.get(p.activityId)!
      const due = a.status === 'published' && a.startAt - REMIND_AHEAD_MS <= now && p.status === 'signed' && p.subscribed
      expect(p.remindedAt).toBe(due ? a.startAt - REMIND_AHEAD_MS : undefined)
    }
    expect(parts.some((p) => p.remindedAt !== undefined)).toBe(true)
  })

  it('keeps every invariant of docs/domain.md', () => {
    assertInvariants(cloud, TEST_NOW)
    const audits = cloud.docs(COLLECTIONS.auditLogs)
    for (const a of activities()) {
      expect(audits.filter((e) => e.action === 'activity.createActivity' && e.target.id === a._id)).toHaveLength(1)
      expect(audits.filter((e) => e.action === 'activity.publishActivity' && e.target.id === a._id)).toHaveLength(a.publishedAt === null ? 0 : 1)
    }
  })

  it('gives 王晓青 (dev-youth) a history: approved hours and 益币, one pending, one upcoming sign-up, one approved declaration', async () => {
    const mine = participations().filter((p) => p.openid === 'dev-youth')
    expect(mine.filter((p) => p.review === 'approved').length).toBeGreaterThanOrEqual(2)
    expect(mine.filter((p) => p.review === 'pending')).toHaveLength(1)
    expect(mine.every((p) => p.userName === '王晓青' && p.userId === userIdFor(cloud.secrets, 'dev-youth'))).toBe(true)
    const decls = cloud.docs(COLLECTIONS.declarations, { openid: 'dev-youth' })
    expect(decls.filter((d) => d.review === 'approved')).toHaveLength(1)

    const hours = ok(await cloud.as('dev-youth').activity.myHours({}))
    expect(hours.attendedMinutes).toBeGreaterThan(0)
    expect(hours.declaredMinutes).toBeGreaterThan(0)
    const balance = ok(await cloud.as('dev-youth').points.balance({}))
    expect(balance.balance).toBeGreaterThan(0)
    expect(balance.balance).toBe(entries().filter((e) => e.openid === 'dev-youth').reduce((s, e) => s + e.amount, 0))
    const ledger = ok(await cloud.as('dev-youth').points.listLedger({}))
    expect(ledger.items.length).toBeGreaterThanOrEqual(2)

    const upcoming = ok(await cloud.as('dev-youth').activity.myActivities({ when: 'upcoming' })).items
    expect(upcoming).toHaveLength(1)
    expect(upcoming[0].activity.startAt).toBeGreaterThan(now)
    expect(upcoming[0].participation.status).toBe('signed')
    const records = ok(await cloud.as('dev-youth').activity.myRecords({})).items
    expect(records.filter((r) => r.review === 'approved' && r.source === 'attended').every((r) => r.points > 0)).toBe(true)
  })

  it('lists upcoming activities to dev-youth, and dev-cadre (not a participant) reviews and runs them', async () => {
    const list = ok(await cloud.as('dev-youth').activity.listActivities({ limit: 20 })).items
    expect(list.filter((a) => a.startAt > now).length).toBeGreaterThanOrEqual(4)
    expect(list.every((a) => a.status === 'published' && a.endAt > now)).toBe(true)
    expect(list.some((a) => a.orgName === '润城镇团委')).toBe(true)

    const queue = ok(await cloud.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc' })).items
    expect(queue.length).toBeGreaterThan(0)
    expect(queue[0].flags.length).toBeGreaterThan(0)
    expect(queue.some((i) => i.userName === '王晓青')).toBe(true)

    const live = activities().find((a) => a.status === 'published' && a.startAt <= now && now <= a.endAt)!
    expect(live.orgId).toBe('yc-rc')
    const board = ok(await cloud.as('dev-cadre').activity.attendanceBoard({ activityId: live._id }))
    expect(board.code).not.toBeNull()
    expect(board.counts.checkedIn).toBeGreaterThan(0)
    expect(board.counts.signed).toBe(live.signed)
  })

  it('agrees with the reminder timer: nothing is due now, and an upcoming activity reminds exactly its subscribed sign-ups', async () => {
    try {
      expect(ok(await cloud.timer('activity', 'sendReminders'))).toMatchObject({ sent: 0 })
      const next = activities()
        .filter((a) => a.status === 'published' && a.startAt > now)
        .sort((x, y) => x.startAt - y.startAt)[0]
      const due = participations().filter((p) => p.activityId === next._id && p.status === 'signed' && p.subscribed)
      expect(due.length).toBeGreaterThan(0)
      cloud.clock.set(next.startAt - REMIND_AHEAD_MS)
      expect(ok(await cloud.timer('activity', 'sendReminders'))).toEqual({ activities: 1, sent: due.length })
    } finally {
      cloud.clock.set(TEST_NOW)
    }
  })
})

describe('seed: one source for each rule', () => {
  it('caches the totals the ledger and hour rules compute from its entries and approvals (applyEntries, movedTotals)', () => {
    const ledger = entries()
    const accounts = cloud.docs(COLLECTIONS.accounts) as AccountDoc[]
    expect(accounts.length).toBeGreaterThan(5)
    for (const a of accounts) {
      const mine = ledger.filter((e) => e.accountId === a._id).sort((x, y) => x.at - y.at || (x._id < y._id ? -1 : 1))
      // Every entry names its lot, so the time passed to applyEntries dates nothing here.
      expect({ id: a._id, ...totalsOf(a) }).toEqual({ id: a._id, ...applyEntries(EMPTY_TOTALS, mine, 0) })
    }
    const approved = [
      ...participations().filter((p) => p.review === 'approved').map((p) => ({ userId: p.userId, at: p.reviewedAt!, delta: { attended: p.approvedMinutes } })),
      ...(cloud.docs(COLLECTIONS.declarations) as DeclarationDoc[]).filter((d) => d.review === 'approved').map((d) => ({ userId: d.userId, at: d.reviewedAt!, delta: { declared: d.approvedMinutes } })),
    ].sort((x, y) => x.at - y.at)
    const expected = new Map<string, HourTotalsDoc>()
    for (const m of approved) expected.set(m.userId, movedTotals(expected.get(m.userId) ?? emptyTotals(m.userId, m.at), m.delta, m.at))
    expect(byId(cloud.docs(COLLECTIONS.hourTotals) as HourTotalsDoc[])).toEqual(expected)
  })

  it('credits answer to their activity’s org and every org above it, so a subtree sums without joins', async () => {
    const acts = byId(allActivities())
    const orgs = byId(cloud.docs(COLLECTIONS.orgs) as { _id: string; path: string[] }[])
    const credits = entries().filter((e) => e.kind === 'credit')
    for (const e of credits) {
      const a = acts.get(participations().find((p) => p._id === e.ref.id)!.activityId)!
      expect(e).toMatchObject({ orgId: a.orgId, underOrgs: [...orgs.get(a.orgId)!.path, a.orgId] })
    }
    const { netUnderOrg } = await import('../../cloudfunctions/_core/ledger')
    const { database } = await import('../../cloudfunctions/_core/runtime/db')
    const sum = (pred: (e: LedgerEntryDoc) => boolean) => credits.filter(pred).reduce((n, e) => n + e.amount, 0)
    expect((await netUnderOrg(database(), 'yc')).credit).toBe(sum((e) => e.orgId === 'yc' || e.orgId!.startsWith('yc-')))
    expect((await netUnderOrg(database(), 'yc-rc')).credit).toBe(sum((e) => e.orgId === 'yc-rc' || e.orgId!.startsWith('yc-rc-')))
    expect((await netUnderOrg(database(), 'yc-rc')).credit).toBeGreaterThan(0)
  })

  it('stores the profile register would store for the same person', async () => {
    const branchIds = flattenOrgs(ORG_TREE).filter((o) => o.kind === 'branch').map((o) => o._id)
    const y = generateYouth(YOUTH, branchIds).find((x) => x.idNumber)!
    const seeded = cloud.docs(COLLECTIONS.profiles).find((p) => p.openid === y.openid) as ProfileDoc
    cloud.clock.set(SEED_TIME)
    try {
      // Another account (its own phone and ID number), the same person otherwise.
      const { openid: _o, phone: _p, idNumber: _i, ...person } = y
      ok(await cloud.as('seed-twin').user.register(registration({ ...person, elderMode: false })))
    } finally {
      cloud.clock.set(TEST_NOW)
    }
    const registered = cloud.docs(COLLECTIONS.profiles).find((p) => p.openid === 'seed-twin') as ProfileDoc
    const comparable = ({ _id, openid, phoneEnc, phoneHash, phoneMasked, idEnc, idHash, idMasked, ...rest }: ProfileDoc) => rest
    expect(comparable(seeded)).toEqual(comparable(registered))
  })
})

describe('seed: 社群', () => {
  const groups = () => cloud.docs(COLLECTIONS.groups) as GroupDoc[]
  const memberships = () => cloud.docs(COLLECTIONS.memberships) as MembershipDoc[]
  const named = (name: string) => groups().find((g) => g.name === name)!
  const orgDocs = () => cloud.docs(COLLECTIONS.orgs) as { _id: string; kind: string; parentId: string | null; name: string }[]
  const inCounty = (county: string) => (x: { underOrgs: string[] }) => x.underOrgs[0] === county

  it('builds 阳城’s tower (county → township → branch, 14 themed groups, three alliances over 22 associations, 突击队) and a smaller one for 榆次, four levels at most', () => {
    const all = groups()
    const byId = new Map(all.map((g) => [g._id, g]))
    // Every group sits where its parent puts it, in its parent's county.
    for (const g of all) {
      const parent = g.parentId ? byId.get(g.parentId)! : null
      expect({ name: g.name, path: g.path, depth: g.depth }).toEqual({ name: g.name, path: parent ? [...parent.path, parent._id] : [], depth: parent ? parent.depth + 1 : 0 })
      if (parent) expect(parent.underOrgs[0]).toBe(g.underOrgs[0])
    }
    expect(Math.max(...all.map((g) => g.depth))).toBe(3)

    for (const [county, name] of [['yc', '阳城青年'], ['yuci', '榆次青年']]) {
      const top = named(name)
      expect(top).toMatchObject({ orgId: county, parentId: null, kind: 'org_group' })
      const towns = orgDocs().filter((o) => o.parentId === county && o.kind === 'township')
      for (const town of towns) {
        const townGroup = all.filter((g) => g.orgId === town._id && g.kind === 'org_group')
        expect(townGroup).toHaveLength(1)
        expect(townGroup[0].parentId).toBe(top._id)
        for (const branch of orgDocs().filter((o) => o.parentId === town._id)) {
          expect(all.filter((g) => g.orgId === branch._id && g.kind === 'org_group').map((g) => g.parentId)).toEqual([townGroup[0]._id])
        }
      }
      expect(all.filter(inCounty(county)).filter((g) => g.kind === 'volunteer_team').length).toBeGreaterThanOrEqual(3)
    }
    const yc = all.filter(inCounty('yc'))
    expect(yc.filter((g) => g.kind === 'interest' || g.kind === 'industry')).toHaveLength(14)
    const alliances = yc.filter((g) => g.kind === 'alliance')
    expect(alliances.map((g) => g.name).sort()).toEqual(['大学生社会实践联盟', '青年之家联盟', '青年志愿服务联盟'].sort())
    const associations = yc.filter((g) => g.kind === 'association')
    expect(associations).toHaveLength(22)
    for (const a of alliances) expect(associations.filter((x) => x.parentId === a._id).length).toBeGreaterThanOrEqual(5)
    expect(associations.every((x) => alliances.some((a) => a._id === x.parentId))).toBe(true)
    expect(all.filter(inCounty('yuci')).length).toBeLessThan(yc.length)

    // Mixed policies, a few invite-only ones with their codes; limits are the exception.
    const policies = (p: string) => all.filter((g) => g.joinPolicy === p)
    expect(policies('open').length).toBeGreaterThan(policies('approval').length)
    expect(policies('approval').length).toBeGreaterThan(5)
    expect(policies('invite').length).toBeGreaterThanOrEqual(3)
    expect(policies('invite').length).toBeLessThanOrEqual(6)
    for (const g of all) expect(g.inviteCode ?? null).toEqual(g.joinPolicy === 'invite' ? expect.stringMatching(/^[A-Z0-9]{6}$/) : null)
    expect(all.filter((g) => g.capacity !== null).length).toBeLessThanOrEqual(3)
    expect(named('润城镇青年读书会')).toMatchObject({ orgId: 'yc-rc', joinPolicy: 'approval', createdBy: 'dev-cadre', tags: expect.arrayContaining(['读书']) })
  })

  it('counts what it holds (the summary), and each membership is what the actions leave: one per youth and group, places and coverage settled', () => {
    const summary = seed(cloud.emulator.store, cloud.secrets, YOUTH, TEST_NOW)
    const ms = memberships()
    expect(summary).toMatchObject({ groups: groups().length, memberships: ms.length })
    expect(summary.memberships).toBeGreaterThan(summary.groups * 2)
    const profiles = byId(cloud.docs(COLLECTIONS.profiles) as ProfileDoc[])
    const seats = byId(cloud.docs(COLLECTIONS.groupSeats) as { _id: string; count: number; capacity: number; holders: Record<string, number> }[])
    for (const g of groups()) {
      const mine = ms.filter((m) => m.groupId === g._id)
      const active = mine.filter((m) => m.status === 'active')
      // The maker owns it; the places document holds exactly its active members, within the limit.
      expect(mine.filter((m) => m.role === 'owner').map((m) => [m.openid, m.status])).toEqual([[g.createdBy, 'active']])
      expect(seats.get(g._id)!.count).toBe(active.length)
      expect(Object.keys(seats.get(g._id)!.holders).sort()).toEqual(active.map((m) => m.seat).sort())
      if (g.capacity !== null) expect(active.length).toBeLessThanOrEqual(g.capacity)
      if (g.joinPolicy !== 'approval') expect(mine.filter((m) => m.status === 'pending')).toHaveLength(0)
    }
    for (const m of ms) {
      expect(m._id).toBe(membershipIdFor(m.groupId, m.userId))
      expect(profiles.get(m.userId)?.openid).toBe(m.openid)
      expect(m.reachDue).toBe(false)
      expect(m.joinedAt === null).toBe(m.status === 'pending')
      expect(Math.max(m.requestedAt, m.joinedAt ?? 0, m.lastActiveAt ?? 0, m.updatedAt)).toBeLessThanOrEqual(TEST_NOW)
    }
    expect(ms.filter((m) => m.status === 'pending').length).toBeGreaterThan(0)
    expect(ms.filter((m) => m.role === 'admin' && m.openid.startsWith('seed-youth-')).length).toBeGreaterThan(5)
  })

  it('reads 阳城’s coverage through orgCoverage: the distinct youth of its active memberships, fewer than the sum of its members', async () => {
    const active = memberships().filter((m) => m.status === 'active')
    for (const [county, top, admin] of [['yc', '阳城青年', 'dev-admin'], ['yuci', '榆次青年', 'dev-yuci-admin']]) {
      const mine = active.filter(inCounty(county))
      const distinct = new Set(mine.map((m) => m.userId)).size
      const coverage = ok(await cloud.as(admin).community.orgCoverage({ orgId: county }))
      expect(coverage).toEqual({ orgId: county, groups: groups().filter(inCounty(county)).length, reach: distinct })
      // Many youth are in several groups of the tower: the distinct count is what tells them apart.
      expect(distinct).toBeLessThan(mine.length)
      // Every group of the county is under its county's group, so the tower's reach is the county's.
      const group = ok(await cloud.as(admin).community.getGroup({ groupId: named(top)._id })).group
      expect(group).toMatchObject({ reach: distinct, members: mine.filter((m) => m.groupId === named(top)._id).length })
    }
    const town = named('润城镇青年')
    const under = new Set(groups().filter((g) => g._id === town._id || g.path.includes(town._id)).map((g) => g._id))
    const reach = ok(await cloud.as('dev-cadre').community.getGroup({ groupId: town._id })).group.reach
    expect(reach).toBe(new Set(active.filter((m) => under.has(m.groupId)).map((m) => m.userId)).size)
  })

  it('offers 王晓青 润城镇青年读书会 first, because she wrote 读书; she is in a few other groups, not that one', async () => {
    const reading = named('润城镇青年读书会')
    const items = ok(await cloud.as('dev-youth').community.recommendGroups({})).items
    expect(items[0]).toMatchObject({ id: reading._id, name: '润城镇青年读书会', reason: '因为你填写了兴趣：读书', joinPolicy: 'approval' })
    // Nothing else of the county speaks to her profile: the rest are the other villages of her township.
    expect(items.slice(1).map((i) => [i.name, i.reason])).toEqual(expect.arrayContaining([['屯城村青年', '你所在的乡镇：润城镇']]))
    expect(items.map((i) => i.name).sort()).toEqual(['润城镇青年读书会', '下庄村青年', '屯城村青年', '中庄村青年'].sort())
    const mine = ok(await cloud.as('dev-youth').community.myGroups({ limit: 50 })).items
    expect(mine.length).toBeGreaterThanOrEqual(3)
    expect(mine.every((i) => i.membership.status === 'active')).toBe(true)
    expect(mine.map((i) => i.group.id)).not.toContain(reading._id)
    expect(mine.map((i) => i.group.name)).toEqual(expect.arrayContaining(['润城镇青年', '上庄村青年']))
    expect(ok(await cloud.as('dev-youth').community.openGroup({ groupId: reading._id })).group).toMatchObject({ membership: null, canManage: false })
  })

  it('shows 读书会’s waiting requests to its owner, first come first, and only to those who manage it', async () => {
    const reading = named('润城镇青年读书会')
    const pending = memberships()
      .filter((m) => m.groupId === reading._id && m.status === 'pending')
      .sort((a, b) => a.requestedAt - b.requestedAt)
    expect(pending.length).toBeGreaterThan(0)
    const page = ok(await cloud.as('dev-cadre').community.listJoinRequests({ groupId: reading._id, limit: 50 }))
    expect(page.items.map((i) => i.id)).toEqual(pending.map((m) => m._id))
    expect(page.items.every((i) => i.status === 'pending' && i.name.length > 0)).toBe(true)
    expect(errCode(await cloud.as('dev-youth').community.listJoinRequests({ groupId: reading._id }))).toBe('AUTH.FORBIDDEN')
  })

  it('has announcements whose read counts are their read records and reply counts their visible replies; one pinned in each county group', async () => {
    const anns = cloud.docs(COLLECTIONS.announcements) as AnnouncementDoc[]
    const reads = cloud.docs(COLLECTIONS.announcementReads) as AnnouncementReadDoc[]
    const replies = cloud.docs(COLLECTIONS.announcementReplies) as ReplyDoc[]
    const ms = byId(memberships())
    for (const a of anns) {
      const mine = reads.filter((x) => x.announcementId === a._id)
      expect({ id: a._id, status: a.status, readCount: a.readCount }).toEqual({ id: a._id, status: 'published', readCount: mine.length })
      expect(a.replyCount).toBe(replies.filter((x) => x.announcementId === a._id && !x.hidden).length)
      expect(a.publishedAt).toBeLessThanOrEqual(TEST_NOW)
      for (const x of mine) {
        // Read by an active member of its group, after it was posted and after they joined.
        const m = ms.get(membershipIdFor(a.groupId, x.userId))!
        expect(m.status).toBe('active')
        expect(x.readAt).toBeGreaterThanOrEqual(Math.max(a.publishedAt, m.joinedAt!))
        expect(x.readAt).toBeLessThanOrEqual(TEST_NOW)
        expect(m.lastActiveAt).toBeGreaterThanOrEqual(x.readAt)
      }
    }
    expect(replies.filter((x) => x.hidden)).not.toHaveLength(0)
    for (const name of ['阳城青年', '榆次青年', '润城镇青年']) {
      const list = anns.filter((a) => a.groupId === named(name)._id)
      expect(list.length).toBeGreaterThanOrEqual(2)
      expect(list.length).toBeLessThanOrEqual(4)
    }
    for (const name of ['阳城青年', '榆次青年']) expect(anns.filter((a) => a.groupId === named(name)._id && a.pinned)).toHaveLength(1)
    // Members active in the last 30 days: the readers of recent announcements.
    expect(memberships().filter((m) => m.lastActiveAt !== null && m.lastActiveAt >= TEST_NOW - 30 * DAY).length).toBeGreaterThan(10)

    // The county's admin sees them as the actions answer: the pinned one first, with its read count.
    const top = named('阳城青年')
    const listed = ok(await cloud.as('dev-admin').community.listAnnouncements({ groupId: top._id })).items
    expect(listed[0].pinned).toBe(true)
    for (const v of listed) expect(v.readCount).toBe(reads.filter((x) => x.announcementId === v.id).length)
  })

  it('seeds the same groups for 20 youth, with fewer members, and still offers 王晓青 the 读书会', async () => {
    const small = await testCloud({ youth: 20, activities: true })
    try {
      const names = (c: TestCloud) => c.docs(COLLECTIONS.groups).map((g) => g.name).sort()
      expect(names(small)).toEqual(names(cloud))
      const active = small.docs(COLLECTIONS.memberships, { status: 'active' }) as MembershipDoc[]
      expect(active.length).toBeLessThan(memberships().filter((m) => m.status === 'active').length)
      const coverage = ok(await small.as('dev-admin').community.orgCoverage({ orgId: 'yc' }))
      expect(coverage.reach).toBe(new Set(active.filter(inCounty('yc')).map((m) => m.userId)).size)
      const items = ok(await small.as('dev-youth').community.recommendGroups({})).items
      expect(items.find((i) => i.name === '润城镇青年读书会')?.reason).toBe('因为你填写了兴趣：读书')
    } finally {
      await small.close()
    }
  })

  it('for 300 youth: one limited group nearly full, the same documents every time, the same every time', async () => {
    const secrets = secretsFromKey('e'.repeat(64))
    const orgs = flattenOrgs(ORG_TREE)
    const youth = generateYouth(300, orgs.filter((o) => o.kind === 'branch').map((o) => o._id))
    const run = async () => {
      const emu = await startEmulator({ file: ':memory:' })
      seed(emu.store, secrets, 300, TEST_NOW, { activities: false })
      seedCommunity(emu.store, secrets, TEST_NOW, orgs, youth)
      const docs: Record<string, unknown[]> = Object.fromEntries(
        [COLLECTIONS.groups, COLLECTIONS.memberships, COLLECTIONS.groupSeats, COLLECTIONS.groupReach, COLLECTIONS.announcements, COLLECTIONS.announcementReads, COLLECTIONS.announcementReplies].map((c) => [c, emu.store.find(c, {}, { limit: 100000 })]),
      )
      await emu.close()
      return { docs }
    }
    const first = await run()
    const second = await run()
    expect(JSON.stringify(second.docs)).toBe(JSON.stringify(first.docs))
    const seats = first.docs[COLLECTIONS.groupSeats] as { _id: string; count: number }[]
    const limited = (first.docs[COLLECTIONS.groups] as GroupDoc[]).filter((g) => g.capacity !== null)
    const room = limited.map((g) => g.capacity! - seats.find((s) => s._id === g._id)!.count)
    expect(room.some((n) => n > 0 && n <= 2)).toBe(true)
  }, 30_000)
})

describe('seed: a store that has been used', () => {
  it('keeps what people did since (and every invariant) when run again, even with a later clock', async () => {
    const used = await testCloud({ youth: 40, seed: false })
    try {
      seed(used.emulator.store, used.secrets, 40, TEST_NOW)
      const acts = used.docs(COLLECTIONS.activities) as ActivityDoc[]
      // dev-rep signs up for something open to everyone; dev-cadre approves the pending 润城镇 hours.
      const open = acts.find((a) => a.status === 'published' && a.startAt > TEST_NOW && a.audience.type === 'everyone' && a.signed < a.capacity)!
      ok(await used.as('dev-rep').activity.signUp({ activityId: open._id }))
      const pending = (used.docs(COLLECTIONS.participations) as ParticipationDoc[]).filter((p) => p.review === 'pending' && p.orgId === 'yc-rc' && p.minutes! > 0)
      expect(pending.length).toBeGreaterThan(0)
      ok(await used.as('dev-cadre').activity.approveHours({ items: pending.map((p) => ({ kind: 'attendance' as const, id: p._id })) }))
      const after = snapshot(used)

      seed(used.emulator.store, used.secrets, 40, TEST_NOW)
      expect(snapshot(used)).toBe(after)
      seed(used.emulator.store, used.secrets, 40, TEST_NOW + 3 * DAY)
      expect(snapshot(used)).toBe(after)
      assertInvariants(used, TEST_NOW)
    } finally {
      await used.close()
    }
  })

  it('draws covers and evidence photos as their people’s own uploads when given storage, once', async () => {
    const used = await testCloud({ youth: 40, seed: false })
    try {
      seed(used.emulator.store, used.secrets, 40, TEST_NOW, { files: used.emulator.files })
      const covered = (used.docs(COLLECTIONS.activities) as ActivityDoc[]).filter((a) => a.cover)
      expect(covered.length).toBeGreaterThanOrEqual(5)
      const withPhotos = (used.docs(COLLECTIONS.declarations) as DeclarationDoc[]).filter((d) => d.photos.length)
      expect(withPhotos).toHaveLength(1)
      expect(withPhotos[0]).toMatchObject({ review: 'pending' })
      const files = [...covered.map((a) => a.cover!), ...withPhotos[0].photos]
      // Each is in its uploader's folder (the creator's, the declarer's) and really stored.
      for (const a of covered) expect(fileOwner(a.cover!)).toBe(userIdFor(used.secrets, a.createdBy))
      for (const f of withPhotos[0].photos) expect(fileOwner(f)).toBe(withPhotos[0].userId)
      const urls = await cloudStorage.urls(files)
      expect(files.every((f) => urls.get(f))).toBe(true)
      // The cadre’s review queue shows them.
      const queue = ok(await used.as('dev-cadre').activity.reviewQueue({ orgId: 'yc-rc' }))
      expect(queue.items.find((i) => i.id === withPhotos[0]._id)?.photos.every((p) => p.url)).toBe(true)
      const after = snapshot(used)
      seed(used.emulator.store, used.secrets, 40, TEST_NOW, { files: used.emulator.files })
      expect(snapshot(used)).toBe(after)
    } finally {
      await used.close()
    }
 }, 30_000)

  it('can leave the activities out (seed(…, now, { activities: false }))', async () => {
    const emu = await startEmulator({ file: ':memory:' })
    try {
      expect(seed(emu.store, secretsFromKey('d'.repeat(64)), 5, TEST_NOW, { activities: false }).activities).toBe(0)
      expect(['activities', 'participations', 'ledger_entries', 'accounts', 'hour_totals', 'declarations'].map((c) => emu.store.count(c, {}))).toEqual([0, 0, 0, 0, 0, 0])
    } finally {
      await emu.close()
    }
  })

  it('is deterministic: the same documents from a fresh store for 300 youth', async () => {
    const secrets = secretsFromKey('b'.repeat(64))
    const run = async () => {
      const emu = await startEmulator({ file: ':memory:' })
      const summary = seed(emu.store, secrets, 300, TEST_NOW)
      const docs = ['activities', 'participations', 'ledger_entries', 'accounts', 'hour_totals', 'declarations', 'scans', 'audit_logs'].map((c) =>
        emu.store.find(c, {}).map((d) => JSON.stringify(d)).sort(),
      )
      await emu.close()
      return { summary, docs: JSON.stringify(docs) }
    }
    const first = await run()
    const second = await run()
    expect(second.docs).toBe(first.docs)
    expect(first.summary.activities).toBe(12)
  })
})
