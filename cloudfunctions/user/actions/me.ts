import { PRIVACY_VERSION } from '../../../types/enums'
import type { UserContract } from '../../../types/contract/user'
import { rolesOf, toRoleViews } from '../../_core/access'
import { getProfile, loadProfileView, userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'

export const me: Action<UserContract, 'me'> = async (_input, ctx) => {
  const openid = ctx.openid()
  const [profile, roles] = await Promise.all([getProfile(ctx.db, userIdFor(ctx.secrets(), openid)), rolesOf(ctx.db, openid)])
  return {
    profile: profile ? await loadProfileView(ctx.db, profile, ctx.clock.now()) : null,
    roles: await toRoleViews(ctx.db, ctx.secrets(), roles),
    privacy: { current: PRIVACY_VERSION, accepted: profile?.privacyVersion ?? null },
  }
}
