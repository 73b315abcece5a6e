import { postInYear } from '../../cloudfunctions/_core/station/post.rules'
import { shanghaiEpoch } from '../../types/day'

/** Whose year a duty roster counts: posts in force at some time in it (cloudfunctions/_core/station/post.rules.ts). */
const post = (termStart: string, termEnd: string, endedAt: number | null = null) => ({ termStart, termEnd, endedAt })
const at = (date: string) => shanghaiEpoch(date, '10:00')!

describe('postInYear', () => {
  it('counts a post whose term overlaps the year, at either end', () => {
    expect(postInYear(post('2024-01-01', '2028-12-31'), 2026)).toBe(true)
    expect(postInYear(post('2026-12-31', '2028-12-31'), 2026)).toBe(true)
    expect(postInYear(post('2021-01-01', '2026-01-01'), 2026)).toBe(true)
  })

  it('leaves out a term that ends before the year or starts after it', () => {
    expect(postInYear(post('2021-01-01', '2025-12-31'), 2026)).toBe(false)
    expect(postInYear(post('2027-01-01', '2029-12-31'), 2026)).toBe(false)
  })

  it('leaves out a post ended before the year began, but keeps one ended during it', () => {
    expect(postInYear(post('2024-01-01', '2028-12-31', at('2025-06-30')), 2026)).toBe(false)
    expect(postInYear(post('2024-01-01', '2028-12-31', shanghaiEpoch('2025-12-31', '23:59')!), 2026)).toBe(false)
    expect(postInYear(post('2024-01-01', '2028-12-31', shanghaiEpoch('2026-01-01', '00:00')!), 2026)).toBe(true)
    expect(postInYear(post('2024-01-01', '2028-12-31', at('2026-03-01')), 2026)).toBe(true)
  })
})
