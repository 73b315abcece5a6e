import type { UserContract } from '../../../types/contract/user'
import { requireScope } from '../../_core/access'
import { rewriteSubtree } from '../../_core/org'
import { assertCanPlace, assertNoCycle, covers, moveOrg as move, requireOrg, toOrgView } from '../../_core/org'
import { AppError } from '../../_core/runtime/app-error'
import { errorFields } from '../../_core/runtime/log'
import type { Action } from '../../_core/runtime/serve'

/**
 * The caller must administer both the org and its new parent. Once the move commits, the venues,
 * goods, donors and orders of the subtree are rewritten to the new chain, so the new parent's cadres
 * see them at once. The move's mark stays: the `followOrgMoves` timer rewrites once more after the
 * grace and clears it, which also catches a record saved during the move from the chain read before
 * it, and finishes a rewrite that failed here (logged; the move stands whatever happens to it).
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
    await rewriteSubtree(ctx.db, org._id)
  } catch (e) {
    ctx.log.error('org.follow_failed', { fn: ctx.fn, action: ctx.action, orgId: org._id, ...errorFields(e) })
  }
  return { org: toOrgView(result.org), moved: result.moved }
}
