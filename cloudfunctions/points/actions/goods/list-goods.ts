import type { GoodsContract } from '../../../../types/contract/goods'
import { pageGoods } from '../../../_core/mall/goods.repo'
import { toGoodsCards } from '../../../_core/mall/goods.views'
import type { Action } from '../../../_core/runtime/serve'
import { youthCounty } from './scope'

/** The goods on sale to the caller's county, newest first; ended ones drop out, 已兑完 ones stay and say so. */
export const listGoods: Action<GoodsContract, 'listGoods'> = async (input, ctx) => {
  const { county } = await youthCounty(ctx)
  const page = await pageGoods(ctx.db, { under: county, status: 'on_sale', category: input.category, notEndedAt: ctx.clock.now() }, input)
  return { items: await toGoodsCards(ctx, page.items), nextCursor: page.nextCursor }
}
