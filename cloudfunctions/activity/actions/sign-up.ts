import type { ActivityContract } from '../../../types/contract/activity'
import {
  assertEligible,
  assertOpenForSignUp,
  isActive,
  newParticipation,
  participationIdFor,
  participationView,
  placeFor,
  putActivity,
  putParticipation,
  requireActivity,
  txActivity,
  txParticipation,
} from '../../_core/activity'
import { profileWithOrg, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/** Sign-ups for one activity all write its document, so they serialize there: signed never passes capacity. */
const SIGN_UP_ATTEMPTS = 20

export const signUp: Action<ActivityContract, 'signUp'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const activity = await requireActivity(ctx.db, input.activityId)
  assertOpenForSignUp(activity, now)
  const userId = userIdFor(ctx.secrets(), openid)
  const found = await profileWithOrg(ctx.db, userId)
  const profile = assertEligible(activity, found.profile, found.org)
  const id = participationIdFor(input.activityId, openid)

  const participation = await transaction(
    ctx.db,
    async (tx) => {
      const a = await txActivity(tx, input.activityId)
      if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
      assertOpenForSignUp(a, now)
      const existing = await txParticipation(tx, id)
      if (isActive(existing)) throw new AppError('SIGNUP.ALREADY')
      const status = placeFor(a)
      const waitTicket = status === 'waitlisted' ? a.waitSeq + 1 : null
      const p = newParticipation(a, { _id: id, openid, userId, userName: profile.realName, subscribed: input.subscribed }, { status, waitTicket }, now, existing)
      // The activity first: that is where concurrent sign-ups collide, so a loser stops before more work.
      await putActivity(tx, status === 'signed' ? { ...a, signed: a.signed + 1 } : { ...a, waitlisted: a.waitlisted + 1, waitSeq: waitTicket! })
      await putParticipation(tx, p)
      return p
    },
    SIGN_UP_ATTEMPTS,
  )
  return { participation: await participationView(ctx.db, participation) }
}
