import type { ActivityContract } from '../../../types/contract/activity'
import { sendDue } from '../../_core/outbox'
import type { Action } from '../../_core/runtime/serve'

/** Timer (every minute): sends what the outbox holds due — new messages, retries, and any a dead sender left. */
export const sendOutbox: Action<ActivityContract, 'sendOutbox'> = async (_input, ctx) => sendDue(ctx)
