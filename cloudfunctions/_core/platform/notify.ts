import cloud from 'wx-server-sdk'
import type { Clock } from '../runtime/clock'
import type { Log } from '../runtime/log'
import { splitShanghai } from '../../../types/day'

/**
 * Subscription messages (订阅消息). A youth who ticked "notify me" gets one message when something
 * happens to their sign-up. Sending is best effort and happens after the change has committed: a
 * message that cannot be sent is logged, never a reason to undo or fail the change.
 */
export type NotifyTemplate = 'activity_cancelled' | 'waitlist_promoted' | 'activity_reminder'

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

/** The page a message opens; the activity detail page of the mini program. */
export function activityPage(activityId: string): string {
  return `pages/activity/index?id=${activityId}`
}

/** WeChat refuses a `thing` value over 20 characters. */
function thing(s: string): string {
  const chars = [...s]
  return chars.length <= 20 ? s : `${chars.slice(0, 19).join('')}…`
}

/** `time` values as WeChat shows them (2026年11月28日 10:00), in Shanghai time. */
export function shanghaiTime(ms: number): string {
  const { date, time } = splitShanghai(ms)
  return `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8)}日 ${time}`
}

/** The field names below must match the templates chosen in the WeChat console (docs/deploy.md). */
export function activityCancelledMessage(openid: string, a: { _id: string; title: string; startAt: number }, reason: string): NotifyMessage {
  return { openid, template: 'activity_cancelled', page: activityPage(a._id), data: { thing1: thing(a.title), time2: shanghaiTime(a.startAt), thing3: thing(reason) } }
}

export function waitlistPromotedMessage(openid: string, a: { _id: string; title: string; startAt: number; place: { name: string } }): NotifyMessage {
  return {
    openid,
    template: 'waitlist_promoted',
    page: activityPage(a._id),
    data: { thing1: thing(a.title), time2: shanghaiTime(a.startAt), thing3: thing(a.place.name), thing4: '候补成功，已为您保留名额' },
  }
}

export function activityReminderMessage(openid: string, a: { _id: string; title: string; startAt: number; place: { name: string } }): NotifyMessage {
  return {
    openid,
    template: 'activity_reminder',
    page: activityPage(a._id),
    data: { thing1: thing(a.title), time2: shanghaiTime(a.startAt), thing3: thing(a.place.name), thing4: '活动即将开始，请按时签到' },
  }
}

/** Template ids are per mini program: `TQ_TEMPLATE_ACTIVITY_CANCELLED` and so on. */
export function templateEnvName(t: NotifyTemplate): string {
  return `TQ_TEMPLATE_${t.toUpperCase()}`
}

export function wechatNotifier(log: Log, env: Record<string, string | undefined> = process.env): Notifier {
  return {
    async send(msg) {
      const templateId = env[templateEnvName(msg.template)]
      if (!templateId) {
        log.info('notify_skipped', { template: msg.template, reason: `${templateEnvName(msg.template)} is not set` })
        return
      }
      await cloud.openapi.subscribeMessage.send({
        touser: msg.openid,
        templateId,
        page: msg.page,
        data: Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, { value: v }])),
        miniprogramState: env.TQ_MINIPROGRAM_STATE || 'formal',
      })
    },
  }
}

/** What the local notifier "sent"; tests and the local gateway read it. */
export const localOutbox: (NotifyMessage & { at: number })[] = []

export function clearLocalOutbox(): void {
  localOutbox.length = 0
}

export function localNotifier(clock: Clock): Notifier {
  return {
    async send(msg) {
      localOutbox.push({ at: clock.now(), ...msg, data: { ...msg.data } })
    },
  }
}


/** Sends each message (a few at a time); a failure is logged and skipped. Answers how many went out. */
export async function sendAll(notifier: Notifier, msgs: NotifyMessage[], log: Log, parallel = 10): Promise<number> {
  let sent = 0
  for (let i = 0; i < msgs.length; i += parallel) {
    const batch = msgs.slice(i, i + parallel)
    const results = await Promise.allSettled(batch.map((m) => notifier.send(m)))
    results.forEach((r, j) => {
      if (r.status === 'fulfilled') sent++
      else log.error('notify_failed', { template: batch[j].template, detail: r.reason instanceof Error ? r.reason.message : String((r.reason as { errMsg?: unknown })?.errMsg ?? r.reason) })
    })
  }
  return sent
}
