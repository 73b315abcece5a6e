import type { UserContract } from '../../../types/contract/user'
import { assertCanGrant, getRole, removeRole, requireScope } from '../../_core/access'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/** Whoever could have granted a role may take it back; nobody revokes their own. */
export const revokeRole: Action<UserContract, 'revokeRole'> = async (input, ctx) => {
  const role = await getRole(ctx.db, input.roleId)
  if (!role) throw new AppError('ROLE.NOT_FOUND')
  const { org, roles } = await requireScope(ctx, role.orgId, ['admin', 'cadre'])
  if (role.openid === ctx.openid()) throw new AppError('ROLE.SELF')
  assertCanGrant(roles, org, role.role)
  await transaction(ctx.db, async (tx) => {
    await removeRole(tx, role._id)
    await ctx.audit.write(tx, { target: { type: 'role', id: role._id }, orgId: org._id, orgPath: org.path, detail: { role: role.role, userId: role.userId } })
  })
  return { revoked: true as const }
}
