import { PRIVACY_VERSION } from '../../../types/enums'
import type { UserContract } from '../../../types/contract/user'
import { requireOrg } from '../../_core/org'
import { assertPublishable } from '../../_core/platform'
import {
  assertIdMatches,
  assertPlausibleAge,
  insertProfileClaiming,
  loadProfileView,
  needsGuardian,
  sealGuardian,
  sealIdNumber,
  sealPhone,
  userIdFor,
  type ProfileDoc,
} from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

export const register: Action<UserContract, 'register'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  if (input.privacyVersion !== PRIVACY_VERSION) throw new AppError('USER.PRIVACY_NOT_ACCEPTED')
  const age = assertPlausibleAge(input.birthDate, now)
  // Under 14 nothing is stored without a guardian's consent: refuse before anything is written.
  if (needsGuardian(age) && !input.guardian) throw new AppError('USER.GUARDIAN_CONSENT_REQUIRED')
  if (input.idNumber) assertIdMatches(input.idNumber, input.birthDate, input.gender)
  await requireOrg(ctx.db, input.orgId)
  await assertPublishable(ctx.platform.contentCheck, openid, [...input.skills, ...input.interests])

  const secrets = ctx.secrets()
  const doc: ProfileDoc = {
    _id: userIdFor(secrets, openid),
    openid,
    realName: input.realName,
    gender: input.gender,
    birthDate: input.birthDate,
    ...sealPhone(secrets, input.phone),
    ...(input.idNumber ? sealIdNumber(secrets, input.idNumber) : { idEnc: null, idHash: null, idMasked: null }),
    orgId: input.orgId,
    sector: input.sector,
    skills: input.skills,
    interests: input.interests,
    needs: [...new Set(input.needs)],
    leagueMember: input.leagueMember,
    elderMode: input.elderMode,
    guardian: needsGuardian(age) && input.guardian ? sealGuardian(secrets, input.guardian, now) : null,
    privacyVersion: input.privacyVersion,
    privacyAcceptedAt: now,
    createdAt: now,
    updatedAt: now,
  }
  // The phone and ID number are claimed with the profile: one of each per account.
  await insertProfileClaiming(ctx.db, doc)
  return { profile: await loadProfileView(ctx.db, doc, now) }
}

