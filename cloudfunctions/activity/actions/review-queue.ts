import type { ActivityContract, ReviewItemT } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { GONE_ACTIVITY, getActivities } from '../../_core/activity'
import { pendingAttendanceIn, pendingDeclarationsIn, reviewKey, toAttendanceReviewItem, toDeclarationReviewItem } from '../../_core/hours'
import { pageSorted } from '../../_core/runtime/paging'
import { subtree } from '../../_core/org'
import { urlsFor } from '../../_core/platform'
import type { Action } from '../../_core/runtime/serve'

/** Pending records of the org's subtree that the caller may decide: flagged first, then the longest waiting. */
export const reviewQueue: Action<ActivityContract, 'reviewQueue'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const orgs = await subtree(ctx.db, org)
  const orgName = new Map(orgs.map((o) => [o._id, o.name]))
  const orgIds = [...orgName.keys()]
  const [parts, decls] = await Promise.all([
    pendingAttendanceIn(ctx.db, orgIds, input.activityId),
    input.activityId ? Promise.resolve([]) : pendingDeclarationsIn(ctx.db, orgIds),
  ])
  const activities = await getActivities(ctx.db, parts.map((p) => p.activityId))
  const me = ctx.openid()
  const items: ReviewItemT[] = [
    ...parts.filter((p) => p.openid !== me).map((p) => toAttendanceReviewItem(p, activities.get(p.activityId)?.title ?? GONE_ACTIVITY, orgName.get(p.orgId) ?? '')),
    ...decls.filter((d) => d.openid !== me).map((d) => toDeclarationReviewItem(d, orgName.get(d.orgId) ?? '')),
  ]
  const page = pageSorted(items, reviewKey, input)
  // Evidence is shown to the reviewer through temporary URLs, for this page only.
  const urls = await urlsFor(ctx.platform.storage, page.items.flatMap((i) => i.photos.map((p) => p.fileId)))
  return { ...page, items: page.items.map((i) => ({ ...i, photos: i.photos.map((p) => ({ fileId: p.fileId, url: urls.get(p.fileId) ?? null })) })) }
}
