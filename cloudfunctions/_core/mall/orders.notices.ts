import { shanghaiTime, thing, type OutboxMessage } from '../outbox'
import type { OrderDoc } from './mall.rules'

/**
 * What the mall tells a youth about an order, as outbox messages written with the change that
 * causes them (docs/architecture.md, "Messages: the outbox"). Field names follow the templates
 * chosen in the WeChat console (docs/deploy.md).
 */

export function orderPage(orderId: string): string {
  return `packages/mall/pages/order/index?id=${orderId}`
}

type Told = Pick<OrderDoc, '_id' | 'openid' | 'orgId' | 'goodsName' | 'quantity' | 'expiresAt' | 'subscribed'>

function message(o: Told, template: 'order_ready' | 'order_expiring', note: string): OutboxMessage | null {
  if (!o.subscribed) return null
  return {
    template,
    subject: o._id,
    orgId: o.orgId,
    to: { openid: o.openid, name: '' },
    page: orderPage(o._id),
    data: { thing1: thing(`${o.goodsName} ×${o.quantity}`), time2: shanghaiTime(o.expiresAt - 60_000), thing3: note },
  }
}

/** Written with the order: it can be picked up now. */
export function readyMessage(o: Told): OutboxMessage | null {
  return message(o, 'order_ready', '兑换成功，请凭兑换码到兑换点领取')
}

/** The day before the deadline, once (the reminder timer marks the order in the same transaction). */
export function expiringMessage(o: Told): OutboxMessage | null {
  return message(o, 'order_expiring', '明天到期，过期将自动退回益币')
}
