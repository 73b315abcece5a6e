import type { UserContract } from '../../../types/contract/user'
import { requireScope } from '../../_core/access'
import { assertCanPlace, insertOrg, toOrgView } from '../../_core/org'
import { assertPublishable } from '../../_core/platform'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

export const createOrg: Action<UserContract, 'createOrg'> = async (input, ctx) => {
  const { org: parent } = await requireScope(ctx, input.parentId, ['admin'])
  assertCanPlace(input.kind, parent)
  await assertPublishable(ctx.platform.contentCheck, ctx.openid(), [input.name])
  const now = ctx.clock.now()
  const org = await transaction(ctx.db, async (tx) => {
    const created = await insertOrg(tx, { name: input.name, kind: input.kind, parent }, now)
    await ctx.audit.write(tx, { target: { type: 'org', id: created._id }, orgId: created._id, orgPath: created.path, detail: { name: created.name, kind: created.kind } })
    return created
  })
  return { org: toOrgView(org) }
}
