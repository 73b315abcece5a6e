import type { ActivityContract } from '../../../types/contract/activity'
import { recordsOf } from '../../_core/hours'
import { newestFirstKey, pageSorted } from '../../_core/runtime/paging'
import type { Action } from '../../_core/runtime/serve'

export const myRecords: Action<ActivityContract, 'myRecords'> = async (input, ctx) => {
  const records = await recordsOf(ctx.db, ctx.openid())
  return pageSorted(records, (r) => newestFirstKey(r.at, `${r.kind[0]}${r.id}`), input)
}
