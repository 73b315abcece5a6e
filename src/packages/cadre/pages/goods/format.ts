import { GOODS_STATUS_LABEL, type GoodsStatus } from '../../../../../types/enums'
import type { Tone } from '../../../../components/tone-tag'

/** How the cadre pages of the mall say money and states (values are whole fen, as the contract keeps them). */

/** 4550 → '45.5', 4500 → '45', 5 → '0.05'. */
export function yuanText(fen: number): string {
  const s = (fen / 100).toFixed(2)
  return s.replace(/\.?0+$/, '') || '0'
}

/** What a cadre types as yuan (`45`, `45.5`, `45.55`) in fen; null when it is not an amount. */
export function fenFrom(text: string): number | null {
  const t = text.trim()
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null
  const [whole, frac = ''] = t.split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}

export type CardStatus = GoodsStatus | 'sold_out'

export const STATUS_TONE: Record<CardStatus, Tone> = { draft: 'grey', on_sale: 'green', off_shelf: 'orange', sold_out: 'red' }

export function statusLabel(s: CardStatus): string {
  return GOODS_STATUS_LABEL[s]
}

/** Why an item cannot go on sale yet, as the list warns before the cadre taps 上架. */
export function onSaleBlocker(g: { venueCount: number; imageChecks: ('pending' | 'pass' | 'risky')[] }): string | null {
  if (g.venueCount < 1) return '还没有开放的兑换点，修改物资选择兑换点后才能上架。'
  if (!g.imageChecks.includes('pass')) {
    return g.imageChecks.includes('pending') ? '图片正在做内容安全检查，通过后才能上架。' : '图片未通过内容安全检查，请更换图片后再上架。'
  }
  return null
}

/** A note on pictures others cannot see yet (managers see them all). */
export function picturesNote(checks: ('pending' | 'pass' | 'risky')[]): string | null {
  const pending = checks.filter((c) => c === 'pending').length
  const risky = checks.filter((c) => c === 'risky').length
  if (!pending && !risky) return null
  const parts = [pending ? `${pending}张图片检查中` : '', risky ? `${risky}张图片未通过检查` : ''].filter(Boolean)
  return `${parts.join('，')}，青年看不到这些图片。`
}
