import type { UserContract } from '../../../types/contract/user'
import {
  acceptProfile,
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
  const idNumber = input.idNumber ?? (current.idEnc ? secrets.decrypt(current.idEnc) : null)
  // The ID number is checked again only when it, the birth date or the sex changes.
  const facts = { birthDate, gender, idNumber: input.idNumber || input.birthDate || input.gender ? idNumber : null, hasGuardian: !!(input.guardian || current.guardian) }
  const orgId = input.orgId && input.orgId !== current.orgId ? input.orgId : null
  const age = await acceptProfile(ctx, openid, { ...facts, orgId, texts: [...(input.skills ?? []), ...(input.interests ?? [])] }, now)

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
