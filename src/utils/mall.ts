import type { GoodsCardT } from '../../types/contract/goods'
import { LIMIT_PERIOD_LABEL } from '../../types/enums'
import { formatDate } from './time'

/** What expires next: `balance` names it once a county's expiry policy is on (null or absent otherwise). */
export interface Expiring {
  amount: number
  at: number
}

/**
 * The `expiring` of a balance answer, read defensively: servers that predate the expiry policy send
 * none, and anything that is not a positive whole amount with a time is treated as nothing expiring.
 */
export function expiringOf(balance: unknown): Expiring | null {
  const e = (balance as { expiring?: unknown } | null)?.expiring as { amount?: unknown; at?: unknown } | null | undefined
  if (!e || typeof e !== 'object') return null
  const { amount, at } = e
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) return null
  if (typeof at !== 'number' || !Number.isFinite(at)) return null
  return { amount, at }
}

/** 「30 益币将于 2027年12月31日 过期」 */
export function expiringText(e: Expiring): string {
  return `${e.amount} 益币将于 ${formatDate(e.at)} 过期，请及时使用`
}

/** A negative balance is a debt: hours whose 益币 were already spent were reversed (docs/domain.md). */
export function debtText(balance: number): string | null {
  return balance < 0 ? `您有 ${-balance} 益币待抵扣：之后获得的益币会先用来抵扣。` : null
}

/** 每人限兑3件 · 每人每周限兑1件 · 每人限兑5件，每月最多2件; null when unlimited. */
export function limitText(g: Pick<GoodsCardT, 'limitTotal' | 'limitPeriod'>): string | null {
  const period = g.limitPeriod ? `${LIMIT_PERIOD_LABEL[g.limitPeriod.period]}` : ''
  if (g.limitTotal !== null && g.limitPeriod) return `每人限兑${g.limitTotal}件，${period}最多${g.limitPeriod.count}件`
  if (g.limitTotal !== null) return `每人限兑${g.limitTotal}件`
  if (g.limitPeriod) return `每人${period}限兑${g.limitPeriod.count}件`
  return null
}

/** 剩余 12 件 / 已兑完 / 已下架, as a card and the detail say it. */
export function leftText(g: Pick<GoodsCardT, 'left' | 'status'>): string {
  if (g.status === 'sold_out' || (g.status === 'on_sale' && g.left <= 0)) return '已兑完'
  if (g.status !== 'on_sale') return '暂停兑换'
  return `剩余 ${g.left} 件`
}

/** The most one redemption may ask for, and why the stepper stops there (shown under it). */
export interface StepLimit {
  max: number
  reason: string | null
}

/** One order takes at most 99 (the contract's bound). */
export const ORDER_MAX = 99

/**
 * How many the stepper allows: no more than is left, than the limits still allow (`mine`), than the
 * balance affords, or 99. `max` 0 means nothing can be redeemed now, and `reason` says why.
 */
export function stepLimit(g: { left: number; mine: number | null; price: number; status: string }, balance: number): StepLimit {
  if (g.status !== 'on_sale') return { max: 0, reason: g.status === 'sold_out' ? '已兑完，下次早点来' : '暂停兑换' }
  const afford = g.price > 0 ? Math.floor(Math.max(0, balance) / g.price) : ORDER_MAX
  const bounds: [number, string][] = [
    [g.left, g.left <= 0 ? '已兑完，下次早点来' : `只剩 ${g.left} 件`],
    [g.mine ?? ORDER_MAX, g.mine === 0 ? '您的限兑数量已用完' : `您最多还能兑换 ${g.mine} 件`],
    [afford, afford === 0 ? `益币不足：兑换1件需要 ${g.price} 益币` : `您的益币够兑换 ${afford} 件`],
    [ORDER_MAX, `一次最多兑换 ${ORDER_MAX} 件`],
  ]
  const [max, reason] = bounds.reduce((a, b) => (b[0] < a[0] ? b : a))
  return { max: Math.max(0, max), reason: max < ORDER_MAX || max <= 0 ? reason : null }
}

/** `12345678` → `1234 5678`: the pickup code as the order page prints it and the clerk reads it back. */
export function spacedCode(code: string): string {
  return code.length > 4 ? `${code.slice(0, 4)} ${code.slice(4)}` : code
}

/** What a balance is made of, in the youth's words: adjustments and expiries only when there were any. */
export function figuresText(f: { earned: number; spent: number; adjusted?: number; expired?: number }): string {
  const parts = [`累计获得 ${f.earned}`]
  if (f.adjusted) parts.push(`奖励与调整 ${f.adjusted > 0 ? '+' : ''}${f.adjusted}`)
  parts.push(`已用 ${f.spent}`)
  if (f.expired) parts.push(`已过期 ${f.expired}`)
  return parts.join(' · ')
}
