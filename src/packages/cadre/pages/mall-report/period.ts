import { DAY_MS, shanghaiDate, shanghaiDayStart } from '../../../../../types/day'

/** The report's periods, as Shanghai calendar days: [from, to) in epoch ms. */
export const PERIODS = [
  { value: 'week', label: '近7天' },
  { value: 'month', label: '本月' },
  { value: 'last_month', label: '上月' },
  { value: 'days30', label: '近30天' },
  { value: 'year', label: '今年' },
] as const

export type Period = (typeof PERIODS)[number]['value']

const firstOfMonth = (y: number, m: number) => shanghaiDayStart(`${y}-${String(m).padStart(2, '0')}-01`)

export function periodRange(p: Period, now: number): { from: number; to: number } {
  const today = shanghaiDate(now)
  const tomorrow = shanghaiDayStart(today) + DAY_MS
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  switch (p) {
    case 'week':
      return { from: tomorrow - 7 * DAY_MS, to: tomorrow }
    case 'days30':
      return { from: tomorrow - 30 * DAY_MS, to: tomorrow }
    case 'month':
      return { from: firstOfMonth(y, m), to: tomorrow }
    case 'last_month':
      return m === 1 ? { from: firstOfMonth(y - 1, 12), to: firstOfMonth(y, 1) } : { from: firstOfMonth(y, m - 1), to: firstOfMonth(y, m) }
    case 'year':
      return { from: firstOfMonth(y, 1), to: tomorrow }
  }
}
