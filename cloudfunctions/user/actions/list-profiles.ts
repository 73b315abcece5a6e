import type { UserContract } from '../../../types/contract/user'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { subtree } from '../../_core/org'
import { listProfilesIn, toProfileSummary } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'

export const listProfiles: Action<UserContract, 'listProfiles'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const orgs = await subtree(ctx.db, org)
  const names = new Map(orgs.map((o) => [o._id, o.name]))
  const page = await listProfilesIn(ctx.db, [...names.keys()], { ...input, nameContains: input.q })
  const now = ctx.clock.now()
  return { items: page.items.map((p) => toProfileSummary(p, names.get(p.orgId) ?? '', now)), nextCursor: page.nextCursor }
}
