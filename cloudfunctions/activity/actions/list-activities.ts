import type { ActivityContract } from '../../../types/contract/activity'
import { distanceMeters, groupChainsOf, loadAll, orgsAbove, pageByStart, toActivityCards, type ActivityFilter } from '../../_core/activity'
import { pageOf, parseOffsetCursor } from '../../_core/runtime/paging'
import { requireOrg, subtreeIds } from '../../_core/org'
import { profileWithOrg, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/**
 * Published, not yet ended, and open to the caller: everyone, an org audience above the caller's org,
 * or a group audience over one of the caller's groups (their memberships: two reads more, whatever
 * the page).
 */
export const listActivities: Action<ActivityContract, 'listActivities'> = async (input, ctx) => {
  if (input.sort === 'nearby' && !input.near) throw new AppError('GENERIC.BAD_INPUT', '按距离排序需要提供当前位置。')
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const [{ org: home }, chains] = await Promise.all([profileWithOrg(ctx.db, userId), groupChainsOf(ctx.db, userId)])
  const filter: ActivityFilter = {
    statuses: ['published'],
    endsAfter: ctx.clock.now(),
    openTo: { orgIds: home ? orgsAbove(home) : [], groupIds: [...new Set(chains.flat())] },
    titleContains: input.q,
  }
  if (input.orgId) filter.orgIds = await subtreeIds(ctx.db, await requireOrg(ctx.db, input.orgId))

  if (input.sort === 'upcoming') {
    const page = await pageByStart(ctx.db, filter, 'asc', input)
    return { items: await toActivityCards(ctx, page.items, input.near), nextCursor: page.nextCursor }
  }
  // Distance cannot be indexed here (no geo queries on CloudBase without a 2dsphere index on a
  // GeoPoint), so the whole upcoming set is sorted in memory: a county's upcoming activities, well
  // under readAll's cap (past it the list fails loudly rather than leave some out).
  // Only the page shown becomes cards (org names, cover URLs).
  const near = input.near!
  const offset = parseOffsetCursor(input.cursor)
  const byDistance = (await loadAll(ctx.db, filter))
    .map((a) => ({ a, d: distanceMeters(near, a.place) }))
    .sort((x, y) => x.d - y.d || x.a.startAt - y.a.startAt || (x.a._id < y.a._id ? -1 : 1))
  const page = pageOf(byDistance, offset, input.limit)
  return { items: await toActivityCards(ctx, page.items.map((x) => x.a), near), nextCursor: page.nextCursor }
}
