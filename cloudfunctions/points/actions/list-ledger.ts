import type { PointsContract } from '../../../types/contract/points'
import { entriesOf, toEntryView } from '../../_core/ledger'
import { newestFirstKey, pageSorted } from '../../_core/runtime/paging'
import { userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'

/** The caller's own entries only: the account is derived from the platform's identity, never from the payload. */
export const listLedger: Action<PointsContract, 'listLedger'> = async (input, ctx) => {
  const entries = await entriesOf(ctx.db, userIdFor(ctx.secrets(), ctx.openid()))
  const page = pageSorted(entries, (e) => newestFirstKey(e.at, e._id), input)
  return { items: page.items.map(toEntryView), nextCursor: page.nextCursor }
}
