import type { Platform } from '../platform'
import { activityCancelledMessage, sendAll, waitlistPromotedMessage } from '../platform/notify'
import type { Clock } from '../runtime/clock'
import type { Db } from '../runtime/db'
import type { Log } from '../runtime/log'
import { subscribersOf } from './activity.repo'
import type { ActivityDoc, ParticipationDoc } from './activity.rules'

/** Messages go out after the change has committed, only to people who subscribed; each answers how many went. */
type Deps = { db: Db; log: Log; clock: Clock; platform: Platform }

export function noticePromoted(deps: Deps, a: ActivityDoc, promoted: ParticipationDoc[]): Promise<number> {
  const msgs = promoted.filter((p) => p.subscribed).map((p) => waitlistPromotedMessage(p.openid, a))
  return msgs.length ? sendAll(deps.platform.notifier, msgs, deps.log) : Promise.resolve(0)
}

export async function noticeCancelled(deps: Deps, a: ActivityDoc, reason: string): Promise<number> {
  const people = await subscribersOf(deps.db, a._id)
  return sendAll(deps.platform.notifier, people.map((p) => activityCancelledMessage(p.openid, a, reason)), deps.log)
}
