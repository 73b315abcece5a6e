import type { ActivityContract } from '../../../types/contract/activity'
import {
  applicantOf,
  assertEligible,
  assertOpenForSignUp,
  getParticipation,
  isActive,
  newParticipation,
  participationIdFor,
  participationView,
  putParticipation,
  requireActivity,
  takePlace,
} from '../../_core/activity'
import { userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { asTx } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * The place first — one conditional update of the activity, so a storm of sign-ups each gets the
 * real answer (signed, waitlisted, full) — then the participation (activity.places.ts says why in
 * that order). A retry after a lost answer finds its place again instead of taking a second.
 */
export const signUp: Action<ActivityContract, 'signUp'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const id = participationIdFor(input.activityId, openid)
  const [activity, existing] = await Promise.all([requireActivity(ctx.db, input.activityId), getParticipation(ctx.db, id)])
  assertOpenForSignUp(activity, now)
  if (isActive(existing)) throw new AppError('SIGNUP.ALREADY')
  const userId = userIdFor(ctx.secrets(), openid)
  const found = await applicantOf(ctx.db, activity.audience, userId)
  const profile = assertEligible(activity, found.profile, found.org, found.chains)

  const place = await takePlace(ctx.db, activity, id, now)
  const p = newParticipation(activity, { _id: id, openid, userId, userName: profile.realName, subscribed: input.subscribed }, place, now, existing)
  await putParticipation(asTx(ctx.db), p)
  return { participation: await participationView(ctx.db, p) }
}
