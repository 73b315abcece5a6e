import type { UserContract } from '../../../types/contract/user'
import { assertCanGrant, closeInvites, getRole, invitesOrphaned, removeRole, requireScope, rolesOf, unrevokedInvitesBy } from '../../_core/access'
import { getOrgs } from '../../_core/org'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * Whoever could have granted a role may take it back; nobody revokes their own. The open invites
 * the holder issued on this role's authority close with it, and the answer says how many.
 */
export const revokeRole: Action<UserContract, 'revokeRole'> = async (input, ctx) => {
  const role = await getRole(ctx.db, input.roleId)
  if (!role) throw new AppError('ROLE.NOT_FOUND')
  const { org, roles } = await requireScope(ctx, role.orgId, ['admin', 'cadre'])
  if (role.openid === ctx.openid()) throw new AppError('ROLE.SELF')
  assertCanGrant(roles, org, role.role)
  const [held, invites] = await Promise.all([rolesOf(ctx.db, role.openid), unrevokedInvitesBy(ctx.db, role.openid)])
  const orgs = await getOrgs(ctx.db, invites.map((i) => i.orgId))
  const now = ctx.clock.now()
  const closing = invitesOrphaned(invites, held.filter((r) => r._id !== role._id), orgs, now)
  await transaction(ctx.db, async (tx) => {
    await removeRole(tx, role._id)
    await closeInvites(tx, closing, now)
    await ctx.audit.write(tx, {
      target: { type: 'role', id: role._id },
      orgId: org._id,
      orgPath: org.path,
      detail: { role: role.role, userId: role.userId, venueId: role.venueId ?? null, closedInvites: closing.map((i) => i._id) },
    })
  })
  return { revoked: true as const, closedInvites: closing.length }
}
