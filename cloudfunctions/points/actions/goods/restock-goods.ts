import type { GoodsContract } from '../../../../types/contract/goods'
import { markApplied, restockIdFor, restockOnce } from '../../../_core/mall/goods.restock'
import { transaction } from '../../../_core/runtime/db'
import { requestHash } from '../../../_core/runtime/idempotency'
import type { Action } from '../../../_core/runtime/serve'
import { managedGoods } from './scope'

/**
 * Adds units to a goods item's stock, or withdraws unsold ones (never below what orders hold), once per
 * request key. The audit entry says the stock before and after.
 */
export const restockGoods: Action<GoodsContract, 'restockGoods'> = async (input, ctx) => {
  const { goods, org } = await managedGoods(ctx, input.goodsId)
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const hash = requestHash({ goodsId: input.goodsId, delta: input.delta, note: input.note })
  const done = await restockOnce(ctx.db, { _id: restockIdFor(openid, input.requestId), goodsId: goods._id, delta: input.delta, note: input.note, requestHash: hash, createdBy: openid, createdAt: now }, now)
  if (done.replay) {
    ctx.audit.replay()
    return { stock: done.stock }
  }
  const after = done.stock
  const before = { supplied: after.supplied - input.delta, taken: after.taken, left: Math.max(0, after.supplied - input.delta - after.taken) }
  const marked = await transaction(ctx.db, async (tx) => {
    // A copy finishing a restock another copy also finished writes no second entry.
    if (!(await markApplied(tx, done.record))) return false
    await ctx.audit.write(tx, { target: { type: 'goods', id: goods._id }, orgId: org._id, orgPath: org.path, detail: { delta: input.delta, note: input.note, before, after } })
    return true
  })
  if (!marked) ctx.audit.replay()
  return { stock: after }
}
