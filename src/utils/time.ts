import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Every date a person sees is in China Standard Time, whatever the phone's zone. */
export const ZONE = 'Asia/Shanghai'
const SHANGHAI_OFFSET_MINUTES = 8 * 60

/** dayjs' timezone plugin needs Intl time zones, which some mini-program engines lack; +08:00 has no DST. */
export function inShanghai(input: number | Date | Dayjs = Date.now()): Dayjs {
  try {
    return dayjs(input).tz(ZONE)
  } catch {
    return dayjs(input).utcOffset(SHANGHAI_OFFSET_MINUTES)
  }
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
  return inShanghai(now).format('YYYY-MM-DD')
}

/** Whole years between a calendar birth date and today (Shanghai); null when the date is not valid. */
export function ageOn(birthDate: string, today: string = todayInShanghai()): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate)
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today)
  if (!b || !t) return null
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])]
  const [ty, tm, td] = [Number(t[1]), Number(t[2]), Number(t[3])]
  let age = ty - by
  if (tm < bm || (tm === bm && td < bd)) age -= 1
  return age
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
