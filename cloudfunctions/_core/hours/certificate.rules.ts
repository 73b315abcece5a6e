import type { ReviewStatus } from '../../../types/enums'

/**
 * The public check of a certificate shows what was printed and says plainly when hours on it were
 * reversed afterwards — pure rules. A record was on a certificate when its current approval is no
 * later than the issue; a reversal sends a record back to pending (and a new approval is later than
 * the issue), so the printed total minus what still stands from then is what was reversed.
 */
export function reversedSince(
  printedMinutes: number,
  issuedAt: number,
  records: { review: ReviewStatus; approvedMinutes: number; reviewedAt: number | null }[],
): number {
  const standing = records
    .filter((r) => r.review === 'approved' && r.reviewedAt !== null && r.reviewedAt <= issuedAt)
    .reduce((sum, r) => sum + r.approvedMinutes, 0)
  return Math.max(0, printedMinutes - standing)
}

export function reversalNotice(reversedMinutes: number): string | null {
  if (reversedMinutes <= 0) return null
  const h = Math.floor(reversedMinutes / 60)
  const m = reversedMinutes % 60
  const amount = `${h ? `${h}小时` : ''}${m ? `${m}分钟` : ''}`
  return `注意：这份证明开具后，其中${amount}的时长已被撤销审核，证明上的累计时长不再全部有效。`
}
