import type { UserContract } from '../../../types/contract/user'
import { requireScope } from '../../_core/access'
import { finishOrgMove } from '../../_core/mall/follow-org'
import { assertCanPlace, assertNoCycle, covers, moveOrg as move, requireOrg, toOrgView } from '../../_core/org'
import { AppError } from '../../_core/runtime/app-error'
import { errorFields } from '../../_core/runtime/log'
import type { Action } from '../../_core/runtime/serve'

/**
 * The caller must administer both the org and its new parent. Once the move commits, the venues,
 * goods, donors and orders of the subtree are rewritten to the new chain; the move stands whatever
 * happens to that rewrite, so its failure is logged and left to the `followOrgMoves` timer, which
 * finishes what the move's mark says is owed.
 */
export const moveOrg: Action<UserContract, 'moveOrg'> = async (input, ctx) => {
  const { org, roles } = await requireScope(ctx, input.orgId, ['admin'])
  const newParent = await requireOrg(ctx.db, input.newParentId)
  if (!roles.some((r) => r.role === 'admin' && covers(r.orgId, newParent))) throw new AppError('AUTH.FORBIDDEN')
  if (org.parentId === null) throw new AppError('ORG.INVALID_PARENT')
  assertNoCycle(org, newParent)
  assertCanPlace(org.kind, newParent)
  const now = ctx.clock.now()
  const result = await move(ctx.db, org, newParent, now, (tx, moved) =>
    ctx.audit.write(tx, {
      target: { type: 'org', id: org._id },
      orgId: org._id,
      orgPath: moved.path,
      detail: { fromParentId: org.parentId, toParentId: newParent._id },
    }),
  )
  try {
    await finishOrgMove(ctx.db, org._id, now)
  } catch (e) {
    ctx.log.error('org.follow_failed', { fn: ctx.fn, action: ctx.action, orgId: org._id, ...errorFields(e) })
  }
  return { org: toOrgView(result.org), moved: result.moved }
}
