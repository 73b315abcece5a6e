import type { ordersContract } from '../../../../types/contract/orders'
import type { Actions } from '../../../_core/runtime/serve'

export const ordersActions: Actions<typeof ordersContract> = {} as never
