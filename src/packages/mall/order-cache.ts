import type { OrderViewT } from '../../../types/contract/orders'

/**
 * The order a redemption just answered, handed to the order page so that the pickup code shows at
 * once, before (or without) the page's own request on a poor network. Taken once; a few at most.
 */
const handed = new Map<string, OrderViewT>()

export function handOrder(order: OrderViewT): void {
  handed.set(order.id, order)
  while (handed.size > 5) handed.delete(handed.keys().next().value as string)
}

export function takeOrder(id: string): OrderViewT | null {
  const order = handed.get(id) ?? null
  handed.delete(id)
  return order
}
