import type { UserContract } from '../../../types/contract/user'
import { assertCanGrant, getRole, putRole, requireScope, roleIdFor, toRoleViews, type RoleDoc } from '../../_core/access'
import { getProfile } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

export const grantRole: Action<UserContract, 'grantRole'> = async (input, ctx) => {
  const { org, roles } = await requireScope(ctx, input.orgId, ['admin', 'cadre'])
  assertCanGrant(roles, org, input.role)
  const grantee = await getProfile(ctx.db, input.userId)
  if (!grantee) throw new AppError('USER.NOT_REGISTERED', '对方还没有登记青年档案。')
  if (grantee.openid === ctx.openid()) throw new AppError('ROLE.SELF')
  const role: RoleDoc = {
    _id: roleIdFor(grantee.openid, input.role, org._id),
    openid: grantee.openid,
    userId: grantee._id,
    role: input.role,
    orgId: org._id,
    via: 'grant',
    grantedBy: ctx.openid(),
    grantedAt: ctx.clock.now(),
  }
  if (await getRole(ctx.db, role._id)) throw new AppError('ROLE.ALREADY_HELD')
  await transaction(ctx.db, async (tx) => {
    await putRole(tx, role)
    await ctx.audit.write(tx, { target: { type: 'role', id: role._id }, orgId: org._id, orgPath: org.path, detail: { role: role.role, userId: grantee._id } })
  })
  const [view] = await toRoleViews(ctx.db, ctx.secrets(), [role])
  return { role: view }
}
