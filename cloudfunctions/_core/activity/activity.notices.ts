import { shanghaiTime, thing, type OutboxMessage } from '../outbox'

export { shanghaiTime } from '../outbox'
import type { ActivityDoc, ParticipationDoc } from './activity.rules'

/**
 * What the activity module tells youth, as outbox messages (`outbox/`): each is written with the
 * change that causes it and sent by the outbox, only to people who subscribed. The field names
 * below must match the templates chosen in the WeChat console (docs/deploy.md).
 */

/** The page a message opens; the activity detail page of the mini program. */
export function activityPage(activityId: string): string {
  return `pages/activity/index?id=${activityId}`
}


type Told = Pick<ParticipationDoc, 'openid' | 'userName' | 'subscribed'>
/** What a message says of its activity. */
type About = Pick<ActivityDoc, '_id' | 'orgId' | 'title' | 'startAt'> & { place: Pick<ActivityDoc['place'], 'name'> }
const recipient = (p: Told) => ({ openid: p.openid, name: p.userName })

/** To everyone subscribed to a cancelled activity: one fan-out, written in the cancelling transaction. */
export function cancellationMessage(a: Pick<ActivityDoc, '_id' | 'orgId' | 'title' | 'startAt'>, reason: string, people: Told[]): OutboxMessage {
  return {
    template: 'activity_cancelled',
    subject: a._id,
    orgId: a.orgId,
    to: people.filter((p) => p.subscribed).map(recipient),
    page: activityPage(a._id),
    data: { thing1: thing(a.title), time2: shanghaiTime(a.startAt), thing3: thing(reason) },
  }
}

/**
 * To a youth moved from the waitlist to a place — null when they did not subscribe. `p` is the
 * promoted participation; its `signedAt` (the sign-up it was waiting under) tells this promotion
 * from one after a later re-sign-up, so each promotion is told exactly once.
 */
export function promotionMessage(a: About, p: Told & Pick<ParticipationDoc, 'signedAt'>): OutboxMessage | null {
  if (!p.subscribed) return null
  return {
    template: 'waitlist_promoted',
    subject: a._id,
    orgId: a.orgId,
    occurrence: p.signedAt,
    to: recipient(p),
    page: activityPage(a._id),
    data: { thing1: thing(a.title), time2: shanghaiTime(a.startAt), thing3: thing(a.place.name), thing4: '候补成功，已为您保留名额' },
  }
}

/** About an hour before the start, to a subscribed sign-up (once per start time). */
export function reminderMessage(a: About, p: Told): OutboxMessage {
  return {
    template: 'activity_reminder',
    subject: a._id,
    orgId: a.orgId,
    occurrence: a.startAt,
    to: recipient(p),
    page: activityPage(a._id),
    data: { thing1: thing(a.title), time2: shanghaiTime(a.startAt), thing3: thing(a.place.name), thing4: '活动即将开始，请按时签到' },
  }
}
