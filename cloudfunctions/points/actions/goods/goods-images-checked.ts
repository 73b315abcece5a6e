import type { GoodsContract } from '../../../../types/contract/goods'
import { donorsByLogoTrace, putDonor, txDonor } from '../../../_core/mall/donor.repo'
import { goodsByImageTrace, putGoods, txGoods } from '../../../_core/mall/goods.repo'
import { applyImageVerdict } from '../../../_core/mall/goods.rules'
import { mediaVerdict } from '../../../_core/platform'
import { transaction } from '../../../_core/runtime/db'
import type { Action } from '../../../_core/runtime/serve'

/**
 * WeChat's verdict on a goods picture or a donor logo (`wxa_media_check`, pushed to the function).
 * Applied only to pictures still waiting for that very check: one replaced meanwhile has its own.
 */
export const goodsImagesChecked: Action<GoodsContract, 'goodsImagesChecked'> = async (input, ctx) => {
  const trace = input.trace_id
  const passed = mediaVerdict(input.result?.suggest) === 'pass'
  const now = ctx.clock.now()
  const [goods, donors] = await Promise.all([goodsByImageTrace(ctx.db, trace), donorsByLogoTrace(ctx.db, trace)])
  let applied = false
  for (const g of goods) {
    const done = await transaction(ctx.db, async (tx) => {
      const fresh = await txGoods(tx, g._id)
      const next = fresh && applyImageVerdict(fresh, trace, passed)
      if (!fresh || !next) return false
      await putGoods(tx, { ...fresh, ...next, updatedAt: now })
      return true
    })
    applied ||= done
  }
  for (const d of donors) {
    const done = await transaction(ctx.db, async (tx) => {
      const fresh = await txDonor(tx, d._id)
      if (!fresh || fresh.logoTrace !== trace) return false
      await putDonor(tx, { ...fresh, logoCheck: passed ? 'pass' : 'risky', logoTrace: null, updatedAt: now })
      return true
    })
    applied ||= done
  }
  if (applied && !passed) ctx.log.info('goods_picture_refused', { trace })
  return { applied }
}
