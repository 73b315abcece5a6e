import type { CommunityContract } from '../../../types/contract/community'
import { afterImageVerdict, announcementByTrace, enqueueAnnouncement, putAnnouncement, requireGroup, subscribersOf, txAnnouncement } from '../../_core/community'
import { dispatch } from '../../_core/outbox'
import { mediaVerdict } from '../../_core/platform'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * WeChat's verdict on one picture of an announcement (`wxa_media_check`; each function that asks for
 * checks gets every push and keeps only its own traces). The last picture to pass publishes it and
 * only then are the subscribed members told; one risky picture withdraws it. A trace is applied once.
 */
export const announcementImageChecked: Action<CommunityContract, 'announcementImageChecked'> = async (input, ctx) => {
  const waiting = await announcementByTrace(ctx.db, input.trace_id)
  if (!waiting) return { applied: false }
  const group = await requireGroup(ctx.db, waiting.groupId)
  const now = ctx.clock.now()
  const verdict = mediaVerdict(input.result?.suggest)
  const outcome = await transaction(ctx.db, async (tx) => {
    const fresh = await txAnnouncement(tx, waiting._id)
    const after = fresh && afterImageVerdict(fresh, input.trace_id, verdict)
    if (!after) return null
    const next = { ...fresh, images: after.images, imageTraces: after.imageTraces, status: after.status, updatedAt: now }
    await putAnnouncement(tx, next)
    if (!after.published) return { withdrawn: fresh.status === 'pending' && after.status === 'withdrawn', messages: [] }
    // Read on each try, inside: two pictures' verdicts arriving at once, only the one that commits last publishes.
    const to = await subscribersOf(ctx.db, group, next.authorOpenid)
    return { withdrawn: false, messages: await enqueueAnnouncement(tx, next, group.name, to, now) }
  })
  if (!outcome) return { applied: false }
  if (outcome.withdrawn) ctx.log.info('announcement_withdrawn', { announcementId: waiting._id, trace: input.trace_id })
  await dispatch(ctx, outcome.messages)
  return { applied: true }
}
