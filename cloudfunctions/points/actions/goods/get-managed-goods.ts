import type { GoodsContract } from '../../../../types/contract/goods'
import { toGoodsAdminView } from '../../../_core/mall/goods.views'
import type { Action } from '../../../_core/runtime/serve'
import { managedGoods } from './scope'

export const getManagedGoods: Action<GoodsContract, 'getManagedGoods'> = async (input, ctx) => {
  const { goods } = await managedGoods(ctx, input.goodsId)
  return { goods: await toGoodsAdminView(ctx, goods) }
}
