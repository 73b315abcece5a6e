import type { UserContract } from '../../../types/contract/user'
import { assertCanGrant, getRole, putRole, requireGrantScope, roleIdFor, toRoleViews, type RoleDoc } from '../../_core/access'
import { getProfile } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * A role at an org covers its subtree; a role at a venue (a clerk at a pickup point) covers that venue
 * only, held under the venue's org with the same authority as a grant there (requireGrantScope).
 */
export const grantRole: Action<UserContract, 'grantRole'> = async (input, ctx) => {
  const { org, roles, venue } = await requireGrantScope(ctx, input.orgId, input.venueId, input.role)
  assertCanGrant(roles, org, input.role)
  const grantee = await getProfile(ctx.db, input.userId)
  if (!grantee) throw new AppError('USER.NOT_REGISTERED', '对方还没有登记青年档案。')
  if (grantee.openid === ctx.openid()) throw new AppError('ROLE.SELF')
  const role: RoleDoc = {
    _id: roleIdFor(grantee.openid, input.role, org._id, venue?._id),
    openid: grantee.openid,
    userId: grantee._id,
    role: input.role,
    orgId: org._id,
    venueId: venue?._id ?? null,
    via: 'grant',
    grantedBy: ctx.openid(),
    grantedAt: ctx.clock.now(),
  }
  if (await getRole(ctx.db, role._id)) throw new AppError('ROLE.ALREADY_HELD')
  await transaction(ctx.db, async (tx) => {
    await putRole(tx, role)
    await ctx.audit.write(tx, { target: { type: 'role', id: role._id }, orgId: org._id, orgPath: org.path, detail: { role: role.role, userId: grantee._id, venueId: role.venueId } })
  })
  const [view] = await toRoleViews(ctx.db, ctx.secrets(), [role])
  return { role: view }
}
