import { formatDate, inShanghai } from '../../../../utils/time'

/** The choices a county admin has: never, or 1, 2, 3 or 5 years (the contract allows 1–5). */
export type Choice = 'never' | '1' | '2' | '3' | '5'

export const CHOICES: { value: Choice; label: string }[] = [
  { value: 'never', label: '长期有效' },
  { value: '1', label: '1年' },
  { value: '2', label: '2年' },
  { value: '3', label: '3年' },
  { value: '5', label: '5年' },
]

export function choiceOf(years: number | null): Choice | null {
  if (years === null) return 'never'
  return CHOICES.some((c) => c.value === String(years)) ? (String(years) as Choice) : null
}

export function yearsOf(choice: Choice): number | null {
  return choice === 'never' ? null : Number(choice)
}

/** The rule in words, as the youth's county has it. */
export function ruleText(years: number | null): string {
  return years === null ? '益币长期有效' : `本县区获得的益币在获得当年之后第 ${years} 年年底过期`
}

/** 「例如：2026年获得的益币，2028年12月31日之后过期」, from this year in Shanghai. */
export function exampleText(years: number | null, now: number): string | null {
  if (years === null) return null
  const year = inShanghai(now).year()
  return `例如：${year}年获得的益币，${year + years}年12月31日之后过期；用益币时先用最早到期的。`
}

/** The next deadline is the exclusive end of a year: the day before it is the last day to spend. */
export function deadlineText(nextDeadline: number | null): string {
  return nextDeadline === null ? '目前没有会过期的益币' : `下一次到期：${formatDate(nextDeadline - 1)} 24时`
}

/** The confirmation: what the new rule is, and that it reaches only year ends at least 30 days away. */
export function changeText(years: number | null): string {
  return `改为「${ruleText(years)}」。修改只对距今至少30天的年底生效：30天之内就到的年底仍按原来的规则处理，让青年至少提前一个月知道。确定修改吗？`
}
