import type { ActivityContract } from '../../../types/contract/activity'
import { personCode, personMac } from '../../_core/attendance'
import { getProfile, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** The code an organizer scans; it names the user and is signed with the server key, so nobody can make one for someone else. */
export const myCode: Action<ActivityContract, 'myCode'> = async (_input, ctx) => {
  const secrets = ctx.secrets()
  const profile = await getProfile(ctx.db, userIdFor(secrets, ctx.openid()))
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  return { personCode: personCode(profile._id, personMac(secrets)), userName: profile.realName }
}
