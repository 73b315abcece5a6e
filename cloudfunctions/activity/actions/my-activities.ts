import type { ActivityContract } from '../../../types/contract/activity'
import { activeParticipationsOf, getActivities, participationView, toActivityCards } from '../../_core/activity'
import { pageOf, parseOffsetCursor } from '../../_core/runtime/paging'
import type { Action } from '../../_core/runtime/serve'

/** Live sign-ups (signed or waitlisted) joined with their activity; upcoming soonest first, past latest first. */
export const myActivities: Action<ActivityContract, 'myActivities'> = async (input, ctx) => {
  const now = ctx.clock.now()
  const offset = parseOffsetCursor(input.cursor)
  const mine = await activeParticipationsOf(ctx.db, ctx.openid())
  const activities = await getActivities(ctx.db, mine.map((p) => p.activityId))
  const rows = mine
    .map((p) => ({ p, a: activities.get(p.activityId)! }))
    .filter(({ a }) => a && (input.when === 'upcoming' ? a.endAt >= now : a.endAt < now))
    .sort((x, y) => (input.when === 'upcoming' ? 1 : -1) * (x.a.startAt - y.a.startAt || (x.a._id < y.a._id ? -1 : 1)))
  const page = pageOf(rows, offset, input.limit)
  const cards = await toActivityCards(ctx, page.items.map((r) => r.a))
  const views = await Promise.all(page.items.map((r) => participationView(ctx.db, r.p)))
  return { items: cards.map((activity, i) => ({ activity, participation: views[i] })), nextCursor: page.nextCursor }
}
