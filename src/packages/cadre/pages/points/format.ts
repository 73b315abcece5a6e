import { ERRORS } from '../../../../../types/errors'

export type Way = 'award' | 'deduct'

export const WAY_LABEL: Record<Way, string> = { award: '奖励', deduct: '扣减' }

/** What the form sends: a whole number of 益币, the sign taken from 奖励 / 扣减. */
export interface Adjustment {
  way: Way
  /** Always positive; `signed` carries the direction. */
  units: number
  signed: number
  reason: string
}

export const MAX_UNITS = 100000

/**
 * The number box as the form takes it: a whole number from 1 to 100000, or the sentence that says why
 * not. Checked here as well as by the contract, because the contract sees the signed amount and would
 * speak of 扣减 limits when a person typed a negative number under 奖励.
 */
export function unitsOf(text: string): { units: number } | { error: string } {
  const t = text.trim()
  if (!/^\d+$/.test(t)) return { error: t ? '益币数量须为正整数' : '请填写益币数量' }
  const units = Number(t)
  if (units < 1) return { error: '益币数量至少为1' }
  if (units > MAX_UNITS) return { error: `一次最多调整${MAX_UNITS}益币` }
  return { units }
}

/**
 * A deduction larger than what the youth has is refused before asking (the server refuses it too, in
 * the same words, when the balance fell in between). A negative balance (a debt) allows none.
 */
export function deductionTooLarge(a: Pick<Adjustment, 'way' | 'units'>, balance: number): string | null {
  return a.way === 'deduct' && a.units > Math.max(0, balance) ? ERRORS['POINTS.ADJUST_BELOW_ZERO'] : null
}

/** 「为 张三 扣减 20 益币，原因：重复登记；扣减后余额 35」: the confirmation says the effect in words. */
export function effectText(name: string, a: Adjustment, balance: number): string {
  const label = WAY_LABEL[a.way]
  return `为 ${name} ${label} ${a.units} 益币，原因：${a.reason}；${label}后余额 ${balance + a.signed}`
}

/** 「已为 张三 奖励 20 益币，现在余额 75。」 */
export function doneText(name: string, a: Adjustment, balance: number): string {
  return `已为 ${name} ${WAY_LABEL[a.way]} ${a.units} 益币，现在余额 ${balance}。`
}
