import { ageOn, assertIdMatches, assertPlausibleAge, maskIdNumber, maskPhone, needsGuardian } from '../../cloudfunctions/_core/profile/profile.rules'
import { shanghaiDate } from '../../types/day'
import { isCalendarDate, isValidIdNumber } from '../../types/contract/common'
import { idNumber } from '../fixtures/people'

describe('profile rules', () => {
  it('counts age on the Shanghai calendar date, not UTC', () => {
    // 2026-06-14 23:30 UTC is already 2026-06-15 in Shanghai: the birthday has come.
    const t = Date.parse('2026-06-14T23:30:00Z')
    expect(shanghaiDate(t)).toBe('2026-06-15')
    expect(ageOn('2000-06-15', t)).toBe(26)
    expect(ageOn('2000-06-16', t)).toBe(25)
  })

  it('bounds plausible ages and asks for a guardian under 14', () => {
    const now = Date.parse('2026-11-28T00:00:00Z')
    expect(() => assertPlausibleAge('2023-01-01', now)).toThrow(expect.objectContaining({ code: 'USER.AGE_OUT_OF_RANGE' }))
    expect(() => assertPlausibleAge('1900-01-01', now)).toThrow(expect.objectContaining({ code: 'USER.AGE_OUT_OF_RANGE' }))
    expect(assertPlausibleAge('2012-11-29', now)).toBe(13)
    expect(needsGuardian(13)).toBe(true)
    expect(needsGuardian(14)).toBe(false)
  })

  it('masks phone and ID numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskIdNumber('14052220000615121X')).toBe('1405**********121X')
  })

  it('validates ID numbers by checksum and calendar', () => {
    const good = idNumber('2000-06-15', 'female')
    expect(isValidIdNumber(good)).toBe(true)
    expect(isValidIdNumber(good.slice(0, 17) + (good[17] === '1' ? '2' : '1'))).toBe(false)
    expect(isValidIdNumber('140522200002301234')).toBe(false)
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2023-02-29')).toBe(false)
  })

  it('checks that an ID number agrees with birth date and sex', () => {
    expect(() => assertIdMatches(idNumber('2000-06-15', 'male'), '2000-06-15', 'male')).not.toThrow()
    expect(() => assertIdMatches(idNumber('2000-06-15', 'male'), '2000-06-15', 'female')).toThrow(expect.objectContaining({ code: 'USER.ID_MISMATCH' }))
    expect(() => assertIdMatches(idNumber('2000-06-15', 'male'), '2000-06-16', 'male')).toThrow(expect.objectContaining({ code: 'USER.ID_MISMATCH' }))
  })
})
