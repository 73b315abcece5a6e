import type { GoodsContract } from '../../../../types/contract/goods'
import { getGoods as findGoods } from '../../../_core/mall/goods.repo'
import { countyOfUnder } from '../../../_core/mall/goods.rules'
import { toGoodsDetail } from '../../../_core/mall/goods.views'
import { remainingFor } from '../../../_core/mall/quota'
import { AppError } from '../../../_core/runtime/app-error'
import type { Action } from '../../../_core/runtime/serve'
import { youthCounty } from './scope'

/**
 * A goods item as a youth of its county sees it, with how many more they may redeem. Drafts do not
 * exist for youth; another county's item says whose it is (its catalogue is public, its redemption not).
 */
export const getGoods: Action<GoodsContract, 'getGoods'> = async (input, ctx) => {
  const { userId, county } = await youthCounty(ctx)
  const goods = await findGoods(ctx.db, input.goodsId)
  if (!goods || goods.status === 'draft') throw new AppError('GOODS.NOT_FOUND')
  if (countyOfUnder(goods.underOrgs) !== county) throw new AppError('GOODS.OTHER_COUNTY')
  const mine = await remainingFor(ctx.db, goods, userId, ctx.clock.now())
  return { goods: await toGoodsDetail(ctx, goods, mine) }
}
