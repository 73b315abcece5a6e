import type { ActivityContract } from '../../../types/contract/activity'
import { loadByStart, orgsAbove, pageByStart, pageOf, parseOffsetCursor, toActivityCards, type ActivityFilter } from '../../_core/activity'
import { getOrg, requireOrg, subtreeIds } from '../../_core/org'
import { getProfile, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** Published, not yet ended, and open to the caller: everyone, or an org audience above the caller's org. */
export const listActivities: Action<ActivityContract, 'listActivities'> = async (input, ctx) => {
  if (input.sort === 'nearby' && !input.near) throw new AppError('GENERIC.BAD_INPUT', '按距离排序需要提供当前位置。')
  const profile = await getProfile(ctx.db, userIdFor(ctx.secrets(), ctx.openid()))
  const home = profile ? await getOrg(ctx.db, profile.orgId) : null
  const filter: ActivityFilter = {
    statuses: ['published'],
    endsAfter: ctx.clock.now(),
    audienceOrgIds: home ? orgsAbove(home) : [],
    titleContains: input.q,
  }
  if (input.orgId) filter.orgIds = await subtreeIds(ctx.db, await requireOrg(ctx.db, input.orgId))

  if (input.sort === 'upcoming') {
    const page = await pageByStart(ctx.db, filter, 'asc', input)
    return { items: await toActivityCards(ctx, page.items, input.near), nextCursor: page.nextCursor }
  }
  // Distance cannot be indexed here (no geo queries on CloudBase without a 2dsphere index on a
  // GeoPoint), so the upcoming set is sorted in memory; it is capped, so that stays cheap.
  const offset = parseOffsetCursor(input.cursor)
  const cards = await toActivityCards(ctx, await loadByStart(ctx.db, filter, 1000), input.near)
  cards.sort((x, y) => x.distance! - y.distance! || x.startAt - y.startAt || (x.id < y.id ? -1 : 1))
  return pageOf(cards, offset, input.limit)
}
