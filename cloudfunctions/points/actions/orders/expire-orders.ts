import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { closeOrder, overdueOrders } from '../../../_core/mall'

/** Of the points function's 20 s: stop taking new chunks after this, so a run never dies halfway. */
export const EXPIRE_BUDGET_MS = 12_000
const CHUNK = 50

/**
 * Ready orders past their deadline become expired, refunded and restocked — each once, whatever
 * runs at the same time (another run of this timer, the youth cancelling): closeOrder decides in a
 * transaction on the order. Works in chunks and stops within its budget; the next run goes on.
 */
export const expireOrders: Action<OrdersContract, 'expireOrders'> = async (_input, ctx) => {
  const started = Date.now()
  const now = ctx.clock.now()
  let expired = 0
  for (;;) {
    const due = await overdueOrders(ctx.db, now, CHUNK)
    for (const o of due) {
      if ((await closeOrder(ctx.db, o._id, 'expired', now)).closed) expired++
    }
    if (due.length < CHUNK) return { expired, more: false }
    if (Date.now() - started > EXPIRE_BUDGET_MS) return { expired, more: true }
  }
}
