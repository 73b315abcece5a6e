import { PRIVACY_VERSION } from '../../../types/enums'
import type { UserContract } from '../../../types/contract/user'
import { getProfile, updateProfile, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** When the guide changes its version, a registered youth confirms the new one before going on. */
export const acceptPrivacy: Action<UserContract, 'acceptPrivacy'> = async (input, ctx) => {
  if (input.privacyVersion !== PRIVACY_VERSION) throw new AppError('USER.PRIVACY_NOT_ACCEPTED')
  const profile = await getProfile(ctx.db, userIdFor(ctx.secrets(), ctx.openid()))
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  const now = ctx.clock.now()
  await updateProfile(ctx.db, profile._id, { privacyVersion: PRIVACY_VERSION, privacyAcceptedAt: now, updatedAt: now })
  return { privacy: { current: PRIVACY_VERSION, accepted: PRIVACY_VERSION } }
}
