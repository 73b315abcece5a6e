import fc from 'fast-check'
import { assertNotSelfScan, attendedMinutes, roundToHalfHours, scanMark, scanWindowRefusal } from '../../cloudfunctions/_core/attendance'
import { END, MIN, START, activityDoc } from '../fixtures/activities'

/**
 * Hours from attendance (docs/domain.md): only the part of the stay inside start → end counts; the
 * 60 % rule and the half-hour rounding apply to that part.
 */

const SEC = 1000

/** The seconds of the stay that fall inside the span, counted one by one. */
function secondsInside(inAt: number, outAt: number, startAt: number, endAt: number): number {
  let n = 0
  for (let t = inAt; t < outAt; t += SEC) if (t >= startAt && t < endAt) n++
  return n
}

describe('attendedMinutes against a brute-force count', () => {
  it('agrees on random stays around random spans', () => {
    const stay = fc.record({
      start: fc.integer({ min: 0, max: 600 }),
      spanMin: fc.integer({ min: 1, max: 240 }),
      spanSec: fc.integer({ min: 0, max: 59 }),
      pct: fc.constantFrom(0, 50, 60, 100),
      // Stays that begin well before, inside or after the span (in seconds from its start), and end anywhere around it.
      from: fc.integer({ min: -180 * 60, max: 270 * 60 }),
      length: fc.integer({ min: 0, max: 300 * 60 }),
    })
    fc.assert(
      fc.property(stay, ({ start, spanMin, spanSec, pct, from, length }) => {
        const startAt = START + start * SEC
        const span = spanMin * MIN + spanSec * SEC
        const endAt = startAt + span
        const inAt = startAt + from * SEC
        const outAt = inAt + length * SEC
        const inside = secondsInside(inAt, outAt, startAt, endAt) * SEC
        const got = attendedMinutes(inAt, outAt, { startAt, endAt, minAttendancePercent: pct })
        const short = inside * 100 < span * pct
        const whole = Math.floor(inside / MIN)
        expect(got).toEqual(short ? { minutes: 0, short: true } : { minutes: Math.min(roundToHalfHours(whole), whole), short: false })
        // Never more than the time inside the span, hence never more than the stay (invariant 6).
        expect(got.minutes * MIN).toBeLessThanOrEqual(inside)
        expect(got.minutes * MIN).toBeLessThanOrEqual(outAt - inAt)
      }),
      { numRuns: 1500, seed: 20261206 },
    )
  })

  it('counts nothing for a stay that ends at the start (the 30-minute activity left at its start)', () => {
    const a = { startAt: START, endAt: START + 30 * MIN, minAttendancePercent: 60 }
    expect(attendedMinutes(START - 19 * MIN, START, a)).toEqual({ minutes: 0, short: true })
    expect(attendedMinutes(START - 179 * MIN, START + 5 * SEC, a)).toEqual({ minutes: 0, short: true })
  })

  it('counts from the start for an early arrival, to the end for a late leaver', () => {
    const a = { startAt: START, endAt: START + 120 * MIN, minAttendancePercent: 60 }
    expect(attendedMinutes(START - 60 * MIN, START + 80 * MIN, a)).toEqual({ minutes: 80, short: false })
    expect(attendedMinutes(START + 40 * MIN, START + 300 * MIN, a)).toEqual({ minutes: 80, short: false })
    // 100 minutes before the start plus 60 inside: the 60 inside are 50 %, short.
    expect(attendedMinutes(START - 100 * MIN, START + 60 * MIN, a)).toEqual({ minutes: 0, short: true })
  })
})

describe('scan times outside the windows', () => {
  const a = activityDoc({ checkInOpensBefore: 30, checkOutClosesAfter: 60 })
  const scan = (kind: 'in' | 'out', scannedAt: number) => ({ scanId: 's1', kind, scannedAt })
  const refusal = (kind: 'in' | 'out', at: number, now = END + 2 * 60 * MIN) => {
    try {
      scanMark(a, scan(kind, at), now, 'org')
      return null
    } catch (e) {
      return { code: (e as { code: string }).code, message: (e as Error).message }
    }
  }

  it.each([
    ['a scan-in 179 minutes before the start', 'in', START - 179 * MIN, /早于签到开放时间（活动开始前30分钟）/],
    ['a scan-in after the end', 'in', END + SEC, /晚于活动结束/],
    ['a scan-out before the start', 'out', START - SEC, /早于活动开始，还不能签退/],
    ['a scan-out past the close', 'out', END + 60 * MIN + SEC, /晚于签退截止时间（活动结束后60分钟）/],
  ] as const)('refuses %s, saying why', (_l, kind, at, why) => {
    expect(refusal(kind, at)).toEqual({ code: 'CHECKIN.WINDOW_CLOSED', message: expect.stringMatching(why) })
  })

  it('refuses a scan time ahead of the server clock, asking to check the phone', () => {
    expect(refusal('in', START, START - 3 * MIN)).toEqual({ code: 'CHECKIN.WINDOW_CLOSED', message: expect.stringMatching(/手机时间/) })
  })

  it('accepts the edges of both windows', () => {
    expect(scanWindowRefusal(a, 'in', START - 30 * MIN, END)).toBeNull()
    expect(scanWindowRefusal(a, 'in', END, END)).toBeNull()
    expect(scanWindowRefusal(a, 'out', START, END)).toBeNull()
    expect(scanWindowRefusal(a, 'out', END + 60 * MIN, END + 60 * MIN)).toBeNull()
  })
})

describe('self-scans', () => {
  it('refuses an organizer scanning their own code and lets them scan anyone else', () => {
    expect(() => assertNotSelfScan('dev-cadre', 'dev-cadre')).toThrow(expect.objectContaining({ code: 'CHECKIN.SELF_SCAN' }))
    expect(() => assertNotSelfScan('dev-youth', 'dev-cadre')).not.toThrow()
  })
})
