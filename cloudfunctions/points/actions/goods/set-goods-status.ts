import type { GoodsContract } from '../../../../types/contract/goods'
import { putGoods, txGoods } from '../../../_core/mall/goods.repo'
import { onSaleRefusal, openVenuesOf } from '../../../_core/mall/goods.rules'
import { toGoodsAdminView } from '../../../_core/mall/goods.views'
import { setOnSale } from '../../../_core/mall/stock'
import { AppError } from '../../../_core/runtime/app-error'
import { transaction } from '../../../_core/runtime/db'
import type { Action } from '../../../_core/runtime/serve'
import { getVenues } from '../../../_core/venue/venue.repo'
import { managedGoods } from './scope'

/**
 * Puts a goods item on sale or takes it off the shelf. Buyers take stock only while the stock
 * document is open (stock.ts `setOnSale`), so the order of the two writes keeps the stock from being
 * open while the goods says otherwise for longer than a crash: opened after the goods goes on sale,
 * closed before it comes off. Asking for the status it already has repairs the stock's flag and
 * changes nothing else.
 */
export const setGoodsStatus: Action<GoodsContract, 'setGoodsStatus'> = async (input, ctx) => {
  const { goods, org } = await managedGoods(ctx, input.goodsId)
  const now = ctx.clock.now()
  const onSale = input.status === 'on_sale'
  // A draft was never on sale: taking it "off the shelf" would put it on the donor board as given.
  if (goods.status === 'draft' && !onSale) throw new AppError('GENERIC.BAD_INPUT', '这件物资还是草稿，没有上架过，不需要下架。')
  if (onSale) {
    const refusal = onSaleRefusal(goods, openVenuesOf(goods.venueIds, await getVenues(ctx.db, goods.venueIds)).length)
    if (refusal) throw new AppError(refusal)
  }
  if (goods.status === input.status) {
    await setOnSale(ctx.db, goods._id, onSale, now)
    ctx.audit.replay()
    return { goods: await toGoodsAdminView(ctx, goods) }
  }
  if (!onSale) await setOnSale(ctx.db, goods._id, false, now)
  const saved = await transaction(ctx.db, async (tx) => {
    const fresh = await txGoods(tx, goods._id)
    if (!fresh) throw new AppError('GOODS.NOT_FOUND')
    const next = { ...fresh, status: input.status, updatedAt: now }
    await putGoods(tx, next)
    await ctx.audit.write(tx, { target: { type: 'goods', id: goods._id }, orgId: org._id, orgPath: org.path, detail: { before: { status: fresh.status }, after: { status: input.status } } })
    return next
  })
  if (onSale) await setOnSale(ctx.db, goods._id, true, now)
  return { goods: await toGoodsAdminView(ctx, saved) }
}
