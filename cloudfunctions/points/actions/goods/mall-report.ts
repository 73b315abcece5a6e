import type { GoodsContract } from '../../../../types/contract/goods'
import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import { mallReport as report } from '../../../_core/mall/goods.report'
import type { Action } from '../../../_core/runtime/serve'

/** What an org subtree's mall did in a period, by goods and by venue (cloudfunctions/_core/mall/goods.report.ts). */
export const mallReport: Action<GoodsContract, 'mallReport'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  return report(ctx.db, org._id, input.from, input.to)
}
