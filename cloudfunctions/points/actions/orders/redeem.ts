import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { getAccount } from '../../../_core/ledger'
import { readStocks, redeem as redeemGoods, replayedOrder, toOrderView, type GoodsDoc } from '../../../_core/mall'
import { userIdFor } from '../../../_core/profile'
import { AppError } from '../../../_core/runtime/app-error'
import { COLLECTIONS } from '../../../_core/runtime/collections'
import { findById } from '../../../_core/runtime/db'
import { buyerOf } from './buyer'

/**
 * A youth redeems goods. A retry with the same request key is answered with the first order before
 * anything is read or taken again (docs/domain.md invariant 3); the hard part is _core/mall/orders.ts.
 */
export const redeem: Action<OrdersContract, 'redeem'> = async (input, ctx) => {
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  // One round of reads for everything the answer may depend on (each is by id).
  const [replay, buyer, goods, account, stocks] = await Promise.all([
    replayedOrder(ctx.db, openid, input),
    buyerOf(ctx),
    findById<GoodsDoc>(ctx.db, COLLECTIONS.goods, input.goodsId),
    getAccount(ctx.db, userId),
    readStocks(ctx.db, [input.goodsId]),
  ])
  if (replay) return { order: await toOrderView(ctx, replay) }
  if (!goods || goods.status === 'draft') throw new AppError('GOODS.NOT_FOUND')
  const { order } = await redeemGoods(ctx.db, buyer, goods, stocks.get(goods._id), input, account?.balance ?? 0, ctx.clock.now())
  return { order: await toOrderView(ctx, order) }
}
