import type { ActivityContract } from '../../../types/contract/activity'
import { approveAttendance, approveDeclaration, assertDayRoomToApprove, loadTargets, reviewBatch } from '../../_core/hours'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** Each item in its own transaction (one bad item does not fail the rest), on record as it lands. */
export const approveHours: Action<ActivityContract, 'approveHours'> = async (input, ctx) => {
  const targets = await loadTargets(ctx, input.items)
  const review = { reviewer: ctx.openid(), now: ctx.clock.now() }
  return reviewBatch(
    ctx,
    input.items,
    targets,
    async (tx, t) => {
      // Re-read at each try of the transaction: a day holds at most 24 hours, attended and declared.
      await assertDayRoomToApprove(ctx.db, t.record)
      if (t.kind === 'declaration') return approveDeclaration(tx, t.id, review)
      if (!t.activity) throw new AppError('ACTIVITY.NOT_FOUND')
      return approveAttendance(tx, t.id, t.activity, t.org, review)
    },
    { decision: 'approve' },
  )
}
