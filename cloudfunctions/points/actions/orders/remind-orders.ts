import type { OrdersContract } from '../../../../types/contract/orders'
import type { Action } from '../../../_core/runtime/serve'
import { expiringMessage, ordersToRemind, type OrderDoc } from '../../../_core/mall'
import { enqueue } from '../../../_core/outbox'
import { COLLECTIONS } from '../../../_core/runtime/collections'
import { DAY_MS } from '../../../../types/day'
import { transaction, txGet } from '../../../_core/runtime/db'

const CHUNK = 100
const BUDGET_MS = 12_000

/**
 * The day before an order's deadline, its youth is reminded once: the order is marked in the same
 * transaction as the message is written, so a second run (or two at once) reminds nobody twice.
 */
export const remindOrders: Action<OrdersContract, 'remindOrders'> = async (_input, ctx) => {
  const started = Date.now()
  const now = ctx.clock.now()
  let reminded = 0
  for (;;) {
    const due = await ordersToRemind(ctx.db, now, DAY_MS, CHUNK)
    for (const seen of due) {
      const told = await transaction(ctx.db, async (tx) => {
        const o = await txGet<OrderDoc>(tx, COLLECTIONS.orders, seen._id)
        if (!o || o.status !== 'ready' || o.remindedAt !== null) return false
        await tx.collection(COLLECTIONS.orders).doc(o._id).update({ data: { remindedAt: now } })
        await enqueue(tx, expiringMessage(o), now)
        return true
      })
      if (told) reminded++
    }
    if (due.length < CHUNK || Date.now() - started > BUDGET_MS) return { reminded }
  }
}
