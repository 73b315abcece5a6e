import type { UserContract } from '../../../types/contract/user'
import { requireScope } from '../../_core/access'
import { assertCanPlace, assertNoCycle, covers, moveOrg as move, requireOrg, toOrgView } from '../../_core/org'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/** The caller must administer both the org and its new parent. */
export const moveOrg: Action<UserContract, 'moveOrg'> = async (input, ctx) => {
  const { org, roles } = await requireScope(ctx, input.orgId, ['admin'])
  const newParent = await requireOrg(ctx.db, input.newParentId)
  if (!roles.some((r) => r.role === 'admin' && covers(r.orgId, newParent))) throw new AppError('AUTH.FORBIDDEN')
  if (org.parentId === null) throw new AppError('ORG.INVALID_PARENT')
  assertNoCycle(org, newParent)
  assertCanPlace(org.kind, newParent)
  const result = await move(ctx.db, org, newParent, ctx.clock.now(), (tx, moved) =>
    ctx.audit.write(tx, {
      target: { type: 'org', id: org._id },
      orgId: org._id,
      orgPath: moved.path,
      detail: { fromParentId: org.parentId, toParentId: newParent._id },
    }),
  )
  return { org: toOrgView(result.org), moved: result.moved }
}
