import type { ActivityContract } from '../../../types/contract/activity'
import {
  assertCancellable,
  fillFromWaitlist,
  getParticipation,
  givePlace,
  participationIdFor,
  participationView,
  requireActivity,
  type ActivityDoc,
  type ParticipationDoc,
} from '../../_core/activity'
import { dispatch } from '../../_core/outbox'
import { COLLECTIONS } from '../../_core/runtime/collections'
import type { ActionContext } from '../../_core/runtime/context'
import type { Left } from '../../_core/runtime/places'
import type { Action } from '../../_core/runtime/serve'

/** Each attempt fails only when the participation itself changed (a check-in, a promotion): read it again. */
const CANCEL_ATTEMPTS = 5

/**
 * The participation first (only if it is still as read: not checked in meanwhile), then its place;
 * a freed place goes to the head of the waitlist, who is told afterwards.
 */
export const cancelSignUp: Action<ActivityContract, 'cancelSignUp'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const id = participationIdFor(input.activityId, openid)
  const a = await requireActivity(ctx.db, input.activityId)
  let p = await getParticipation(ctx.db, id)
  // A cancel whose answer was lost (or whose call died) after the participation said so: finish it —
  // give back the place it still holds — and answer as the first attempt would have.
  if (p?.status === 'cancelled' && !p.checkIn) {
    const was = await givePlace(ctx.db, a._id, { _id: id, status: 'signed' }, now)
    if (was !== 'absent') {
      await afterLeaving(ctx, a, was, now)
      return { participation: await participationView(ctx.db, p) }
    }
  }
  for (let attempt = 1; ; attempt++) {
    assertCancellable(a, p, now)
    const seen = p!
    const res = await ctx.db
      .collection(COLLECTIONS.participations)
      .where({ _id: id, status: seen.status, updatedAt: seen.updatedAt, checkIn: null })
      .update({ data: { status: 'cancelled', waitTicket: null, updatedAt: now } })
    if (res.stats.updated === 1) break
    if (attempt >= CANCEL_ATTEMPTS) throw new Error(`participation ${id} kept changing under its cancel`)
    p = await getParticipation(ctx.db, id)
  }
  const mine: ParticipationDoc = { ...p!, status: 'cancelled', waitTicket: null, updatedAt: now }
  await afterLeaving(ctx, a, await givePlace(ctx.db, a._id, p!, now), now)
  return { participation: await participationView(ctx.db, mine) }
}

/** A place given back goes to the head of the waitlist (while the activity is published), who is told. */
async function afterLeaving(ctx: ActionContext, a: ActivityDoc, was: Left, now: number): Promise<void> {
  if (was === 'held' && a.status === 'published') await dispatch(ctx, (await fillFromWaitlist(ctx.db, a, now)).messages)
}
