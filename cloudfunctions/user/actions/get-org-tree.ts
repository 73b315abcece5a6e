import type { UserContract } from '../../../types/contract/user'
import { requireOrg, roots, subtree, toOrgView, type OrgDoc } from '../../_core/org'
import type { Action } from '../../_core/runtime/serve'

/** Org names and shape are not private: a youth picks their org from this tree when registering. */
export const getOrgTree: Action<UserContract, 'getOrgTree'> = async (input, ctx) => {
  let orgs: OrgDoc[]
  if (input.rootId) {
    orgs = await subtree(ctx.db, await requireOrg(ctx.db, input.rootId), input.depth)
  } else {
    const tops = await roots(ctx.db)
    const below = await Promise.all(tops.map((r) => subtree(ctx.db, r, input.depth)))
    orgs = below.flat()
  }
  return { orgs: orgs.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'zh-Hans-CN')).map(toOrgView) }
}
