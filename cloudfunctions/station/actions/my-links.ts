import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { getOrgs, GONE_ORG } from '../../_core/org'
import { getProfiles, userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'
import { activePostsOf, linkKindsHeld, pageLinksFrom } from '../../_core/station'

/** How a link shows a person whose profile has since been removed. */
const GONE_PERSON = '（已注销）'

/**
 * A representative's youth, a committee member's representatives: the links whose `from` end the
 * caller holds by a post in force (a post that ended takes its contacts with it). Names are real;
 * mobiles are masked.
 */
export const myLinks: Action<StationContract, 'myLinks'> = async (input, ctx) => {
  const me = userIdFor(ctx.secrets(), ctx.openid())
  const kinds = linkKindsHeld(await activePostsOf(ctx.db, me, shanghaiDate(ctx.clock.now())))
  if (kinds.length === 0) return { items: [], nextCursor: null }
  const page = await pageLinksFrom(ctx.db, me, kinds, { cursor: input.cursor, limit: input.limit })
  const profiles = await getProfiles(ctx.db, page.items.map((l) => l.toUserId))
  const orgs = await getOrgs(ctx.db, [...profiles.values()].map((p) => p.orgId))
  return {
    items: page.items.map((l) => {
      const p = profiles.get(l.toUserId)
      return {
        linkId: l._id,
        kind: l.kind,
        userId: l.toUserId,
        name: p?.realName ?? GONE_PERSON,
        mobile: p?.phoneMasked ?? null,
        orgName: p ? (orgs.get(p.orgId)?.name ?? GONE_ORG) : GONE_ORG,
      }
    }),
    nextCursor: page.nextCursor,
  }
}
