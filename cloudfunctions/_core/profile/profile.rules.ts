import { GUARDIAN_AGE, MAX_AGE, MIN_AGE, type Gender, type GuardianRelation, type Need, type Sector } from '../../../types/enums'
import { yearsBetween } from '../../../types/contract/common'
import { shanghaiDate } from '../../../types/day'
import { AppError } from '../runtime/app-error'

/** 青年档案: pure rules — ages, masking, identity-number consistency, the view a person may see. */

export interface ProfileDoc {
  _id: string
  openid: string
  realName: string
  gender: Gender
  birthDate: string
  phoneEnc: string
  phoneHash: string
  phoneMasked: string
  idEnc: string | null
  idHash: string | null
  idMasked: string | null
  orgId: string
  sector: Sector
  skills: string[]
  interests: string[]
  needs: Need[]
  leagueMember: boolean
  elderMode: boolean
  guardian: { name: string; relation: GuardianRelation; phoneEnc: string; phoneMasked: string; agreedAt: number } | null
  privacyVersion: string
  privacyAcceptedAt: number
  createdAt: number
  updatedAt: number
}

/** Whole years completed on `now`'s date in Shanghai. */
export function ageOn(birthDate: string, now: number): number {
  return yearsBetween(birthDate, shanghaiDate(now))
}

export function assertPlausibleAge(birthDate: string, now: number): number {
  const age = ageOn(birthDate, now)
  if (age < MIN_AGE || age > MAX_AGE) throw new AppError('USER.AGE_OUT_OF_RANGE')
  return age
}

export function needsGuardian(age: number): boolean {
  return age < GUARDIAN_AGE
}

/** An ID number carries the birth date (digits 7–14) and the sex (digit 17: odd is male). */
export function assertIdMatches(idNumber: string, birthDate: string, gender: Gender): void {
  const born = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
  const male = Number(idNumber[16]) % 2 === 1
  if (born !== birthDate || male !== (gender === 'male')) throw new AppError('USER.ID_MISMATCH')
}

/** What the acceptance rules look at: the person as the profile would stand after the change. */
export interface ProfileFacts {
  birthDate: string
  gender: Gender
  /** The ID number to check against the birth date and sex; null when there is none or nothing it depends on changed. */
  idNumber: string | null
  /** A guardian's consent is on file or comes with the change. */
  hasGuardian: boolean
}

/**
 * The rules register and updateProfile both apply, before anything is written: a plausible age, a
 * guardian's consent under 14, an ID number that agrees with the birth date and sex. Answers the age.
 */
export function assertAcceptable(p: ProfileFacts, now: number): number {
  const age = assertPlausibleAge(p.birthDate, now)
  // Under 14 nothing is stored without a guardian's consent.
  if (needsGuardian(age) && !p.hasGuardian) throw new AppError('USER.GUARDIAN_CONSENT_REQUIRED')
  if (p.idNumber) assertIdMatches(p.idNumber, p.birthDate, p.gender)
  return age
}

export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`
}

export function toProfileView(p: ProfileDoc, names: { orgName: string; townshipId: string | null; townshipName: string | null }, now: number) {
  return {
    userId: p._id,
    realName: p.realName,
    gender: p.gender,
    birthDate: p.birthDate,
    age: ageOn(p.birthDate, now),
    phoneMasked: p.phoneMasked,
    idMasked: p.idMasked,
    orgId: p.orgId,
    orgName: names.orgName,
    townshipId: names.townshipId,
    townshipName: names.townshipName,
    sector: p.sector,
    skills: p.skills,
    interests: p.interests,
    needs: p.needs,
    leagueMember: p.leagueMember,
    elderMode: p.elderMode,
    guardianName: p.guardian?.name ?? null,
    privacyVersion: p.privacyVersion,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  }
}

export function toProfileSummary(p: ProfileDoc, orgName: string, now: number) {
  return {
    userId: p._id,
    realName: p.realName,
    gender: p.gender,
    age: ageOn(p.birthDate, now),
    phoneMasked: p.phoneMasked,
    orgId: p.orgId,
    orgName,
    sector: p.sector,
    leagueMember: p.leagueMember,
    skills: p.skills,
    needs: p.needs,
  }
}
