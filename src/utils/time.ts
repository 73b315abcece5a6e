import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { yearsBetween } from '../../types/contract/common'
import { SHANGHAI_OFFSET_MS, shanghaiDate } from '../../types/day'

dayjs.extend(utc)

/**
 * Every date a person sees is in China Standard Time, whatever the phone's zone: a fixed +08:00
 * (types/day.ts), so no time zone database is needed.
 */
export function inShanghai(input: number | Date | Dayjs = Date.now()): Dayjs {
  return dayjs(input).utcOffset(SHANGHAI_OFFSET_MS / 60_000)
}

/** 2026年11月1日 */
export function formatDate(ms: number): string {
  return inShanghai(ms).format('YYYY年M月D日')
}

/** 2026年11月1日 14:05 */
export function formatDateTime(ms: number): string {
  return inShanghai(ms).format('YYYY年M月D日 HH:mm')
}

/** Today's calendar date in Shanghai, `YYYY-MM-DD`. */
export function todayInShanghai(now: number = Date.now()): string {
  return shanghaiDate(now)
}

/** Whole years between a calendar birth date and today (Shanghai); null when the date is not valid. */
export function ageOn(birthDate: string, today: string = todayInShanghai()): number | null {
  const date = /^\d{4}-\d{2}-\d{2}$/
  return date.test(birthDate) && date.test(today) ? yearsBetween(birthDate, today) : null
}

/** `YYYY-MM-DD` → 1990年5月1日 (a calendar date has no zone). */
export function formatCalendarDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : date
}

/** A calendar date as a local Date at noon, for date pickers (noon keeps it clear of DST edges). */
export function calendarDateToPickerDate(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return new Date(2000, 0, 1, 12)
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)
}

export function pad2(n: number | string): string {
  return String(n).padStart(2, '0')
}

/** 14:05 */
export function formatTime(ms: number): string {
  return inShanghai(ms).format('HH:mm')
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** 11月5日 周六 */
export function formatDay(ms: number, now: number = Date.now()): string {
  const d = inShanghai(ms)
  const year = d.year() === inShanghai(now).year() ? '' : `${d.year()}年`
  return `${year}${d.month() + 1}月${d.date()}日 周${WEEKDAYS[d.day()]}`
}

/** 11月5日 周六 09:00–11:30, or both ends in full when they fall on different days. */
export function formatRange(start: number, end: number, now: number = Date.now()): string {
  const sameDay = shanghaiDate(start) === shanghaiDate(end)
  return sameDay
    ? `${formatDay(start, now)} ${formatTime(start)}–${formatTime(end)}`
    : `${formatDay(start, now)} ${formatTime(start)} – ${formatDay(end, now)} ${formatTime(end)}`
}

/** 150 → 2小时30分; 120 → 2小时; 30 → 30分钟. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes))
  const h = Math.floor(m / 60)
  const rest = m % 60
  if (!h) return `${rest}分钟`
  return rest ? `${h}小时${rest}分` : `${h}小时`
}

/** Minutes as hours with at most one decimal: 150 → "2.5". */
export function hoursText(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10
  return String(h)
}

/** 11月28日 14:05 (the year only when it is not this year). */
export function formatShortDateTime(ms: number, now: number = Date.now()): string {
  const d = inShanghai(ms)
  return d.year() === inShanghai(now).year() ? d.format('M月D日 HH:mm') : d.format('YYYY年M月D日 HH:mm')
}

/** 2026.11.28 — compact, for tables. */
export function formatDotDate(ms: number): string {
  return inShanghai(ms).format('YYYY.MM.DD')
}
