import cloud from 'wx-server-sdk'
import type { Clock } from '../runtime/clock'
import type { Log } from '../runtime/log'

/**
 * Subscription messages (订阅消息): the transport only. What a message says is built by the module
 * it belongs to (activity messages in `activity/activity.notices.ts`); when it goes out is the
 * outbox's business (`outbox/`): a message is written with the change that causes it and a timer
 * hands it to this sender, retrying what fails. A sender therefore answers or throws — a
 * `NotifyError` says whether trying again could help.
 */
export type NotifyTemplate = 'activity_cancelled' | 'waitlist_promoted' | 'activity_reminder' | 'order_ready' | 'order_expiring' | 'points_expiring' | 'announcement_posted' | 'opinion_replied' | 'opinion_overdue' | 'duty_behind'

export interface NotifyMessage {
  openid: string
  template: NotifyTemplate
  page: string
  /** Keyed by the template's field names (thing1, time2 …), values already within WeChat's limits. */
  data: Record<string, string>
}

export interface Notifier {
  send(msg: NotifyMessage): Promise<void>
}

/** A send that did not go out; `permanent` when no retry can change WeChat's answer. */
export class NotifyError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent: boolean,
  ) {
    super(reason)
    this.name = 'NotifyError'
  }
}

/** Template ids are per mini program: `TQ_TEMPLATE_ACTIVITY_CANCELLED` and so on. */
export function templateEnvName(t: NotifyTemplate): string {
  return `TQ_TEMPLATE_${t.toUpperCase()}`
}

/**
 * WeChat's answers that a retry cannot change (subscribeMessage.send's error codes), in words a
 * cadre understands; anything else (system busy, a timeout) is tried again.
 */
const REFUSALS: Record<number, string> = {
  40003: '接收者无效',
  40037: '消息模板无效',
  41030: '消息打开的页面无效',
  43101: '对方未订阅或已拒收此类消息',
  47003: '消息内容不符合模板要求',
}

/** What a failed send comes to: a reason to show and whether to try again. */
export function sendFailure(e: unknown): NotifyError {
  if (e instanceof NotifyError) return e
  const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null
  const code = Number(err?.errCode)
  const detail = String(err?.errMsg ?? err?.message ?? e).slice(0, 120)
  if (REFUSALS[code]) return new NotifyError(`${REFUSALS[code]}（${code}）`, true)
  return new NotifyError(`发送失败，将自动重试：${Number.isFinite(code) ? `${code} ` : ''}${detail}`, false)
}

/** Production: `subscribeMessage.send` through the SDK (needs `permissions.openapi` in config.json). */
export function wechatNotifier(log: Log, env: Record<string, string | undefined> = process.env): Notifier {
  return {
    async send(msg) {
      const templateId = env[templateEnvName(msg.template)]
      if (!templateId) {
        log.info('notify_skipped', { template: msg.template, reason: `${templateEnvName(msg.template)} is not set` })
        throw new NotifyError(`消息模板未配置（${templateEnvName(msg.template)}）`, true)
      }
      try {
        await cloud.openapi.subscribeMessage.send({
          touser: msg.openid,
          templateId,
          page: msg.page,
          data: Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, { value: v }])),
          miniprogramState: env.TQ_MINIPROGRAM_STATE || 'formal',
        })
      } catch (e) {
        throw sendFailure(e)
      }
    },
  }
}

/** What the local notifier "sent"; tests and the local gateway (GET /dev/outbox) read it. */
export const localOutbox: (NotifyMessage & { at: number })[] = []

export function clearLocalOutbox(): void {
  localOutbox.length = 0
}

/** The stand-in beside production's: it records the message as WeChat would have shown it. */
export function localNotifier(clock: Clock): Notifier {
  return {
    async send(msg) {
      localOutbox.push({ at: clock.now(), ...msg, data: { ...msg.data } })
    },
  }
}
