import type { GoodsContract } from '../../../../types/contract/goods'
import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import { pageDonorsUnder } from '../../../_core/mall/donor.repo'
import { toDonorAdminViews } from '../../../_core/mall/goods.views'
import type { Action } from '../../../_core/runtime/serve'

/** The donors of an org's subtree, newest first, contacts masked. */
export const listDonors: Action<GoodsContract, 'listDonors'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const page = await pageDonorsUnder(ctx.db, org._id, input)
  return { items: await toDonorAdminViews(ctx, page.items), nextCursor: page.nextCursor }
}
