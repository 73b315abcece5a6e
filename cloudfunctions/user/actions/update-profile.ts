import type { UserContract } from '../../../types/contract/user'
import { requireOrg } from '../../_core/org'
import { assertPublishable } from '../../_core/platform'
import {
  assertIdMatches,
  assertPlausibleAge,
  getProfile,
  loadProfileView,
  needsGuardian,
  sealGuardian,
  sealIdNumber,
  sealPhone,
  updateProfileClaiming,
  userIdFor,
  type ProfileDoc,
} from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

export const updateProfile: Action<UserContract, 'updateProfile'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const secrets = ctx.secrets()
  const current = await getProfile(ctx.db, userIdFor(secrets, openid))
  if (!current) throw new AppError('USER.NOT_REGISTERED')

  const birthDate = input.birthDate ?? current.birthDate
  const gender = input.gender ?? current.gender
  const age = assertPlausibleAge(birthDate, now)
  if (needsGuardian(age) && !input.guardian && !current.guardian) throw new AppError('USER.GUARDIAN_CONSENT_REQUIRED')
  const idNumber = input.idNumber ?? (current.idEnc ? secrets.decrypt(current.idEnc) : null)
  if (idNumber && (input.idNumber || input.birthDate || input.gender)) assertIdMatches(idNumber, birthDate, gender)
  if (input.orgId && input.orgId !== current.orgId) await requireOrg(ctx.db, input.orgId)
  await assertPublishable(ctx.platform.contentCheck, openid, [...(input.skills ?? []), ...(input.interests ?? [])])

  const { phone, idNumber: _id, guardian, needs, ...plain } = input
  const fields: Partial<ProfileDoc> = { ...plain, updatedAt: now }
  if (phone) Object.assign(fields, sealPhone(secrets, phone))
  if (input.idNumber) Object.assign(fields, sealIdNumber(secrets, input.idNumber))
  if (needs) fields.needs = [...new Set(needs)]
  if (guardian && needsGuardian(age)) fields.guardian = sealGuardian(secrets, guardian, now)

  // A new phone or ID number is claimed and the old one released with the change itself.
  const written = await updateProfileClaiming(ctx.db, current._id, fields, now)
  return { profile: await loadProfileView(ctx.db, written, now) }
}
