import {
  approvableMinutes,
  assertDeclarableDate,
  assertEvidence,
  assertNotOwn,
  maskName,
  serialFromHash,
  starProgress,
  starsFor,
} from '../../cloudfunctions/_core/hours/hours.rules'

const NOW = Date.parse('2026-11-28T10:00:00+08:00')
const code = (code: string) => expect.objectContaining({ code })

describe('stars', () => {
  it.each([
    [0, 0],
    [99 * 60 + 59, 0],
    [100 * 60, 1],
    [300 * 60, 2],
    [600 * 60 - 1, 2],
    [600 * 60, 3],
    [1000 * 60, 4],
    [1500 * 60, 5],
    [9000 * 60, 5],
  ])('%i approved minutes → %i★', (minutes, stars) => {
    expect(starsFor(minutes)).toBe(stars)
  })

  it('adds attended and declared minutes and names the next star with what remains', () => {
    expect(starProgress(6000, 30)).toEqual({
      attendedMinutes: 6000,
      declaredMinutes: 30,
      totalMinutes: 6030,
      stars: 1,
      next: { stars: 2, minutes: 18000, remainingMinutes: 11970 },
    })
  })

  it('has no next star at 5★', () => {
    expect(starProgress(1500 * 60, 0).next).toBeNull()
  })
})

describe('review', () => {
  it('refuses one’s own record', () => {
    expect(() => assertNotOwn({ openid: 'a' }, 'a')).toThrow(code('HOURS.OWN_RECORD'))
    expect(() => assertNotOwn({ openid: 'a' }, 'b')).not.toThrow()
  })

  const part = (minutes: number | null, present: number | null) => ({
    _id: 'p',
    minutes,
    checkIn: present === null ? null : { method: 'code' as const, at: 0 },
    checkOut: present === null ? null : { method: 'code' as const, at: present * 60_000 },
  })

  it('grants the minutes the attendance rules gave, never more than check-out − check-in (invariant 6)', () => {
    expect(approvableMinutes(part(120, 120))).toBe(120)
    expect(approvableMinutes(part(90, 119))).toBe(90)
    expect(approvableMinutes(part(0, 10))).toBe(0)
    expect(() => approvableMinutes(part(120, 119))).toThrow(/exceed/)
    expect(() => approvableMinutes(part(null, 60))).toThrow()
    expect(() => approvableMinutes(part(60, null))).toThrow()
    expect(() => approvableMinutes(part(-30, 60))).toThrow()
  })
})

describe('declarations', () => {
  it('needs text or a photo', () => {
    expect(() => assertEvidence(undefined, [])).toThrow(code('HOURS.EVIDENCE_REQUIRED'))
    expect(() => assertEvidence('  ', [])).toThrow(code('HOURS.EVIDENCE_REQUIRED'))
    expect(() => assertEvidence('照片在群里', [])).not.toThrow()
    expect(() => assertEvidence(undefined, ['f1'])).not.toThrow()
  })

  it('takes days from a year back until today in Shanghai', () => {
    expect(() => assertDeclarableDate('2026-11-28', NOW)).not.toThrow()
    expect(() => assertDeclarableDate('2025-11-28', NOW)).not.toThrow()
    expect(() => assertDeclarableDate('2026-11-29', NOW)).toThrow(code('GENERIC.BAD_INPUT'))
    expect(() => assertDeclarableDate('2025-11-27', NOW)).toThrow(code('GENERIC.BAD_INPUT'))
    // 23:30 UTC on the 28th is already the 29th in Shanghai.
    expect(() => assertDeclarableDate('2026-11-29', Date.parse('2026-11-28T23:30:00Z'))).not.toThrow()
  })
})

describe('certificates', () => {
  it.each([
    ['王晓青', '王*青'],
    ['欧阳晓青', '欧**青'],
    ['王青', '王*'],
    ['王', '*'],
    ['', '*'],
  ])('masks %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  it('makes a XXXX-XXXX-XXXX serial of unambiguous characters from a keyed hash, deterministically', () => {
    const hash = 'q83vEjRWeJC3dEm1uZ_-Aa0OlIuU12345678901234'
    const serial = serialFromHash(hash)
    expect(serial).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(serial).not.toMatch(/[ILOU]/)
    expect(serialFromHash(hash)).toBe(serial)
    expect(serialFromHash(`r${hash.slice(1)}`)).not.toBe(serial)
    expect(() => serialFromHash('short')).toThrow()
    expect(() => serialFromHash('not base64url!')).toThrow()
  })
})
