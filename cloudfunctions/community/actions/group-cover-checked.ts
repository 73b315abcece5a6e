import type { CommunityContract } from '../../../types/contract/community'
import { coverVerdict } from '../../_core/activity'
import { chatQrAsCover, coverAsChatQr, groupByTrace, putGroup, txGroup } from '../../_core/community'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * WeChat's verdict on a group cover or chat QR (`wxa_media_check`, pushed to the function; each
 * function that asks for checks gets every push and keeps only its own traces). Applied only while
 * the group still waits for that very check: a picture replaced meanwhile has a check of its own.
 * One trace is one check of one picture, so it settles the cover or the chat QR, never both.
 */
export const groupCoverChecked: Action<CommunityContract, 'groupCoverChecked'> = async (input, ctx) => {
  const trace = input.trace_id
  const [byCover, byChatQr] = await Promise.all([groupByTrace(ctx.db, 'coverTrace', trace), groupByTrace(ctx.db, 'chatQrTrace', trace)])
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
