import type { ActivityContract } from '../../../types/contract/activity'
import {
  assertCancellable,
  freePlaces,
  getActivity,
  getParticipation,
  holdsPlace,
  noticePromoted,
  participationIdFor,
  participationView,
  promoteHead,
  putActivity,
  putParticipation,
  txActivity,
  txParticipation,
  withWaitlistHead,
  type ActivityDoc,
  type ParticipationDoc,
} from '../../_core/activity'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** Places freed for the waitlist if `p` gives up theirs now (none once the activity is cancelled). */
function freedBy(a: ActivityDoc, p: ParticipationDoc | null): number {
  return a.status === 'published' && holdsPlace(p) ? freePlaces({ ...a, signed: a.signed - 1 }) : 0
}

/** A place given up goes to the first on the waitlist in the same transaction; they are told afterwards. */
export const cancelSignUp: Action<ActivityContract, 'cancelSignUp'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const id = participationIdFor(input.activityId, openid)
  const result = await withWaitlistHead(
    ctx.db,
    input.activityId,
    // Checked here first (a refusal leaves no trace), and again inside the transaction.
    async () => {
      const [a, p] = await Promise.all([getActivity(ctx.db, input.activityId), getParticipation(ctx.db, id)])
      if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
      assertCancellable(a, p, now)
      return freedBy(a, p)
    },
    async (tx, head) => {
      const a = await txActivity(tx, input.activityId)
      if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
      const p = await txParticipation(tx, id)
      assertCancellable(a, p, now)
      const cancelled: ParticipationDoc = { ...p!, status: 'cancelled', waitTicket: null, updatedAt: now }
      await putParticipation(tx, cancelled)
      const promoted = await promoteHead(tx, head, freedBy(a, p), now)
      const next: ActivityDoc = holdsPlace(p)
        ? { ...a, signed: a.signed - 1 + promoted.length, waitlisted: a.waitlisted - promoted.length }
        : p!.status === 'waitlisted'
          ? { ...a, waitlisted: a.waitlisted - 1 }
          : a
      await putActivity(tx, next)
      return { activity: next, mine: cancelled, promoted }
    },
  )
  await noticePromoted(ctx, result.activity, result.promoted)
  return { participation: await participationView(ctx.db, result.mine) }
}
