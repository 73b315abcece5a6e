import type { OrderViewT } from '../../../types/contract/orders'
import { ORDER_STATUS_LABEL } from '../../../types/enums'
import type { Tone } from '../../components/tone-tag'
import { formatDateTime } from '../../utils/time'

const TONE: Record<OrderViewT['status'], Tone> = { ready: 'red', picked_up: 'green', cancelled: 'grey', expired: 'grey' }

export function statusTag(o: Pick<OrderViewT, 'status'>): { text: string; tone: Tone } {
  return { text: ORDER_STATUS_LABEL[o.status], tone: TONE[o.status] }
}

/**
 * 请在 2026年11月7日 23:59 前领取. `expiresAt` is the exclusive end of the last pickup day (+08:00);
 * a minute before it names that day, as the subscription message does (_core/mall/orders.notices.ts).
 */
export function deadlineText(o: Pick<OrderViewT, 'expiresAt'>): string {
  return `请在 ${formatDateTime(o.expiresAt - 60_000)} 前领取`
}

/** One line on what became of the order, or what to do next. */
export function orderLine(o: OrderViewT): string {
  switch (o.status) {
    case 'ready':
      return `${deadlineText(o)}，过期自动退回益币`
    case 'picked_up':
      return o.pickedUpAt ? `已于 ${formatDateTime(o.pickedUpAt)}${o.pickedUpVenue ? ` 在${o.pickedUpVenue}` : ''}领取` : '已领取'
    case 'cancelled':
      return `已取消，${o.cost} 益币已退回`
    default:
      return `已过领取期限，${o.cost} 益币已退回`
  }
}
