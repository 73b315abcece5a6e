import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { GONE_ACTIVITY, getActivities } from '../../_core/activity'
import { pendingPage, toAttendanceReviewItem, toDeclarationReviewItem } from '../../_core/hours'
import { subtree } from '../../_core/org'
import { urlsFor } from '../../_core/platform'
import type { Action } from '../../_core/runtime/serve'

/** Pending records of the org's subtree that the caller may decide: flagged first, then the longest waiting. */
export const reviewQueue: Action<ActivityContract, 'reviewQueue'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const orgs = await subtree(ctx.db, org)
  const orgName = new Map(orgs.map((o) => [o._id, o.name]))
  const page = await pendingPage(ctx.db, { orgIds: [...orgName.keys()], reviewer: ctx.openid(), activityId: input.activityId }, input)
  // Titles and evidence URLs (temporary) for this page only.
  const parts = page.items.flatMap((r) => (r.kind === 'attendance' ? [r.doc] : []))
  const photos = page.items.flatMap((r) => (r.kind === 'declaration' ? r.doc.photos : []))
  const [activities, urls] = await Promise.all([getActivities(ctx.db, parts.map((p) => p.activityId)), urlsFor(ctx.platform.storage, photos)])
  const items = page.items.map((r) =>
    r.kind === 'attendance'
      ? toAttendanceReviewItem(r.doc, activities.get(r.doc.activityId)?.title ?? GONE_ACTIVITY, orgName.get(r.doc.orgId) ?? '')
      : toDeclarationReviewItem(r.doc, orgName.get(r.doc.orgId) ?? ''),
  )
  return { items: items.map((i) => ({ ...i, photos: i.photos.map((p) => ({ fileId: p.fileId, url: urls.get(p.fileId) ?? null })) })), nextCursor: page.nextCursor }
}
