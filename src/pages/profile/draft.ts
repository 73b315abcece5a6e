import type { ErrorCode, ErrorIssue } from '../../../types/errors'
import { GUARDIAN_AGE, type Gender, type GuardianRelation, type Need, type Sector } from '../../../types/enums'
import type { ProfileViewT } from '../../../types/contract/user'
import type { OrgRef } from '../../utils/roles'
import { ageOn } from '../../utils/time'

/** What the profile form holds while a person types (strings as typed; '' = not filled). */
export interface GuardianDraft {
  name: string
  relation: GuardianRelation | ''
  phone: string
  agreed: boolean
}

export interface ProfileDraft {
  realName: string
  gender: Gender | ''
  birthDate: string
  /** Only a newly typed number; the stored one is never sent back (it is only known masked). */
  phone: string
  idNumber: string
  org: OrgRef | null
  sector: Sector | ''
  skills: string[]
  interests: string[]
  needs: Need[]
  leagueMember: boolean | null
  guardian: GuardianDraft
}

export type FieldErrors = Record<string, string>

export function emptyDraft(): ProfileDraft {
  return {
    realName: '',
    gender: '',
    birthDate: '',
    phone: '',
    idNumber: '',
    org: null,
    sector: '',
    skills: [],
    interests: [],
    needs: [],
    leagueMember: null,
    guardian: { name: '', relation: '', phone: '', agreed: false },
  }
}

export function draftFromProfile(p: ProfileViewT): ProfileDraft {
  return {
    ...emptyDraft(),
    realName: p.realName,
    gender: p.gender,
    birthDate: p.birthDate,
    org: { id: p.orgId, name: p.orgName },
    sector: p.sector,
    skills: [...p.skills],
    interests: [...p.interests],
    needs: [...p.needs],
    leagueMember: p.leagueMember,
  }
}

export function needsGuardian(birthDate: string, today?: string): boolean {
  const age = ageOn(birthDate, today)
  return age !== null && age < GUARDIAN_AGE
}

const blank = (s: string): string | undefined => (s.trim() === '' ? undefined : s)

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
}

function guardianPayload(g: GuardianDraft): Record<string, unknown> {
  // `agreed` must be the literal true; false is sent so the schema can say what is missing.
  return compact({ name: blank(g.name), relation: g.relation || undefined, phone: blank(g.phone), agreed: g.agreed })
}

function guardianTouched(g: GuardianDraft): boolean {
  return !!(g.name.trim() || g.relation || g.phone.trim() || g.agreed)
}

/** The `register` payload (shape checked by RegisterInput before sending). */
export function registerPayload(
  d: ProfileDraft,
  ctx: { privacyVersion: string; elderMode: boolean; today?: string },
): Record<string, unknown> {
  return compact({
    realName: blank(d.realName),
    gender: d.gender || undefined,
    birthDate: d.birthDate || undefined,
    phone: blank(d.phone),
    idNumber: blank(d.idNumber),
    orgId: d.org?.id,
    sector: d.sector || undefined,
    skills: d.skills,
    interests: d.interests,
    needs: d.needs,
    leagueMember: d.leagueMember ?? undefined,
    elderMode: ctx.elderMode,
    privacyVersion: ctx.privacyVersion,
    guardian: needsGuardian(d.birthDate, ctx.today) ? guardianPayload(d.guardian) : undefined,
  })
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x))
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** The `updateProfile` payload: only what changed; phone/ID only when a new one was typed. */
export function updatePayload(d: ProfileDraft, p: ProfileViewT, today?: string): Record<string, unknown> {
  return compact({
    realName: d.realName.trim() !== p.realName ? d.realName : undefined,
    gender: d.gender && d.gender !== p.gender ? d.gender : undefined,
    birthDate: d.birthDate && d.birthDate !== p.birthDate ? d.birthDate : undefined,
    phone: blank(d.phone),
    idNumber: blank(d.idNumber),
    orgId: d.org && d.org.id !== p.orgId ? d.org.id : undefined,
    sector: d.sector && d.sector !== p.sector ? d.sector : undefined,
    skills: sameList(d.skills, p.skills) ? undefined : d.skills,
    interests: sameList(d.interests, p.interests) ? undefined : d.interests,
    needs: sameSet(d.needs, p.needs) ? undefined : d.needs,
    leagueMember: d.leagueMember !== null && d.leagueMember !== p.leagueMember ? d.leagueMember : undefined,
    guardian: needsGuardian(d.birthDate, today) && guardianTouched(d.guardian) ? guardianPayload(d.guardian) : undefined,
  })
}

const GUARDIAN_FIELD: Record<string, string> = {
  name: 'guardianName',
  relation: 'guardianRelation',
  phone: 'guardianPhone',
  agreed: 'guardianAgreed',
}

/** Schema issues → the first Chinese message per field (`path[0]`; guardian fields one level deeper). */
export function fieldErrors(issues: readonly ErrorIssue[] | readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    const [head, sub] = issue.path
    let key = head === undefined ? 'form' : String(head)
    if (key === 'guardian') key = sub !== undefined ? (GUARDIAN_FIELD[String(sub)] ?? 'guardian') : 'guardian'
    if (!out[key]) out[key] = issue.message
  }
  return out
}

/** Server refusals that belong to one field, shown under it as well as in the notice. */
export const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = {
  'USER.AGE_OUT_OF_RANGE': 'birthDate',
  'USER.ID_MISMATCH': 'idNumber',
  'USER.GUARDIAN_CONSENT_REQUIRED': 'guardian',
  'ORG.NOT_FOUND': 'orgId',
}
