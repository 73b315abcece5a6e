import type { PointsContract } from '../../../../types/contract/points'
import { entriesPage, toEntryView } from '../../../_core/ledger'
import { userIdFor } from '../../../_core/profile'
import type { Action } from '../../../_core/runtime/serve'

/** The caller's own entries only: the account is derived from the platform's identity, never from the payload. */
export const listLedger: Action<PointsContract, 'listLedger'> = async (input, ctx) => {
  const page = await entriesPage(ctx.db, userIdFor(ctx.secrets(), ctx.openid()), input)
  return { items: page.items.map(toEntryView), nextCursor: page.nextCursor }
}
