import type { CommunityContract } from '../../../types/contract/community'
import { rolesOf } from '../../_core/access'
import { toGroupCards, type CardSource } from '../../_core/community'
import { getOrg } from '../../_core/org/org.repo'
import { countyOf } from '../../_core/org/org.rules'
import { profileWithOrg, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { COLLECTIONS } from '../../_core/runtime/collections'
import type { ActionContext } from '../../_core/runtime/context'
import { containing } from '../../_core/runtime/db'
import { collectionSource, keysetPage } from '../../_core/runtime/paging'
import type { Action } from '../../_core/runtime/serve'

/** What a card needs, and the order's field: a search page reads nothing more of each group. */
const CARD_FIELDS: Record<keyof CardSource | 'createdAt', true> = {
  _id: true,
  name: true,
  kind: true,
  tags: true,
  description: true,
  cover: true,
  coverCheck: true,
  orgId: true,
  joinPolicy: true,
  capacity: true,
  createdAt: true,
}

/**
 * The county a caller searches: their profile's (a registered youth); a cadre without a profile
 * searches the county of their role. Someone with neither is asked to register first.
 */
async function callerCounty(ctx: ActionContext): Promise<string> {
  const openid = ctx.openid()
  const { org } = await profileWithOrg(ctx.db, userIdFor(ctx.secrets(), openid))
  if (org) return countyOf(org)
  const [role] = await rolesOf(ctx.db, openid)
  const roleOrg = role ? await getOrg(ctx.db, role.orgId) : null
  if (!roleOrg) throw new AppError('USER.NOT_REGISTERED')
  return countyOf(roleOrg)
}

/**
 * Groups of the caller's county whose name contains the words (any case) or that carry them as a
 * tag, newest first, a page at a time over the (underOrgs, createdAt) index. The words are matched
 * as plain text: `containing` escapes every regular-expression character, so `.*` finds only a name
 * with those two characters in it. Another county's groups never appear, whatever is asked.
 */
export const searchGroups: Action<CommunityContract, 'searchGroups'> = async (input, ctx) => {
  const county = await callerCounty(ctx)
  const _ = ctx.db.command
  const conds: Record<string, unknown>[] = [{ underOrgs: county }]
  if (input.q) conds.push(_.or([{ name: containing(ctx.db, input.q, true) }, { tags: input.q }]) as Record<string, unknown>)
  if (input.tag) conds.push({ tags: input.tag })
  if (input.kind) conds.push({ kind: input.kind })
  const source = collectionSource<CardSource & { createdAt: number }>(ctx.db, {
    tag: 'g',
    collection: COLLECTIONS.groups,
    where: conds.length === 1 ? conds[0] : (_.and(conds) as Record<string, unknown>),
    field: 'createdAt',
    dir: 'desc',
    at: (g) => g.createdAt,
    fields: CARD_FIELDS,
  })
  const page = await keysetPage([source], 'desc', { cursor: input.cursor, limit: input.limit })
  return { items: await toGroupCards(ctx.db, ctx.platform.storage, page.items), nextCursor: page.nextCursor }
}
