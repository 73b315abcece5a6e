import type { StationContract } from '../../../types/contract/station'
import { MANAGER_ROLES, rolesOf } from '../../_core/access'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'
import { FROM_POST, getLink, postsOf, removeLink, txLink } from '../../_core/station'
import { venueInScope } from '../../_core/venue'

/**
 * A cadre removes a 两联 link. The link belongs to its `from` end's post: a cadre over a station where
 * that person holds or held the post may remove it (so a link outlives neither the post nor the
 * cadre's reach over it); the record of who removed it is the audit entry.
 */
export const unlinkPeople: Action<StationContract, 'unlinkPeople'> = async (input, ctx) => {
  const link = await getLink(ctx.db, input.linkId)
  if (!link) throw new AppError('LINK.NOT_FOUND')
  const [roles, posts] = await Promise.all([rolesOf(ctx.db, ctx.openid()), postsOf(ctx.db, link.fromUserId)])
  const over = posts.find((p) => p.post === FROM_POST[link.kind] && venueInScope(roles, p, MANAGER_ROLES))
  if (!over) throw new AppError('AUTH.FORBIDDEN')
  await transaction(ctx.db, async (tx) => {
    if (!(await txLink(tx, link._id))) throw new AppError('LINK.NOT_FOUND')
    await removeLink(tx, link._id)
    await ctx.audit.write(tx, { target: { type: 'station_link', id: link._id }, orgId: over.orgId, orgPath: over.underOrgs.slice(0, -1), detail: { kind: link.kind, fromUserId: link.fromUserId, toUserId: link.toUserId } })
  })
  return { linkId: link._id }
}
