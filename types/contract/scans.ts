import { z } from 'zod'
import { EpochMs, Id, ItemResult, defineContract } from './common'

/**
 * The organizer's scans of a participant's personal code (served by the activity function): the
 * youth's own code, and the organizer's queue of scans uploaded in batches, possibly after being offline.
 */

export const Scan = z.strictObject({
  /** Made once on the organizer's phone; a re-sent scan is answered, not applied twice. */
  scanId: z.string().uuid({ error: '扫码记录编号不正确' }),
  /** The participant's personal code as scanned. */
  personCode: z.string().trim().min(1).max(64),
  kind: z.enum(['in', 'out']),
  /** When the organizer's phone scanned it, possibly offline; bounded by the activity's windows on the server. */
  scannedAt: EpochMs,
})

export const scansContract = defineContract('activity', {
  myCode: {
    summary: '我的个人签到码，供组织者扫码签到（离线也可）。',
    input: z.strictObject({}),
    output: z.object({ personCode: z.string(), userName: z.string() }),
  },
  syncScans: {
    summary: '组织者上传扫码记录（可离线排队后批量上传）；只接受该活动时间窗内、本人范围内的记录。',
    audit: true,
    input: z.strictObject({ activityId: Id, scans: z.array(Scan).min(1).max(200) }),
    output: z.object({ results: z.array(ItemResult) }),
  },
})

export type ScansContract = typeof scansContract
