import { createHmac } from 'node:crypto'
import type { ParticipationDoc } from '../../cloudfunctions/_core/activity/activity.rules'
import {
  CODE_MAX_CHARS,
  STEP_MS,
  activityMac,
  applyMark,
  attendedMinutes,
  boardCode,
  constantTimeEqual,
  fenceCheck,
  parsePersonCode,
  personCode,
  replayScan,
  rotatingCode,
  roundToHalfHours,
  shortCode,
  truncateToDigits,
  scanMark,
  selfMark,
  stepAt,
  verifyRotatingCode,
  type Mark,
  type ScanDoc,
} from '../../cloudfunctions/_core/attendance'
import { END, MIN, PLACE, START, activityDoc, participationDoc } from '../fixtures/activities'

const SECRET = 'k'.repeat(64)
const mac = activityMac(SECRET)
const A = 'a0123456789b' // the longest id createActivity makes (12 characters)
const codeOf = (err: () => unknown) => {
  try {
    err()
  } catch (e) {
    return (e as { code?: string }).code
  }
  return null
}

describe('the rotating code', () => {
  const now = START + 7_777

  it('is `<activityId>.<step base36>.<first 12 of base64url HMAC-SHA256(secret, id|step)>`', () => {
    const step = Math.floor(now / 30_000)
    const expected = createHmac('sha256', SECRET).update(`${A}|${step}`).digest('base64url').slice(0, 12)
    expect(rotatingCode(A, step, mac)).toBe(`${A}.${step.toString(36)}.${expected}`)
    expect(stepAt(now)).toBe(step)
  })

  it('fits a mini-program scene (32 characters) for 12-character ids, also once the step needs 6 base-36 digits', () => {
    expect(rotatingCode(A, stepAt(now), mac).length).toBeLessThanOrEqual(CODE_MAX_CHARS)
    const in2030 = Date.parse('2030-01-01T00:00:00Z')
    expect(stepAt(in2030).toString(36)).toHaveLength(6)
    expect(rotatingCode(A, stepAt(in2030), mac)).toHaveLength(32)
    expect(() => rotatingCode(`${A}x`, stepAt(in2030), mac)).toThrow(/over 32/)
  })

  it('accepts the current and the previous step and answers the step', () => {
    const step = stepAt(now)
    expect(verifyRotatingCode(rotatingCode(A, step, mac), A, now, mac)).toBe(step)
    expect(verifyRotatingCode(rotatingCode(A, step - 1, mac), A, now, mac)).toBe(step - 1)
    // At the last millisecond of a step and the first of the next.
    const edge = (step + 1) * STEP_MS
    expect(verifyRotatingCode(rotatingCode(A, step, mac), A, edge - 1, mac)).toBe(step)
    expect(verifyRotatingCode(rotatingCode(A, step, mac), A, edge + STEP_MS - 1, mac)).toBe(step)
    expect(codeOf(() => verifyRotatingCode(rotatingCode(A, step, mac), A, edge + STEP_MS, mac))).toBe('CHECKIN.BAD_CODE')
  })

  it.each([
    ['an older step (a screenshot replayed later)', (s: number) => rotatingCode(A, s - 2, mac)],
    ['a future step', (s: number) => rotatingCode(A, s + 1, mac)],
    ['another activity', (s: number) => rotatingCode('aother000001', s, mac)],
    ['another id pasted into a valid code', (s: number) => rotatingCode(A, s, mac).replace(A, 'aother000001')],
    ['another secret', (s: number) => rotatingCode(A, s, activityMac('other'))],
    ['a flipped mac character', (s: number) => {
      const c = rotatingCode(A, s, mac)
      return c.slice(0, -1) + (c.endsWith('A') ? 'B' : 'A')
    }],
    ['a truncated mac', (s: number) => rotatingCode(A, s, mac).slice(0, -1)],
    ['a padded step', (s: number) => rotatingCode(A, s, mac).replace(`.${s.toString(36)}.`, `.0${s.toString(36)}.`)],
    ['an upper-case step', (s: number) => rotatingCode(A, s, mac).replace(`.${s.toString(36)}.`, `.${s.toString(36).toUpperCase()}.`)],
    ['too many parts', (s: number) => `${rotatingCode(A, s, mac)}.x`],
    ['nothing', () => ''],
  ])('refuses %s', (_l, make) => {
    const now2 = START + 7_777
    expect(codeOf(() => verifyRotatingCode(make(stepAt(now2)), A, now2, mac))).toBe('CHECKIN.BAD_CODE')
  })

  it('truncates an HMAC to digits as HOTP does (RFC 4226 appendix D: counter 0 → 755224, 1 → 287082)', () => {
    const hotp = (counter: number) => {
      const msg = Buffer.alloc(8)
      msg.writeBigUInt64BE(BigInt(counter))
      return truncateToDigits(createHmac('sha1', '12345678901234567890').update(msg).digest(), 6)
    }
    expect([0, 1, 2, 9].map(hotp)).toEqual(['755224', '287082', '359152', '520489'])
  })

  it('gives a typed 6-digit code for the current and the previous step only, from the same secret', () => {
    const step = stepAt(now)
    const typed = shortCode(A, step, mac)
    expect(typed).toMatch(/^[0-9]{6}$/)
    expect(verifyRotatingCode(typed, A, now, mac)).toBe(step)
    expect(verifyRotatingCode(shortCode(A, step - 1, mac), A, now, mac)).toBe(step - 1)
    expect(codeOf(() => verifyRotatingCode(shortCode(A, step - 2, mac), A, now, mac))).toBe('CHECKIN.BAD_CODE')
    expect(codeOf(() => verifyRotatingCode(shortCode(A, step + 1, mac), A, now, mac))).toBe('CHECKIN.BAD_CODE')
    expect(codeOf(() => verifyRotatingCode(shortCode('aother000001', step, mac), A, now, mac))).toBe('CHECKIN.BAD_CODE')
    expect(codeOf(() => verifyRotatingCode(shortCode(A, step, activityMac('other')), A, now, mac))).toBe('CHECKIN.BAD_CODE')
    // Not the QR's MAC cut short: a different message under the key.
    expect(rotatingCode(A, step, mac)).not.toContain(typed)
    // Spread over the digits: 2,000 steps give nearly as many distinct codes.
    expect(new Set(Array.from({ length: 2000 }, (_, i) => shortCode(A, step + i, mac))).size).toBeGreaterThan(1990)
  })

  it('compares macs without stopping at the first difference', () => {
    expect(constantTimeEqual('abcdef', 'abcdef')).toBe(true)
    expect(constantTimeEqual('abcdef', 'abcdeg')).toBe(false)
    expect(constantTimeEqual('abcdef', 'abcde')).toBe(false)
    expect(constantTimeEqual('', '')).toBe(true)
  })
})

describe('the geofence', () => {
  it('measures haversine distance and flags, never refuses', () => {
    expect(fenceCheck(PLACE, { lat: PLACE.lat, lng: PLACE.lng, accuracy: 10 })).toEqual({ distance: 0, flags: [] })
    // One degree of latitude is about 111.2 km.
    expect(fenceCheck(PLACE, { lat: PLACE.lat + 1, lng: PLACE.lng, accuracy: 10 }).distance).toBeCloseTo(111_195, -2)
    expect(fenceCheck(PLACE, { lat: PLACE.lat + 0.0027, lng: PLACE.lng, accuracy: 100 })).toEqual({ distance: 300, flags: [] })
    expect(fenceCheck(PLACE, { lat: PLACE.lat + 0.0028, lng: PLACE.lng, accuracy: 100 })).toEqual({ distance: 311, flags: ['outside_fence'] })
    expect(fenceCheck(PLACE, { lat: PLACE.lat, lng: PLACE.lng, accuracy: 100.5 }).flags).toEqual(['poor_accuracy'])
    expect(fenceCheck(PLACE, { lat: 0, lng: 0, accuracy: 1000 }).flags).toEqual(['outside_fence', 'poor_accuracy'])
  })
})

describe('minutes', () => {
  it.each([
    [0, 0], [15, 0], [16, 30], [45, 30], [46, 60], [59, 60], [60, 60],
    [130, 120], [140, 150], [170, 180], [135, 120], [136, 150], [165, 150], [166, 180],
  ])('%i minutes round to %i', (m, r) => expect(roundToHalfHours(m)).toBe(r))

  const a = { startAt: START, endAt: START + 180 * MIN, minAttendancePercent: 60 }
  it.each([
    ['2h10', 0, 130, 120, false],
    // Rounding up would give more than the stay; invariant 6 caps it at the stay itself.
    ['2h20 (rounds to 2h30, capped at the stay)', 0, 140, 140, false],
    ['2h40 (rounds to 2h30)', 0, 160, 150, false],
    ['2h50 (rounds to 3h, capped at the stay)', 0, 170, 170, false],
    ['arriving early and leaving late counts the span only', -30, 240, 180, false],
    ['arriving early counts from the start only (clipped, not capped)', -30, 120, 120, false],
    ['a stay entirely before the start earns nothing', -30, 0, 0, true],
    ['exactly 60 %', 0, 108, 108, false],
    ['just under 60 %', 0, 107.99, 0, true],
    ['a check-out before the check-in', 10, 5, 0, true],
  ])('%s', (_l, inAt, outAt, minutes, short) => {
    expect(attendedMinutes(START + inAt * MIN, START + outAt * MIN, a)).toEqual({ minutes, short })
  })

  it('never calls a stay short when the activity asks for 0 %', () => {
    expect(attendedMinutes(START, START + MIN, { ...a, minAttendancePercent: 0 })).toEqual({ minutes: 0, short: false })
  })
})

describe('selfMark', () => {
  const act = activityDoc({ _id: A, secret: SECRET })
  const code = (at: number) => rotatingCode(A, stepAt(at), mac)

  it('prefers the code, falls back to location, and needs one', () => {
    expect(selfMark('in', act, { code: code(START), location: { ...PLACE, accuracy: 5 } }, START, mac).evidence).toEqual({
      method: 'code',
      at: START,
      step: stepAt(START),
      location: { lat: PLACE.lat, lng: PLACE.lng, accuracy: 5, distance: 0 },
    })
    expect(selfMark('in', act, { location: { ...PLACE, accuracy: 500 } }, START, mac)).toEqual({
      kind: 'in',
      evidence: { method: 'geo', at: START, location: { lat: PLACE.lat, lng: PLACE.lng, accuracy: 500, distance: 0 } },
      flags: ['poor_accuracy'],
    })
    expect(codeOf(() => selfMark('in', act, {}, START, mac))).toBe('CHECKIN.LOCATION_REQUIRED')
  })

  it.each([
    ['in', START - 30 * MIN - 1, 'CHECKIN.WINDOW_CLOSED'],
    ['in', START - 30 * MIN, null],
    ['in', END, null],
    ['in', END + 1, 'CHECKIN.WINDOW_CLOSED'],
    ['out', START - 1, 'CHECKIN.WINDOW_CLOSED'],
    ['out', START, null],
    ['out', END + 60 * MIN, null],
    ['out', END + 60 * MIN + 1, 'CHECKIN.WINDOW_CLOSED'],
  ] as const)('check-%s at %i → %s', (kind, at, expected) => {
    expect(codeOf(() => selfMark(kind, act, { code: code(at) }, at, mac))).toBe(expected)
  })

  it('refuses unpublished activities and disabled methods before anything else', () => {
    expect(codeOf(() => selfMark('in', { ...act, status: 'draft' }, { code: code(START) }, START, mac))).toBe('ACTIVITY.NOT_PUBLISHED')
    expect(codeOf(() => selfMark('in', { ...act, status: 'cancelled' }, { code: code(START) }, START, mac))).toBe('ACTIVITY.CANCELLED')
    expect(codeOf(() => selfMark('in', { ...act, checkInModes: ['geo'] }, { code: code(START) }, START, mac))).toBe('ACTIVITY.MODE_DISABLED')
    expect(codeOf(() => selfMark('in', { ...act, checkInModes: ['code'] }, { location: { ...PLACE, accuracy: 5 } }, START, mac))).toBe('ACTIVITY.MODE_DISABLED')
  })
})

describe('scanMark', () => {
  const act = activityDoc({ _id: A })
  const s = (kind: 'in' | 'out', scannedAt: number) => ({ scanId: 'sc', kind, scannedAt })

  it('keeps the scan time, who scanned and when it arrived; flags it offline past two minutes', () => {
    expect(scanMark(act, s('in', START), START + 2 * MIN, 'org')).toEqual({
      kind: 'in',
      evidence: { method: 'scan', at: START, scannedBy: 'org', scanId: 'sc', syncedAt: START + 2 * MIN },
      flags: [],
    })
    expect(scanMark(act, s('in', START), START + 2 * MIN + 1, 'org').flags).toEqual(['offline_scan'])
  })

  it('refuses scan times outside the window or more than two minutes ahead of the server', () => {
    expect(codeOf(() => scanMark(act, s('in', START + 2 * MIN), START, 'org'))).toBeNull()
    expect(codeOf(() => scanMark(act, s('in', START + 2 * MIN + 1), START, 'org'))).toBe('CHECKIN.WINDOW_CLOSED')
    expect(codeOf(() => scanMark(act, s('in', START - 31 * MIN), END, 'org'))).toBe('CHECKIN.WINDOW_CLOSED')
    expect(codeOf(() => scanMark(act, s('out', START - MIN), END, 'org'))).toBe('CHECKIN.WINDOW_CLOSED')
  })
})

describe('applyMark', () => {
  const act = activityDoc({ _id: A })
  const who = { openid: 'o1', userId: 'u_1', userName: '王晓青' }
  const signed = participationDoc(act, who)
  const inMark: Mark = { kind: 'in', evidence: { method: 'geo', at: START }, flags: ['outside_fence'] }
  const outMark = (at: number, flags: Mark['flags'] = []): Mark => ({ kind: 'out', evidence: { method: 'code', at, step: 1 }, flags })
  const admit = () => who
  const apply = (p: ParticipationDoc | null, mark: Mark, a = act) => applyMark(signed._id, p, mark, a, admit, START + 500 * MIN)

  it('checks in once, then out once, in that order', () => {
    const { doc: inDoc } = apply(signed, inMark)
    expect(inDoc).toMatchObject({ checkIn: inMark.evidence, flags: ['outside_fence'], review: 'none', minutes: null })
    expect(codeOf(() => apply(inDoc, inMark))).toBe('CHECKIN.ALREADY')
    expect(codeOf(() => apply(signed, outMark(END)))).toBe('CHECKIN.NOT_CHECKED_IN')
    expect(codeOf(() => apply(inDoc, outMark(START - 1)))).toBe('CHECKIN.NOT_CHECKED_IN')
    const { doc: outDoc } = apply(inDoc, outMark(START + 30 * MIN, ['poor_accuracy', 'outside_fence']))
    expect(outDoc).toMatchObject({ minutes: 0, review: 'pending', flags: ['outside_fence', 'poor_accuracy', 'short_attendance'] })
    expect(codeOf(() => apply(outDoc, outMark(END)))).toBe('CHECKIN.ALREADY_OUT')
    expect(codeOf(() => apply(outDoc, inMark))).toBe('CHECKIN.ALREADY')
  })

  it('refuses anyone not signed up unless the activity takes walk-ins', () => {
    for (const p of [null, { ...signed, status: 'waitlisted' as const }, { ...signed, status: 'cancelled' as const }]) {
      expect(codeOf(() => apply(p, inMark))).toBe('SIGNUP.NOT_SIGNED')
    }
  })

  it('admits a walk-in as signed and flagged, leaving the waitlist when they were on it', () => {
    const walkIn = { ...act, walkIn: true }
    const fresh = apply(null, inMark, walkIn)
    expect(fresh.leftWaitlist).toBe(false)
    expect(fresh.doc).toMatchObject({ _id: signed._id, status: 'signed', openid: 'o1', userName: '王晓青', flags: ['walk_in', 'outside_fence'], checkIn: inMark.evidence })
    expect(apply({ ...signed, status: 'waitlisted', waitTicket: 3 }, inMark, walkIn)).toMatchObject({ leftWaitlist: true, doc: { waitTicket: null, status: 'signed' } })
    expect(codeOf(() => apply(null, outMark(END), walkIn))).toBe('CHECKIN.NOT_CHECKED_IN')
    expect(codeOf(() => apply({ ...signed, status: 'cancelled', checkIn: inMark.evidence }, inMark, walkIn))).toBe('CHECKIN.ALREADY')
    const refuse = () => {
      throw Object.assign(new Error('x'), { code: 'ACTIVITY.NOT_IN_AUDIENCE' })
    }
    expect(codeOf(() => applyMark(signed._id, null, inMark, walkIn, refuse, START))).toBe('ACTIVITY.NOT_IN_AUDIENCE')
  })
})

describe('the board code', () => {
  const act = activityDoc({ _id: A, secret: SECRET })
  it('is shown from check-in opening to check-out closing, for published code-enabled activities only', () => {
    expect(boardCode(act, START, mac)).toEqual({
      value: rotatingCode(A, stepAt(START), mac),
      short: shortCode(A, stepAt(START), mac),
      step: stepAt(START),
      expiresAt: (stepAt(START) + 1) * STEP_MS,
    })
    expect(boardCode(act, START - 30 * MIN - 1, mac)).toBeNull()
    expect(boardCode(act, END + 60 * MIN + 1, mac)).toBeNull()
    expect(boardCode({ ...act, checkInModes: ['geo', 'scan'] }, START, mac)).toBeNull()
    expect(boardCode({ ...act, status: 'draft' }, START, mac)).toBeNull()
  })
})

describe('the personal code', () => {
  const key = (userId: string) => createHmac('sha256', 'server').update(`person:${userId}`).digest('base64url')
  it('names the user and cannot be made for someone else', () => {
    const code = personCode('u_abc', key)
    expect(code).toMatch(/^tq1\.u_abc\.[A-Za-z0-9_-]{10}$/)
    expect(parsePersonCode(code, key)).toBe('u_abc')
    expect(codeOf(() => parsePersonCode(code.replace('u_abc', 'u_abd'), key))).toBe('CHECKIN.UNKNOWN_PERSON')
    expect(codeOf(() => parsePersonCode(personCode('u_abc', (u) => key(u).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))), key))).toBe('CHECKIN.UNKNOWN_PERSON')
    expect(codeOf(() => parsePersonCode('tq1.u_abc', key))).toBe('CHECKIN.UNKNOWN_PERSON')
    expect(codeOf(() => parsePersonCode(`tq2.${code.slice(4)}`, key))).toBe('CHECKIN.UNKNOWN_PERSON')
  })
})

describe('replayScan', () => {
  const stored: ScanDoc = {
    _id: 's1', activityId: A, personCode: 'tq1.u_1.abcdefghij', kind: 'in', scannedAt: START, scannedBy: 'org', syncedAt: END, participationId: 'p', result: { ok: true, code: null, message: null },
  }
  it('answers the stored result for the same payload and refuses another', () => {
    const same = { activityId: A, personCode: stored.personCode, kind: 'in' as const, scannedAt: START }
    expect(replayScan(stored, same)).toEqual(stored.result)
    for (const other of [{ activityId: 'b' }, { personCode: 'x' }, { kind: 'out' as const }, { scannedAt: START + 1 }]) {
      expect(codeOf(() => replayScan(stored, { ...same, ...other }))).toBe('GENERIC.CONFLICT')
    }
  })
})
