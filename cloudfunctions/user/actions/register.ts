import { PRIVACY_VERSION } from '../../../types/enums'
import type { UserContract } from '../../../types/contract/user'
import {
  acceptProfile,
  insertProfileClaiming,
  loadProfileView,
  newProfile,
} from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

export const register: Action<UserContract, 'register'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  if (input.privacyVersion !== PRIVACY_VERSION) throw new AppError('USER.PRIVACY_NOT_ACCEPTED')
  const facts = { birthDate: input.birthDate, gender: input.gender, idNumber: input.idNumber ?? null, hasGuardian: !!input.guardian }
  const age = await acceptProfile(ctx, openid, { ...facts, orgId: input.orgId, texts: [...input.skills, ...input.interests] }, now)
  const doc = newProfile(ctx.secrets(), openid, input, age, now)
  // The phone and ID number are claimed with the profile: one of each per account.
  await insertProfileClaiming(ctx.db, doc)
  return { profile: await loadProfileView(ctx.db, doc, now) }
}

