import type { z } from 'zod'
import type { ActivityContract, ItemResultT, Scan } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { applicantOf, requireActivity, type ActivityDoc } from '../../_core/activity'
import {
  assertMode,
  assertNotSelfScan,
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
import { getProfile } from '../../_core/profile'
import { AppError, isAppError } from '../../_core/runtime/app-error'
import type { ActionContext } from '../../_core/runtime/context'
import { transaction, type Tx } from '../../_core/runtime/db'
import { failureBody } from '../../_core/runtime/failure'
import type { Action } from '../../_core/runtime/serve'

type ScanT = z.output<typeof Scan>

/**
 * The organizer's queue of scans, perhaps recorded offline. Each scan stands alone: one bad scan is
 * answered in its own result and the rest still apply. The upload has one audit entry, grown inside
 * each applied scan's own transaction (as review batches do), so a crash halfway leaves no applied
 * scan off the record; the last rewrite adds the scans refused after the last applied one.
 */
export const syncScans: Action<ActivityContract, 'syncScans'> = async (input, ctx) => {
  const activity = await requireActivity(ctx.db, input.activityId)
  const { org } = await requireScope(ctx, activity.orgId, MANAGER_ROLES)
  assertPublished(activity)
  assertMode(activity, 'scan')
  const now = ctx.clock.now()
  const results: ItemResultT[] = new Array(input.scans.length)
  const decided: ItemResultT[] = []
  const entry = (outcomes: ItemResultT[]) => {
    const ok = outcomes.filter((r) => r.ok).length
    return {
      target: { type: 'activity', id: activity._id },
      orgId: org._id,
      orgPath: org.path,
      detail: { scans: outcomes.length, ok, failed: outcomes.length - ok, items: outcomes.map((r) => ({ id: r.id, ok: r.ok, code: r.code })) },
    }
  }
  // In scan order, so a queue's check-in lands before its check-out whatever order the phone sends them.
  const order = input.scans.map((_s, i) => i).sort((i, j) => input.scans[i].scannedAt - input.scans[j].scannedAt)
  // The last scan whose own transaction wrote the entry (a re-sent scan is answered without writing).
  let recordedThrough = -1
  for (const i of order) {
    const scan = input.scans[i]
    const at = decided.length
    const onRecord = async (tx: Tx) => {
      await ctx.audit.rewrite(tx, entry([...decided, { id: scan.scanId, ok: true, code: null, message: null }]))
      recordedThrough = at
    }
    results[i] = { id: scan.scanId, ...(await settle(ctx, activity, scan, now, onRecord)) }
    decided.push(results[i])
  }
  // Scans refused or re-sent after the last one recorded join the entry too (as review batches do).
  const last = decided.length - 1
  if (!(recordedThrough === last && decided[last].ok)) await transaction(ctx.db, (tx) => ctx.audit.rewrite(tx, entry(decided)))
  return { results }
}

async function settle(ctx: ActionContext, activity: ActivityDoc, scan: ScanT, now: number, onRecord: (tx: Tx) => Promise<void>): Promise<ScanResult> {
  try {
    return await applyScan(ctx, activity, scan, now, onRecord)
  } catch (e) {
    const { code, message } = failureBody(e, ctx.log, 'scan_failed', { fn: ctx.fn, action: ctx.action, scanId: scan.scanId })
    return { ok: false, code, message }
  }
}

async function applyScan(ctx: ActionContext, activity: ActivityDoc, scan: ScanT, now: number, onRecord: (tx: Tx) => Promise<void>): Promise<ScanResult> {
  const sent = { activityId: activity._id, personCode: scan.personCode, kind: scan.kind, scannedAt: scan.scannedAt }
  const stored = await getScan(ctx.db, scan.scanId)
  if (stored) return replayScan(stored, sent)
  const userId = parsePersonCode(scan.personCode, personMac(ctx.secrets()))
  // The org and groups only matter for admitting a walk-in (an org or group audience); the common case skips those reads.
  const { profile, org, chains } = activity.walkIn ? await applicantOf(ctx.db, activity.audience, userId) : { profile: await getProfile(ctx.db, userId), org: null, chains: [] }
  if (!profile) throw new AppError('CHECKIN.UNKNOWN_PERSON')
  const scannedBy = ctx.openid()
  assertNotSelfScan(profile.openid, scannedBy)
  const mark = scanMark(activity, scan, now, scannedBy)
  const admit = () => walkInPerson(activity, profile, org, chains)
  try {
    return await recordScan(ctx.db, activity, profile.openid, admit, mark, now, { _id: scan.scanId, ...sent, scannedBy, syncedAt: now }, onRecord)
  } catch (e) {
    // To the organizer, someone who never signed up is someone this activity does not know.
    if (isAppError(e) && e.code === 'SIGNUP.NOT_SIGNED') throw new AppError('CHECKIN.UNKNOWN_PERSON')
    throw e
  }
}
