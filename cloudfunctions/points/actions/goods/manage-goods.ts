import type { GoodsContract } from '../../../../types/contract/goods'
import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import { pageGoods } from '../../../_core/mall/goods.repo'
import { toGoodsAdminCards } from '../../../_core/mall/goods.views'
import type { Action } from '../../../_core/runtime/serve'

/** Every goods item of an org's subtree (drafts and withdrawn ones too), newest first, with its stock and live orders. */
export const manageGoods: Action<GoodsContract, 'manageGoods'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const page = await pageGoods(ctx.db, { under: org._id, status: input.status }, input)
  return { items: await toGoodsAdminCards(ctx, page.items), nextCursor: page.nextCursor }
}
