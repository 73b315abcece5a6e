import type { PointsContract } from '../../../../types/contract/points'
import { setExpiryReminder as remember } from '../../../_core/ledger'
import { userIdFor } from '../../../_core/profile'
import type { Action } from '../../../_core/runtime/serve'

/** The youth's own choice, after the phone's subscription dialog: a reminder a month before 益币 expire. */
export const setExpiryReminder: Action<PointsContract, 'setExpiryReminder'> = async (input, ctx) => {
  const openid = ctx.openid()
  await remember(ctx.db, { userId: userIdFor(ctx.secrets(), openid), openid }, input.on, ctx.clock.now())
  return { remindExpiry: input.on }
}
