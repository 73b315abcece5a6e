import { requireOrg } from '../org/org.repo'
import { assertPublishable, type ContentCheck } from '../platform'
import type { Db } from '../runtime/db'
import type { Secrets } from '../runtime/secrets'
import { sealGuardian, sealIdNumber, sealPhone, userIdFor } from './profile.repo'
import { assertAcceptable, needsGuardian, type ProfileDoc, type ProfileFacts } from './profile.rules'

/**
 * Profile acceptance, once for register and updateProfile: the rules on the person
 * (assertAcceptable), then an org that exists when one is chosen, then WeChat's content check on
 * the words others will read. Refuses before anything is written; answers the age.
 */
export async function acceptProfile(
  deps: { db: Db; platform: { contentCheck: ContentCheck } },
  openid: string,
  p: ProfileFacts & { orgId: string | null; texts: string[] },
  now: number,
): Promise<number> {
  const age = assertAcceptable(p, now)
  if (p.orgId) await requireOrg(deps.db, p.orgId)
  await assertPublishable(deps.platform.contentCheck, openid, p.texts)
  return age
}

/** What a new profile is made of: the registration form, with its numbers still in the clear. */
export type NewProfile = Pick<
  ProfileDoc,
  'realName' | 'gender' | 'birthDate' | 'orgId' | 'sector' | 'skills' | 'interests' | 'needs' | 'leagueMember' | 'elderMode' | 'privacyVersion'
> & {
  phone: string
  idNumber?: string | null
  guardian?: Parameters<typeof sealGuardian>[1] | null
}

/**
 * The profile document register writes (and the seed, so demo profiles cannot differ from real
 * ones): numbers sealed, needs deduplicated, a guardian kept only for a minor.
 */
export function newProfile(secrets: Secrets, openid: string, p: NewProfile, age: number, now: number): ProfileDoc {
  return {
    _id: userIdFor(secrets, openid),
    openid,
    realName: p.realName,
    gender: p.gender,
    birthDate: p.birthDate,
    ...sealPhone(secrets, p.phone),
    ...(p.idNumber ? sealIdNumber(secrets, p.idNumber) : { idEnc: null, idHash: null, idMasked: null }),
    orgId: p.orgId,
    sector: p.sector,
    skills: p.skills,
    interests: p.interests,
    needs: [...new Set(p.needs)],
    leagueMember: p.leagueMember,
    elderMode: p.elderMode,
    guardian: needsGuardian(age) && p.guardian ? sealGuardian(secrets, p.guardian, now) : null,
    privacyVersion: p.privacyVersion,
    privacyAcceptedAt: now,
    createdAt: now,
    updatedAt: now,
  }
}
