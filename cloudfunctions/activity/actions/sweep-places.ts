import type { ActivityContract } from '../../../types/contract/activity'
import { activitiesTouchedSince, sweepActivityPlaces, SWEEP_GRACE_MS } from '../../_core/activity'
import { dispatch } from '../../_core/outbox'
import type { Action } from '../../_core/runtime/serve'

/** How far back a sweep looks for activities whose places moved: many sweeps see each change. */
export const SWEEP_LOOKBACK_MS = 12 * SWEEP_GRACE_MS
const PAGE = 100

/**
 * Timer: repairs what a crash between a place and its participation left (activity.places.ts), in
 * every activity whose places moved lately, and lets the waitlist into any place that is free.
 */
export const sweepPlaces: Action<ActivityContract, 'sweepPlaces'> = async (_input, ctx) => {
  const now = ctx.clock.now()
  const report = { activities: 0, freed: 0, dropped: 0, promoted: 0 }
  for (let after: string | null = null; ; ) {
    const page = await activitiesTouchedSince(ctx.db, now - SWEEP_LOOKBACK_MS, after, PAGE)
    for (const a of page) {
      const r = await sweepActivityPlaces(ctx.db, a, now)
      report.activities++
      report.freed += r.freed
      report.dropped += r.dropped
      report.promoted += r.finished.promoted.length
      await dispatch(ctx, r.finished.messages)
      if (r.freed || r.dropped || r.finished.promoted.length) {
        ctx.log.info('places.swept', { activityId: a._id, freed: r.freed, dropped: r.dropped, promoted: r.finished.promoted.length })
      }
    }
    if (page.length < PAGE) break
    after = page[page.length - 1]._id
  }
  return report
}
