/**
 * Days and wall-clock times in China Standard Time, for the app and the functions alike. Shanghai
 * keeps UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact and needs no time
 * zone database (some mini-program engines have no Intl time zones). A calendar date is `YYYY-MM-DD`.
 */

export const SHANGHAI_OFFSET_MS = 8 * 3600_000
export const DAY_MS = 24 * 3600_000

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^(\d{1,2}):(\d{2})$/

const pad2 = (n: number) => String(n).padStart(2, '0')

/** The wall-clock date and time in Shanghai that an instant falls on: `{ date: '2026-11-05', time: '09:30' }`. */
export function splitShanghai(ms: number): { date: string; time: string } {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return {
    date: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`,
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`,
  }
}

/** The calendar date in Shanghai that an instant falls on (`now` gives today's). */
export function shanghaiDate(ms: number): string {
  return splitShanghai(ms).date
}

/** A Shanghai wall-clock date and time as epoch ms: ('2026-11-05', '09:30'); null when either is malformed. */
export function shanghaiEpoch(date: string, time: string): number | null {
  const d = DATE.exec(date)
  const t = TIME.exec(time)
  if (!d || !t) return null
  return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2])) - SHANGHAI_OFFSET_MS
}

/** 00:00 in Shanghai on a calendar date, as epoch ms: where a day sits on a timeline. NaN when malformed. */
export function shanghaiDayStart(date: string): number {
  return shanghaiEpoch(date, '00:00') ?? NaN
}

/** 00:00 in Shanghai on the day an instant falls on. */
export function startOfShanghaiDay(ms: number): number {
  return shanghaiDayStart(shanghaiDate(ms))
}

/** The Shanghai calendar year an instant falls in. */
export function shanghaiYear(ms: number): number {
  return Number(shanghaiDate(ms).slice(0, 4))
}

/** 00:00 on 1 January of a year, in Shanghai. */
export function shanghaiYearStart(year: number): number {
  return shanghaiDayStart(`${year}-01-01`)
}

/** A Shanghai calendar year as [start, end): what every report's "this year" means. */
export function shanghaiYearSpan(year: number): [number, number] {
  return [shanghaiYearStart(year), shanghaiYearStart(year + 1)]
}
