import type { ReviewStatus } from '../../../types/enums'
import { shanghaiDate } from '../../../types/day'
import type { ParticipationDoc } from '../activity/activity.rules'
import { covers, type OrgDoc } from '../org/org.rules'
import { AppError } from '../runtime/app-error'
import type { DeclarationDoc } from './hours.rules'

/** Declared hours (荣誉时长): how much one day can hold, and who reviews them — pure rules. */

/** A day holds at most 24 hours of one youth's hours, attended and declared together (docs/domain.md). */
export const DAY_MINUTES = 24 * 60

const holds = (r: { review: ReviewStatus }) => r.review === 'pending' || r.review === 'approved'

/**
 * The minutes a youth already has on a Shanghai day: declarations for that date and attendance that
 * checked in that day, pending or approved (a rejected record holds nothing). An approval passes
 * only the approved (declare.repo.ts asks the database for just those).
 */
export function minutesOnDay(
  date: string,
  parts: Pick<ParticipationDoc, 'review' | 'minutes' | 'approvedMinutes' | 'checkIn'>[],
  decls: Pick<DeclarationDoc, 'review' | 'minutes' | 'approvedMinutes' | 'date'>[],
): number {
  const attended = parts
    .filter((p) => holds(p) && p.checkIn && shanghaiDate(p.checkIn.at) === date)
    .reduce((sum, p) => sum + (p.review === 'approved' ? p.approvedMinutes : (p.minutes ?? 0)), 0)
  const declared = decls.filter((d) => holds(d) && d.date === date).reduce((sum, d) => sum + (d.review === 'approved' ? d.approvedMinutes : d.minutes), 0)
  return attended + declared
}

/** The Shanghai day a record's hours fall on: a declaration's date, attendance's check-in day. */
export function dayOf(r: { date: string } | Pick<ParticipationDoc, 'checkIn'>): string | null {
  if ('date' in r) return r.date
  return r.checkIn ? shanghaiDate(r.checkIn.at) : null
}

export function assertDayRoom(used: number, adding: number): void {
  if (used + adding > DAY_MINUTES) throw new AppError('HOURS.DAY_FULL', `这一天已有${Math.floor(used / 60)}小时${used % 60 ? `${used % 60}分钟` : ''}的时长（签到与申报合计），一天最多24小时，请核对日期和时长。`)
}

/** Declared service is reviewed by the youth's own org or one above it, never by an org they do not belong to. */
export function assertOwnOrgChain(youthOrg: Pick<OrgDoc, '_id' | 'path'> | null, orgId: string): void {
  if (!youthOrg || !covers(orgId, youthOrg)) throw new AppError('HOURS.ORG_NOT_OWN')
}
