import type { ActivityContract } from '../../../types/contract/activity'
import { ACTIVITY_STATUSES } from '../../../types/enums'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { pageByStart, toActivityCards } from '../../_core/activity'
import { subtreeIds } from '../../_core/org'
import type { Action } from '../../_core/runtime/serve'

/** Every activity of the cadre's subtree, drafts and cancelled ones included, latest start first. */
export const manageActivities: Action<ActivityContract, 'manageActivities'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const page = await pageByStart(ctx.db, { statuses: [...ACTIVITY_STATUSES], orgIds: await subtreeIds(ctx.db, org) }, 'desc', input)
  return { items: await toActivityCards(ctx, page.items), nextCursor: page.nextCursor }
}
