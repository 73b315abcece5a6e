import type { StationContract } from '../../../types/contract/station'
import { dispatch } from '../../_core/outbox'
import type { Action } from '../../_core/runtime/serve'
import { endStaleVisits, remindBehind, sweepOpinions } from '../../_core/station'

/**
 * The station function's timer: each part of the module answers for its own overdue work. The
 * opinions' reminders are sent at once; the duty reminders wait for the outbox's own timer.
 */
export const sweepStations: Action<StationContract, 'sweepStations'> = async (_input, ctx) => {
  const now = ctx.clock.now()
  const visitsEnded = await endStaleVisits(ctx.db, now)
  const opinions = await sweepOpinions(ctx.db, now)
  await dispatch(ctx, opinions.messages)
  const dutyReminded = await remindBehind(ctx.db, now)
  return { visitsEnded, overdueReminded: opinions.overdueReminded, autoClosed: opinions.autoClosed, dutyReminded }
}
