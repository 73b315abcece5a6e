import type { UserContract } from '../../../types/contract/user'
import { requireScope } from '../../_core/access'
import { renameOrg as rename, toOrgView } from '../../_core/org'
import { assertPublishable } from '../../_core/platform'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

export const renameOrg: Action<UserContract, 'renameOrg'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, ['admin'])
  await assertPublishable(ctx.platform.contentCheck, ctx.openid(), [input.name])
  const renamed = await transaction(ctx.db, async (tx) => {
    const next = await rename(tx, org, input.name, ctx.clock.now())
    await ctx.audit.write(tx, { target: { type: 'org', id: org._id }, orgId: org._id, orgPath: org.path, detail: { from: org.name, to: input.name } })
    return next
  })
  return { org: toOrgView(renamed) }
}
