import type { ActivityContract } from '../../../types/contract/activity'
import { recordsPage } from '../../_core/hours'
import type { Action } from '../../_core/runtime/serve'

/** The caller's hour records, newest first, a page at a time. */
export const myRecords: Action<ActivityContract, 'myRecords'> = async (input, ctx) => recordsPage(ctx.db, ctx.openid(), input)
