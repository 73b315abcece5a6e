import { randomUUID } from 'node:crypto'
import { personCode, personMac } from '../../../cloudfunctions/_core/attendance'
import { userIdFor } from '../../../cloudfunctions/_core/profile/profile.repo'
import type { Envelope } from '../../../types/errors'
import { ERRORS } from '../../../types/errors'
import { HOUR, MIN, START, enroll, ended, participation, putActivity, putAttendance } from '../../fixtures/activities'
import { TEST_NOW, errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/**
 * docs/bad-inputs.md §11 for the activity function: 李建国 (dev-cadre) manages 润城镇团委 (yc-rc) and its
 * branches, and nothing beside or above it. Each action is tried on an activity of a sibling
 * township, of a branch under it, and of the parent county: AUTH.FORBIDDEN, with no trace in any
 * collection. The same setup on his own township and one of its branches succeeds, so a refusal
 * here is about scope and nothing else.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud({ youth: 20 })
})
afterAll(() => cloud.close())
beforeEach(() => cloud.clock.set(TEST_NOW))

const cadre = () => cloud.as('dev-cadre').activity

/** What a case needs on an activity of one org: the cadre's call, and what a successful one must have done. */
interface Built<T> {
  call(): Promise<Envelope<T>>
  done(data: T): void
}
type Setup = (orgId: string) => Promise<Built<unknown>>
const built = <T>(call: () => Promise<Envelope<T>>, done: (data: T) => void): Built<T> => ({ call, done })

/** Upcoming activities far enough out to be editable and cancellable whatever the time of the test. */
const LATER = { startAt: TEST_NOW + 48 * HOUR, endAt: TEST_NOW + 50 * HOUR, signUpEndAt: TEST_NOW + 24 * HOUR }

let people = 0
/** A seeded youth not yet used in this file (the organizer's scan needs a real profile). */
const nextYouth = () => `seed-youth-${String(++people).padStart(4, '0')}`
const scanOf = (openid: string, scannedAt: number) => ({
  scanId: randomUUID(),
  personCode: personCode(userIdFor(cloud.secrets, openid), personMac(cloud.secrets)),
  kind: 'in' as const,
  scannedAt,
})

let seq = 0
const uniq = (prefix: string) => `${prefix}${++seq}`

const ACTIONS: Record<string, Setup> = {
  attendanceBoard: async (orgId) => {
    const a = putActivity(cloud, { orgId })
    cloud.clock.set(START)
    return built(
      () => cadre().attendanceBoard({ activityId: a._id }),
      (board) => expect(board.code?.value).toEqual(expect.any(String)),
    )
  },

  syncScans: async (orgId) => {
    const a = putActivity(cloud, { orgId })
    const who = nextYouth()
    enroll(cloud, a, who)
    cloud.clock.set(START)
    return built(
      () => cadre().syncScans({ activityId: a._id, scans: [scanOf(who, START - 5 * MIN)] }),
      ({ results }) => {
        expect(results.map((r) => r.ok)).toEqual([true])
        expect(participation(cloud, a, who)?.checkIn).toMatchObject({ method: 'scan', scannedBy: 'dev-cadre' })
      },
    )
  },

  updateActivity: async (orgId) => {
    const a = putActivity(cloud, { orgId, ...LATER })
    return built(
      () => cadre().updateActivity({ activityId: a._id, title: '改期后的秋收助农', capacity: 80 }),
      ({ activity }) => {
        expect(activity).toMatchObject({ title: '改期后的秋收助农', capacity: 80 })
        expect(cloud.emulator.store.get('activities', a._id)).toMatchObject({ title: '改期后的秋收助农', capacity: 80 })
      },
    )
  },

  cancelActivity: async (orgId) => {
    const a = putActivity(cloud, { orgId, ...LATER })
    return built(
      () => cadre().cancelActivity({ activityId: a._id, reason: '暴雨预警，活动取消' }),
      ({ activity }) => {
        expect(activity.status).toBe('cancelled')
        expect(cloud.emulator.store.get('activities', a._id)).toMatchObject({ status: 'cancelled' })
      },
    )
  },

  manageActivities: async (orgId) => {
    const a = putActivity(cloud, { orgId, ...LATER, status: 'draft', publishedAt: null })
    return built(
      () => cadre().manageActivities({ orgId, limit: 100 }),
      ({ items }) => expect(items.map((c) => c.id)).toContain(a._id),
    )
  },

  rejectHours: async (orgId) => {
    const a = putActivity(cloud, ended(uniq('sc-rj-'), { orgId }))
    const p = putAttendance(cloud, a, uniq('y-sc-rj-'))
    return built(
      () => cadre().rejectHours({ items: [{ kind: 'attendance', id: p._id }], reason: '签到位置与活动地点不符' }),
      ({ results }) => {
        expect(results).toEqual([{ id: p._id, ok: true, code: null, message: null }])
        expect(cloud.emulator.store.get('participations', p._id)).toMatchObject({ review: 'rejected', rejectReason: '签到位置与活动地点不符' })
      },
    )
  },

  reverseApproval: async (orgId) => {
    const a = putActivity(cloud, ended(uniq('sc-rv-'), { orgId }))
    const p = putAttendance(cloud, a, uniq('y-sc-rv-'))
    // The county's admin approved it; the question is who may take the approval back.
    ok(await cloud.as('dev-admin').activity.approveHours({ items: [{ kind: 'attendance', id: p._id }] }))
    return built(
      () => cadre().reverseApproval({ item: { kind: 'attendance', id: p._id }, reason: '复核发现签到异常' }),
      ({ result }) => {
        expect(result).toEqual({ id: p._id, ok: true, code: null, message: null })
        expect(cloud.emulator.store.get('participations', p._id)).toMatchObject({ review: 'pending', approvedMinutes: 0 })
      },
    )
  },
}

const REFUSED: [label: string, orgId: string][] = [
  ['a sibling township', 'yc-fc'],
  ['a branch of a sibling township', 'yc-fc-b1'],
  ['the parent county', 'yc'],
]
const ALLOWED: [label: string, orgId: string][] = [
  ['his own township', 'yc-rc'],
  ['a branch of his township', 'yc-rc-b1'],
]

describe.each(Object.entries(ACTIONS))('%s by a cadre of 润城镇团委', (_action, build) => {
  it.each(REFUSED)('is refused on an activity of %s (%s), with no trace', async (_label, orgId) => {
    const { call } = await build(orgId)
    const before = snapshot(cloud)
    const res = await call()
    expect(errCode(res)).toBe('AUTH.FORBIDDEN')
    expect(!res.ok && res.error.message).toBe(ERRORS['AUTH.FORBIDDEN'])
    expect(snapshot(cloud)).toBe(before)
  })

  it.each(ALLOWED)('succeeds on an activity of %s (%s)', async (_label, orgId) => {
    const { call, done } = await build(orgId)
    done(ok(await call()))
  })
})
