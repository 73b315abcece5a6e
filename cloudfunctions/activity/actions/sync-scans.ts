import type { z } from 'zod'
import type { ActivityContract, ItemResult, Scan } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { requireActivity, type ActivityDoc } from '../../_core/activity'
import {
  assertMode,
  assertPublished,
  getScan,
  parsePersonCode,
  personMac,
  recordScan,
  replayScan,
  scanMark,
  walkInPerson,
  type ScanResult,
} from '../../_core/attendance'
import { getProfile, profileWithOrg } from '../../_core/profile'
import { AppError, isAppError } from '../../_core/runtime/app-error'
import type { ActionContext } from '../../_core/runtime/context'
import { transaction } from '../../_core/runtime/db'
import { failureBody } from '../../_core/runtime/failure'
import type { Action } from '../../_core/runtime/serve'

type ScanT = z.output<typeof Scan>

/**
 * The organizer's queue of scans, perhaps recorded offline. Each scan stands alone: one bad scan is
 * answered in its own result and the rest still apply. One audit entry covers the whole upload.
 */
export const syncScans: Action<ActivityContract, 'syncScans'> = async (input, ctx) => {
  const activity = await requireActivity(ctx.db, input.activityId)
  const { org } = await requireScope(ctx, activity.orgId, MANAGER_ROLES)
  assertPublished(activity)
  assertMode(activity, 'scan')
  const now = ctx.clock.now()
  const results: z.output<typeof ItemResult>[] = new Array(input.scans.length)
  // In scan order, so a queue's check-in lands before its check-out whatever order the phone sends them.
  const order = input.scans.map((_s, i) => i).sort((i, j) => input.scans[i].scannedAt - input.scans[j].scannedAt)
  for (const i of order) results[i] = { id: input.scans[i].scanId, ...(await settle(ctx, activity, input.scans[i], now)) }
  const ok = results.filter((r) => r.ok).length
  await transaction(ctx.db, (tx) =>
    ctx.audit.write(tx, {
      target: { type: 'activity', id: activity._id },
      orgId: org._id,
      orgPath: org.path,
      detail: { scans: results.length, ok, failed: results.length - ok },
    }),
  )
  return { results }
}

async function settle(ctx: ActionContext, activity: ActivityDoc, scan: ScanT, now: number): Promise<ScanResult> {
  try {
    return await applyScan(ctx, activity, scan, now)
  } catch (e) {
    const { code, message } = failureBody(e, ctx.log, 'scan_failed', { fn: ctx.fn, action: ctx.action, scanId: scan.scanId })
    return { ok: false, code, message }
  }
}

async function applyScan(ctx: ActionContext, activity: ActivityDoc, scan: ScanT, now: number): Promise<ScanResult> {
  const sent = { activityId: activity._id, personCode: scan.personCode, kind: scan.kind, scannedAt: scan.scannedAt }
  const stored = await getScan(ctx.db, scan.scanId)
  if (stored) return replayScan(stored, sent)
  const userId = parsePersonCode(scan.personCode, personMac(ctx.secrets()))
  // The org only matters for admitting a walk-in (an org audience); the common case skips that read.
  const { profile, org } = activity.walkIn ? await profileWithOrg(ctx.db, userId) : { profile: await getProfile(ctx.db, userId), org: null }
  if (!profile) throw new AppError('CHECKIN.UNKNOWN_PERSON')
  const scannedBy = ctx.openid()
  const mark = scanMark(activity, scan, now, scannedBy)
  const admit = () => walkInPerson(activity, profile, org)
  try {
    return await recordScan(ctx.db, activity, profile.openid, admit, mark, now, { _id: scan.scanId, ...sent, scannedBy, syncedAt: now })
  } catch (e) {
    // To the organizer, someone who never signed up is someone this activity does not know.
    if (isAppError(e) && e.code === 'SIGNUP.NOT_SIGNED') throw new AppError('CHECKIN.UNKNOWN_PERSON')
    throw e
  }
}
