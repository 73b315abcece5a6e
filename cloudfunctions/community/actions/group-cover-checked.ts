import type { CommunityContract } from '../../../types/contract/community'
import { coverVerdict } from '../../_core/activity'
import { chatQrAsCover, coverAsChatQr, groupByCoverTrace, putGroup, txGroup, type GroupDoc } from '../../_core/community'
import { COLLECTIONS } from '../../_core/runtime/collections'
import { transaction, type Db } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/** The group whose chat QR waits for the image check `traceId` (over the `chatQrTrace` index). */
async function groupByChatQrTrace(db: Db, traceId: string): Promise<GroupDoc | null> {
  const res = await db.collection(COLLECTIONS.groups).where({ chatQrTrace: traceId }).limit(1).get()
  return (res.data[0] as GroupDoc | undefined) ?? null
}

/**
 * WeChat's verdict on a group cover or chat QR (`wxa_media_check`, pushed to the function; each
 * function that asks for checks gets every push and keeps only its own traces). Applied only while
 * the group still waits for that very check: a picture replaced meanwhile has a check of its own.
 * One trace is one check of one picture, so it settles the cover or the chat QR, never both.
 */
export const groupCoverChecked: Action<CommunityContract, 'groupCoverChecked'> = async (input, ctx) => {
  const trace = input.trace_id
  const [byCover, byChatQr] = await Promise.all([groupByCoverTrace(ctx.db, trace), groupByChatQrTrace(ctx.db, trace)])
  const waiting = byCover ?? byChatQr
  if (!waiting) return { applied: false }
  const picture = byCover ? 'cover' : 'chatQr'
  const verdict = await transaction(ctx.db, async (tx) => {
    const fresh = await txGroup(tx, waiting._id)
    if (!fresh) return null
    const after = coverVerdict(picture === 'cover' ? fresh : chatQrAsCover(fresh), trace, input.result?.suggest)
    if (!after) return null
    await putGroup(tx, { ...fresh, ...(picture === 'cover' ? after.fields : coverAsChatQr(after.fields)), updatedAt: ctx.clock.now() })
    return after.verdict
  })
  if (verdict && verdict !== 'pass') ctx.log.info(picture === 'cover' ? 'cover_refused' : 'chat_qr_refused', { groupId: waiting._id, verdict })
  return { applied: verdict !== null }
}
