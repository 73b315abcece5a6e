import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDate, shanghaiDayStart, shanghaiEpoch, splitShanghai, startOfShanghaiDay } from '../../types/day'

// Shanghai is UTC+8 all year: its day turns at 16:00 UTC.
describe('Shanghai days (types/day.ts)', () => {
  it('turns the day at 16:00 UTC, not at midnight UTC', () => {
    expect(shanghaiDate(Date.parse('2026-11-05T15:59:59.999Z'))).toBe('2026-11-05')
    expect(shanghaiDate(Date.parse('2026-11-05T16:00:00.000Z'))).toBe('2026-11-06')
    expect(splitShanghai(Date.parse('2026-11-05T15:59:00Z'))).toEqual({ date: '2026-11-05', time: '23:59' })
    expect(splitShanghai(Date.parse('2026-11-05T16:00:00Z'))).toEqual({ date: '2026-11-06', time: '00:00' })
  })

  it('turns months and years, leap days included', () => {
    expect(shanghaiDate(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
    expect(shanghaiDate(Date.parse('2026-12-31T15:59:59Z'))).toBe('2026-12-31')
    expect(shanghaiDate(Date.parse('2026-01-31T16:30:00Z'))).toBe('2026-02-01')
    expect(shanghaiDate(Date.parse('2028-02-28T16:00:00Z'))).toBe('2028-02-29')
    expect(shanghaiDate(Date.parse('2027-02-28T16:00:00Z'))).toBe('2027-03-01')
  })

  it('places a calendar day at 00:00 +08:00, i.e. 16:00 UTC the day before', () => {
    expect(shanghaiDayStart('2027-01-01')).toBe(Date.parse('2026-12-31T16:00:00Z'))
    expect(shanghaiDayStart('2026-03-01')).toBe(Date.parse('2026-02-28T16:00:00Z'))
    expect(shanghaiDayStart('2026-3-1')).toBeNaN()
    expect(startOfShanghaiDay(Date.parse('2026-11-05T15:59:00Z'))).toBe(Date.parse('2026-11-04T16:00:00Z'))
    expect(startOfShanghaiDay(Date.parse('2026-11-05T16:00:00Z'))).toBe(Date.parse('2026-11-05T16:00:00Z'))
  })

  it('reads a wall-clock date and time as the instant it names, and refuses malformed ones', () => {
    expect(shanghaiEpoch('2026-11-05', '09:30')).toBe(Date.parse('2026-11-05T09:30:00+08:00'))
    expect(shanghaiEpoch('2026-11-06', '7:05')).toBe(Date.parse('2026-11-05T23:05:00Z'))
    expect(shanghaiEpoch('2026-11-05', '9.30')).toBeNull()
    expect(shanghaiEpoch('05/11/2026', '09:30')).toBeNull()
  })

  it('gives back the date and time it was given, on every hour of a year', () => {
    const from = shanghaiDayStart('2026-01-01')
    for (let t = from; t < from + 366 * DAY_MS; t += 3600_000) {
      const { date, time } = splitShanghai(t)
      expect(shanghaiEpoch(date, time)).toBe(t)
      expect(date).toBe(new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10))
    }
  })
})
