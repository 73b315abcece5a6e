import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { MANAGER_ROLES, rolesCovering, rolesOf, type RoleDoc } from '../../_core/access'
import { getOrg } from '../../_core/org'
import { getProfile } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'
import { activePostsOf, assertNotSelf, linkIdFor, putLink, txLink, type LinkDoc, type PostDoc } from '../../_core/station'
import { venueInScope } from '../../_core/venue'

type Needed = 'committee' | 'representative'
const NOT_HELD = { committee: 'POST.NOT_COMMITTEE', representative: 'POST.NOT_REPRESENTATIVE' } as const

/** The person's post in force of the kind named, at a station the caller manages. */
async function postInScope(ctx: Parameters<Action<StationContract, 'linkPeople'>>[1], roles: RoleDoc[], userId: string, post: Needed, today: string): Promise<PostDoc> {
  const held = (await activePostsOf(ctx.db, userId, today)).filter((p) => p.post === post)
  if (held.length === 0) throw new AppError(NOT_HELD[post])
  const mine = held.find((p) => venueInScope(roles, p, MANAGER_ROLES))
  if (!mine) throw new AppError('AUTH.FORBIDDEN')
  return mine
}

/**
 * A cadre registers a 两联 link, both ends in their scope: a committee member in force to a
 * representative in force, or a representative in force to a youth of an org they manage. The link
 * is one document per (kind, from, to): registering it again answers the same link and
 * leaves it as it was.
 */
export const linkPeople: Action<StationContract, 'linkPeople'> = async (input, ctx) => {
  const today = shanghaiDate(ctx.clock.now())
  const roles = await rolesOf(ctx.db, ctx.openid())
  if (!roles.some((r) => MANAGER_ROLES.includes(r.role) && !r.venueId)) throw new AppError('AUTH.FORBIDDEN')
  assertNotSelf(input.fromUserId, input.toUserId)
  let from: PostDoc
  if (input.kind === 'committee_rep') {
    from = await postInScope(ctx, roles, input.fromUserId, 'committee', today)
    await postInScope(ctx, roles, input.toUserId, 'representative', today)
  } else {
    from = await postInScope(ctx, roles, input.fromUserId, 'representative', today)
    const youth = await getProfile(ctx.db, input.toUserId)
    if (!youth) throw new AppError('USER.NOT_FOUND')
    const org = await getOrg(ctx.db, youth.orgId)
    if (!org || rolesCovering(roles, org, MANAGER_ROLES).length === 0) throw new AppError('AUTH.FORBIDDEN')
  }
  const link: LinkDoc = { _id: linkIdFor(input.kind, input.fromUserId, input.toUserId), kind: input.kind, fromUserId: input.fromUserId, toUserId: input.toUserId, createdBy: ctx.openid(), createdAt: ctx.clock.now() }
  await transaction(ctx.db, async (tx) => {
    // Registering a link again changes nothing but is still a cadre's act on record: the entry says it was there.
    const existed = (await txLink(tx, link._id)) !== null
    if (!existed) await putLink(tx, link)
    await ctx.audit.write(tx, { target: { type: 'station_link', id: link._id }, orgId: from.orgId, orgPath: from.underOrgs.slice(0, -1), detail: { kind: link.kind, fromUserId: link.fromUserId, toUserId: link.toUserId, existed } })
  })
  return { linkId: link._id }
}
