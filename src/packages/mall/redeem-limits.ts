import type { GoodsDetailT } from '../../../types/contract/goods'
import { ordersContract } from '../../../types/contract/orders'
import { ERRORS } from '../../../types/errors'
import { formatDateTime } from '../../utils/time'

/** One redemption's most units, as the contract says (`redeem.quantity`). */
export const QUANTITY_MAX: number = ordersContract.actions.redeem.input.shape.quantity.maxValue ?? 99

/** What stops the stepper going higher. */
export type Stop = 'stock' | 'limit' | 'balance' | 'once'

export interface RedeemLimits {
  /** The most units this youth may ask for now; 0 when none. */
  max: number
  /** Which bound `max` is (the first of them when several agree). */
  stop: Stop
  /** Why nothing can be redeemed at all, in one sentence; null when at least one unit can. */
  blocked: string | null
}

type Goods = Pick<GoodsDetailT, 'status' | 'left' | 'mine' | 'price' | 'availableFrom' | 'availableUntil'>

/**
 * The stepper's bounds, from the figures on screen: what is left, what the limits still allow
 * (`mine`), what the balance affords, and one redemption's most. The server decides again; these
 * only spare the youth a request that is sure to be refused, and say why.
 */
export function redeemLimits(g: Goods, balance: number, now: number): RedeemLimits {
  const affordable = g.price > 0 ? Math.floor(Math.max(0, balance) / g.price) : QUANTITY_MAX
  const bounds: [Stop, number][] = [
    ['stock', Math.max(0, g.left)],
    ['limit', g.mine === null ? Infinity : Math.max(0, g.mine)],
    ['balance', affordable],
    ['once', QUANTITY_MAX],
  ]
  let [stop, max] = bounds[0]
  for (const [s, n] of bounds) if (n < max) [stop, max] = [s, n]
  return { max, stop, blocked: blockedText(g, balance, now, max, stop) }
}

function blockedText(g: Goods, balance: number, now: number, max: number, stop: Stop): string | null {
  if (g.status === 'off_shelf' || g.status === 'draft') return ERRORS['GOODS.NOT_ON_SALE']
  if (g.availableFrom !== null && now < g.availableFrom) return `这件物资还没到开始兑换的时间，${formatDateTime(g.availableFrom)} 开始兑换。`
  if (g.availableUntil !== null && now >= g.availableUntil) return ERRORS['GOODS.ENDED']
  if (max >= 1) return null
  if (stop === 'stock') return ERRORS['GOODS.SOLD_OUT']
  if (stop === 'limit') return ERRORS['GOODS.LIMIT_REACHED']
  return `益币不足：兑换1件需要${g.price}益币，您现有${Math.max(0, balance)}益币。`
}

/** Why the stepper stops at `max` (shown when the quantity reaches it). */
export function stopText(l: RedeemLimits, g: Pick<GoodsDetailT, 'left' | 'mine'>): string {
  switch (l.stop) {
    case 'stock':
      return `只剩 ${g.left} 件了`
    case 'limit':
      return `按限兑规定，您还可兑换 ${g.mine ?? 0} 件`
    case 'balance':
      return `您的益币够兑换 ${l.max} 件`
    default:
      return `一次最多兑换 ${QUANTITY_MAX} 件`
  }
}

/** Keeps a chosen quantity inside [1, max] (max 0 leaves 1, with the button disabled). */
export function clampQuantity(q: number, max: number): number {
  return Math.max(1, Math.min(q, Math.max(1, max)))
}
