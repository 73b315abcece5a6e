import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { sweepMall } from '../../../_core/mall'

export const sweepStock: Action<OrdersContract, 'sweepStock'> = async (_input, ctx) => sweepMall(ctx.db, ctx.clock.now())
