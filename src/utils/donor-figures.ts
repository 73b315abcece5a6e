import type { DonorFiguresT } from '../../types/contract/donors'

/**
 * How the donor board and certificates say their figures. Values arrive in fen (the contract's unit);
 * people read 元, and 万元 once a sum reaches ten thousand (the newsletter counts its budgets so: 20 万元).
 */

/** `4500` → `45元`, `12345` → `123.45元`, `3000000` → `3万元`, `3456700` → `3.46万元`. */
export function yuanText(fen: number): string {
  const yuan = fen / 100
  if (yuan >= 10000) return `${trimmed(yuan / 10000)}万元`
  return `${trimmed(yuan)}元`
}

function trimmed(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '')
}

/** One line of what a donor gave: `捐赠物资 15 件，价值 550元`. */
export function givenLine(f: Pick<DonorFiguresT, 'givenUnits' | 'givenValue'>): string {
  return `捐赠物资 ${f.givenUnits} 件，价值 ${yuanText(f.givenValue)}`
}

/** One line of what became of it: `已兑换 5 件（价值 190元），惠及 3 名志愿者`, or that nothing was redeemed yet. */
export function redeemedLine(f: Pick<DonorFiguresT, 'redeemedUnits' | 'redeemedValue' | 'volunteers'>): string {
  if (f.redeemedUnits === 0) return '物资已上架，等待志愿者兑换'
  return `已兑换 ${f.redeemedUnits} 件（价值 ${yuanText(f.redeemedValue)}），惠及 ${f.volunteers} 名志愿者`
}
