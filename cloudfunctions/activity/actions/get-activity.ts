import type { ActivityContract } from '../../../types/contract/activity'
import { getParticipation, requireActivity, participationIdFor, participationView, viewFor } from '../../_core/activity'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

export const getActivity: Action<ActivityContract, 'getActivity'> = async (input, ctx) => {
  const openid = ctx.openid()
  const a = await requireActivity(ctx.db, input.activityId)
  const { view, canManage } = await viewFor(ctx, a, openid, input.near)
  // A draft is the organizers' business: to anyone else it does not exist.
  if (a.status === 'draft' && !canManage) throw new AppError('ACTIVITY.NOT_FOUND')
  const mine = await getParticipation(ctx.db, participationIdFor(a._id, openid))
  return { activity: view, mine: mine ? await participationView(ctx.db, mine) : null }
}
