import { PRIVACY_VERSION } from '../../types/enums'
import {
  assertAudience,
  assertCancellable,
  assertCapacity,
  assertEditable,
  assertEligible,
  assertOpenForSignUp,
  assertSchedule,
  distanceMeters,
  freePlaces,
  holdsPlace,
  inAudience,
  newParticipation,
  placeFor,
  toActivityView,
  toParticipationView,
  type ActivityDoc,
} from '../../cloudfunctions/_core/activity/activity.rules'
import { activityIdFor, newActivitySecret } from '../../cloudfunctions/_core/activity/activity.repo'
import { randomUUID } from 'node:crypto'

const H = 3600_000
const NOW = Date.parse('2026-11-28T10:00:00+08:00')
const code = (c: string) => expect.objectContaining({ code: c })

function activity(over: Partial<ActivityDoc> = {}): ActivityDoc {
  return {
    _id: 'a0000000001',
    orgId: 't',
    kind: 'volunteer',
    title: '河道清理',
    description: '清理河道垃圾',
    place: { name: '沁河边', lat: 35.48, lng: 112.41, radius: 300 },
    startAt: NOW + 48 * H,
    endAt: NOW + 51 * H,
    signUpStartAt: NOW - H,
    signUpEndAt: NOW + 24 * H,
    checkInOpensBefore: 30,
    checkOutClosesAfter: 60,
    capacity: 2,
    waitlist: true,
    realNameRequired: true,
    walkIn: false,
    checkInModes: ['code'],
    minAttendancePercent: 60,
    pointsPerHour: 1,
    audience: { type: 'everyone' },
    status: 'published',
    cancelReason: null,
    secret: 'f'.repeat(64),
    signed: 0,
    waitlisted: 0,
    seats: {},
    queue: {},
    createdBy: 'c',
    createdAt: NOW,
    updatedAt: NOW,
    publishedAt: NOW,
    ...over,
  }
}

const org = (id: string, path: string[]) => ({ _id: id, path })

describe('schedule', () => {
  const s = activity()
  it('accepts a sound future schedule', () => expect(() => assertSchedule(s, NOW)).not.toThrow())
  it.each([
    ['end before start', { endAt: s.startAt - 1 }],
    ['end equal to start', { endAt: s.startAt }],
    ['a span over 24 hours', { endAt: s.startAt + 24 * H + 1 }],
    ['sign-up closing after the start', { signUpEndAt: s.startAt + 1 }],
    ['sign-up closing before it opens', { signUpStartAt: s.signUpEndAt }],
  ])('refuses %s (BAD_SCHEDULE)', (_l, over) => {
    expect(() => assertSchedule({ ...s, ...over }, NOW)).toThrow(code('ACTIVITY.BAD_SCHEDULE'))
  })
  it('refuses a start in the past or now (IN_PAST)', () => {
    const past = { startAt: NOW - H, endAt: NOW + H, signUpStartAt: NOW - 3 * H, signUpEndAt: NOW - 2 * H }
    expect(() => assertSchedule(past, NOW)).toThrow(code('ACTIVITY.IN_PAST'))
    expect(() => assertSchedule({ ...past, startAt: NOW }, NOW)).toThrow(code('ACTIVITY.IN_PAST'))
  })
})

describe('editing', () => {
  it('stops at the start and once cancelled', () => {
    expect(() => assertEditable(activity(), NOW)).not.toThrow()
    expect(() => assertEditable(activity(), NOW + 48 * H)).toThrow(code('ACTIVITY.NOT_EDITABLE'))
    expect(() => assertEditable(activity({ status: 'cancelled' }), NOW)).toThrow(code('ACTIVITY.NOT_EDITABLE'))
  })
  it('keeps capacity at or above the signed count', () => {
    expect(() => assertCapacity(3, activity({ signed: 3 }))).not.toThrow()
    expect(() => assertCapacity(2, activity({ signed: 3 }))).toThrow(code('ACTIVITY.CAPACITY_BELOW_SIGNED'))
  })
  it('counts the places a capacity change frees for the waitlist', () => {
    expect(freePlaces({ capacity: 5, signed: 2, waitlisted: 10 })).toBe(3)
    expect(freePlaces({ capacity: 5, signed: 2, waitlisted: 1 })).toBe(1)
    expect(freePlaces({ capacity: 2, signed: 2, waitlisted: 4 })).toBe(0)
  })
})

describe('audience', () => {
  const county = org('c', [])
  const town = org('t', ['c'])
  const branch = org('b', ['c', 't'])
  const sibling = org('t2', ['c'])
  it('includes members of the audience org and everything below it', () => {
    expect(inAudience({ type: 'everyone' }, null)).toBe(true)
    expect(inAudience({ type: 'org', orgId: 't' }, branch)).toBe(true)
    expect(inAudience({ type: 'org', orgId: 't' }, town)).toBe(true)
    expect(inAudience({ type: 'org', orgId: 't' }, sibling)).toBe(false)
    expect(inAudience({ type: 'org', orgId: 't' }, county)).toBe(false)
    expect(inAudience({ type: 'org', orgId: 't' }, null)).toBe(false)
  })
  it('includes members of the audience group and of every group below it, not of the groups above', () => {
    // The youth's active groups, each as its tower chain: g1 under g, and an unrelated h.
    const chains = [['g', 'g1'], ['h']]
    expect(inAudience({ type: 'group', groupId: 'g' }, branch, chains)).toBe(true)
    expect(inAudience({ type: 'group', groupId: 'g1' }, branch, chains)).toBe(true)
    expect(inAudience({ type: 'group', groupId: 'h' }, null, chains)).toBe(true)
    expect(inAudience({ type: 'group', groupId: 'g1' }, branch, [['g']])).toBe(false)
    expect(inAudience({ type: 'group', groupId: 'g2' }, branch, chains)).toBe(false)
    expect(inAudience({ type: 'group', groupId: 'g' }, branch, [])).toBe(false)
    // The org does not stand in for the group.
    expect(inAudience({ type: 'group', groupId: 't' }, branch, [])).toBe(false)
  })
  it('allows an org or group audience only inside the activity org’s subtree', () => {
    expect(() => assertAudience({ type: 'org', orgId: 'b' }, 't', branch)).not.toThrow()
    expect(() => assertAudience({ type: 'org', orgId: 't' }, 't', town)).not.toThrow()
    expect(() => assertAudience({ type: 'org', orgId: 'c' }, 't', county)).toThrow(code('AUTH.FORBIDDEN'))
    expect(() => assertAudience({ type: 'org', orgId: 't2' }, 't', sibling)).toThrow(code('AUTH.FORBIDDEN'))
    expect(() => assertAudience({ type: 'org', orgId: 'x' }, 't', null)).toThrow(code('AUTH.FORBIDDEN'))
    // A group audience is judged by the group's org.
    expect(() => assertAudience({ type: 'group', groupId: 'g' }, 't', branch)).not.toThrow()
    expect(() => assertAudience({ type: 'group', groupId: 'g' }, 't', sibling)).toThrow(code('AUTH.FORBIDDEN'))
    expect(() => assertAudience({ type: 'group', groupId: 'g' }, 't', county)).toThrow(code('AUTH.FORBIDDEN'))
    expect(() => assertAudience({ type: 'group', groupId: 'g' }, 't', null)).toThrow(code('AUTH.FORBIDDEN'))
  })
})

describe('sign-up', () => {
  it('is open only for a published activity inside its window', () => {
    expect(() => assertOpenForSignUp(activity(), NOW)).not.toThrow()
    expect(() => assertOpenForSignUp(activity({ status: 'draft' }), NOW)).toThrow(code('ACTIVITY.NOT_PUBLISHED'))
    expect(() => assertOpenForSignUp(activity({ status: 'cancelled' }), NOW)).toThrow(code('ACTIVITY.CANCELLED'))
    expect(() => assertOpenForSignUp(activity({ signUpStartAt: NOW + 1 }), NOW)).toThrow(code('SIGNUP.CLOSED'))
    expect(() => assertOpenForSignUp(activity(), NOW + 24 * H)).toThrow(code('SIGNUP.CLOSED'))
  })
  it('needs a registered, real-name profile in the audience', () => {
    const privacyVersion = PRIVACY_VERSION
    const p = { realName: '王晓青', idHash: 'h-id', privacyVersion }
    expect(assertEligible(activity(), p, null, [])).toBe(p)
    expect(() => assertEligible(activity(), null, null, [])).toThrow(code('USER.NOT_REGISTERED'))
    expect(() => assertEligible(activity(), { realName: ' ', idHash: 'h-id', privacyVersion }, null, [])).toThrow(code('SIGNUP.REAL_NAME_REQUIRED'))
    // 实名 means an ID number on file, not just a name.
    expect(() => assertEligible(activity(), { realName: '王晓青', idHash: null, privacyVersion }, null, [])).toThrow(code('SIGNUP.REAL_NAME_REQUIRED'))
    expect(assertEligible(activity({ realNameRequired: false }), { realName: '王晓青', idHash: null, privacyVersion }, null, [])).toBeTruthy()
    // A newer privacy guide must be accepted before anything more is taken part in.
    expect(() => assertEligible(activity(), { ...p, privacyVersion: '2020-01-01' }, null, [])).toThrow(code('USER.PRIVACY_NOT_ACCEPTED'))
    expect(() => assertEligible(activity({ audience: { type: 'org', orgId: 't' } }), p, org('t2', ['c']), [])).toThrow(code('ACTIVITY.NOT_IN_AUDIENCE'))
    expect(() => assertEligible(activity({ audience: { type: 'group', groupId: 'g' } }), p, org('t', ['c']), [['h']])).toThrow(code('ACTIVITY.NOT_IN_AUDIENCE'))
    expect(assertEligible(activity({ audience: { type: 'group', groupId: 'g' } }), p, null, [['g', 'g1']])).toBe(p)
  })
  it('signs up to capacity, then waitlists or refuses', () => {
    expect(placeFor(activity({ capacity: 2, signed: 1 }))).toBe('signed')
    expect(placeFor(activity({ capacity: 2, signed: 2 }))).toBe('waitlisted')
    expect(() => placeFor(activity({ capacity: 2, signed: 2, waitlist: false }))).toThrow(code('SIGNUP.FULL'))
  })
  it('cancels only a live sign-up, before the start', () => {
    const signed = { status: 'signed' as const, checkIn: null }
    expect(() => assertCancellable(activity(), signed, NOW)).not.toThrow()
    expect(() => assertCancellable(activity(), { ...signed, status: 'waitlisted' }, NOW)).not.toThrow()
    expect(() => assertCancellable(activity(), { ...signed, status: 'cancelled' }, NOW)).toThrow(code('SIGNUP.NOT_SIGNED'))
    expect(() => assertCancellable(activity(), null, NOW)).toThrow(code('SIGNUP.NOT_SIGNED'))
    expect(() => assertCancellable(activity(), signed, NOW + 48 * H)).toThrow(code('SIGNUP.TOO_LATE_TO_CANCEL'))
    // Check-in opens before the start; once in, the attendance is on record.
    expect(() => assertCancellable(activity(), { ...signed, checkIn: { method: 'code', at: NOW } }, NOW)).toThrow(code('SIGNUP.TOO_LATE_TO_CANCEL'))
  })
  it('frees a place only for a real sign-up, not a walk-in', () => {
    expect(holdsPlace({ status: 'signed', flags: [] })).toBe(true)
    expect(holdsPlace({ status: 'signed', flags: ['walk_in'] })).toBe(false)
    expect(holdsPlace({ status: 'waitlisted', flags: [] })).toBe(false)
    expect(holdsPlace(null)).toBe(false)
  })
  it('starts a participation clean, keeping the approval count of an earlier one', () => {
    const who = { _id: 'pt_x', openid: 'o', userId: 'u_x', userName: '王晓青', subscribed: true }
    const p = newParticipation(activity(), who, { status: 'signed', waitTicket: null }, NOW, null)
    expect(p).toMatchObject({ status: 'signed', review: 'none', flags: [], minutes: null, approvals: 0, checkIn: null, checkOut: null, orgId: 't', signedAt: NOW })
    expect(newParticipation(activity(), who, { status: 'signed', waitTicket: null }, NOW, { approvals: 2 }).approvals).toBe(2)
  })
})

describe('views', () => {
  it('never carry the secret; windows come from the activity', () => {
    const v = toActivityView(activity(), { orgName: '润城镇团委', canManage: false })
    expect(JSON.stringify(v)).not.toContain('f'.repeat(64))
    expect(v).toMatchObject({ checkInOpensAt: NOW + 48 * H - 30 * 60_000, checkInClosesAt: NOW + 51 * H, checkOutClosesAt: NOW + 52 * H, distance: null })
  })
  it('shows a waitlist position only while waitlisted', () => {
    const p = newParticipation(activity(), { _id: 'p', openid: 'o', userId: 'u', userName: 'n', subscribed: false }, { status: 'waitlisted', waitTicket: 3 }, NOW, null)
    expect(toParticipationView(p, 2).waitlistPosition).toBe(2)
    expect(toParticipationView({ ...p, status: 'signed' }, 2).waitlistPosition).toBeNull()
  })
})

describe('distance', () => {
  it('measures great-circle metres', () => {
    expect(distanceMeters({ lat: 35.48, lng: 112.41 }, { lat: 35.48, lng: 112.41 })).toBe(0)
    // One degree of latitude is about 111.2 km.
    expect(distanceMeters({ lat: 35, lng: 112 }, { lat: 36, lng: 112 })).toBeGreaterThan(111_000)
    expect(distanceMeters({ lat: 35, lng: 112 }, { lat: 36, lng: 112 })).toBeLessThan(111_400)
    expect(Number.isInteger(distanceMeters({ lat: 35.1, lng: 112.2 }, { lat: 35.3, lng: 112.9 }))).toBe(true)
  })
})

describe('ids and secrets', () => {
  it('makes activity ids short enough for the rotating code (≤ 12 characters)', () => {
    const ids = Array.from({ length: 500 }, () => activityIdFor('o-cadre', randomUUID()))
    expect(activityIdFor('o-cadre', 'k')).toBe(activityIdFor('o-cadre', 'k'))
    expect(activityIdFor('o-other', 'k')).not.toBe(activityIdFor('o-cadre', 'k'))
    for (const id of ids) expect(id).toMatch(/^a[0-9a-z]{11}$/)
    expect(new Set(ids).size).toBe(500)
    // The largest 30-second step before 2100 still fits beside a 12-character mac.
    const lastStep = Math.floor(Date.parse('2100-01-01T00:00:00Z') / 30_000).toString(36)
    expect(`${ids[0]}.${lastStep}.${'x'.repeat(12)}`.length).toBeLessThanOrEqual(32)
    expect(newActivitySecret()).toMatch(/^[0-9a-f]{64}$/)
  })
})
