import type { CommunityContract } from '../../../types/contract/community'
import { dueReach, seatsTouchedSince, settleMany, SEAT_GRACE_MS, sweepSeats } from '../../_core/community'
import type { Action } from '../../_core/runtime/serve'

/** Memberships settled per run, and how far back a run looks for groups whose places moved. */
const BATCH = 500
const LOOKBACK_MS = 12 * SEAT_GRACE_MS

/**
 * Timer: finishes what a crash, a tower move or an org move left — coverage counts of memberships
 * still marked `reachDue` a while after their change, and places held by no active membership.
 * Every step is safe to repeat, so overlapping runs do no harm.
 */
export const sweepMemberships: Action<CommunityContract, 'sweepMemberships'> = async (_input, ctx) => {
  const now = ctx.clock.now()
  const due = await dueReach(ctx.db, now - SEAT_GRACE_MS, BATCH)
  const settled = await settleMany(ctx.db, due)
  let seatsFreed = 0
  for (let after: string | null = null; ; ) {
    const page = await seatsTouchedSince(ctx.db, now - LOOKBACK_MS, after, 100)
    for (const id of page) seatsFreed += await sweepSeats(ctx.db, id, now)
    if (page.length < 100) break
    after = page[page.length - 1]
  }
  if (settled || seatsFreed) ctx.log.info('memberships.swept', { settled, seatsFreed })
  return { settled, seatsFreed, more: due.length === BATCH }
}
