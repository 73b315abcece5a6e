import { z } from 'zod'
import { defineContract, Id, Page, PageInput } from './common'

/**
 * Subscription messages in the outbox (served by the activity function): the timer that sends what
 * is due, and what an activity's cadres see of its messages.
 */

/** As a cadre sees a message; `pending` covers one being sent this moment. */
export const MESSAGE_STATUSES = ['pending', 'sent', 'failed'] as const

export const MessageView = z.object({
  id: z.string(),
  template: z.string(),
  toName: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  attempts: z.number().int(),
  /** Why the last try failed (kept after a later success), in words a cadre understands. */
  lastError: z.string().nullable(),
  dueAt: z.number().int(),
  sentAt: z.number().int().nullable(),
  createdAt: z.number().int(),
})

export const messagesContract = defineContract('activity', {
  sendOutbox: {
    summary: '定时任务（每分钟）：发送消息队列中到期的订阅消息；失败的按指数退避重试，多次失败后标记为发送失败并记下原因。',
    timer: true,
    input: z.strictObject({}),
    output: z.object({ sent: z.number().int(), retrying: z.number().int(), failed: z.number().int() }),
  },
  activityMessages: {
    summary: '团干部查看活动发出的订阅消息：待发送、已发送、发送失败的人数，以及每条消息的状态与失败原因。',
    input: z.strictObject({ activityId: Id, status: z.enum(MESSAGE_STATUSES).optional(), ...PageInput }),
    output: Page(MessageView).extend({ counts: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int() }) }),
  },
})

export type MessageViewT = z.infer<typeof MessageView>
