import type { GoodsContract } from '../../../../types/contract/goods'
import { toDonorAdminViews } from '../../../_core/mall/goods.views'
import type { Action } from '../../../_core/runtime/serve'
import { managedDonor } from './scope'

export const getManagedDonor: Action<GoodsContract, 'getManagedDonor'> = async (input, ctx) => {
  const { donor } = await managedDonor(ctx, input.donorId)
  const [view] = await toDonorAdminViews(ctx, [donor])
  return { donor: view }
}
