import type { StationContract } from '../../../types/contract/station'
import { shanghaiDate } from '../../../types/day'
import { MANAGER_ROLES, putRole, rolesOf } from '../../_core/access'
import { getProfile } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'
import { assertCanPost, assertTermAhead, postIdFor, postsOfAt, putPost, requireStation, roleOfPost, toPersonViews, txPost, type PostDoc } from '../../_core/station'
import { venueInScope } from '../../_core/venue'

/**
 * A cadre over a station posts a representative or committee member there for a term. The post
 * brings the role its holder acts by (postRole), written with the post and its audit entry in one
 * transaction, so 我的 shows their pages from the moment they are posted.
 */
export const assignPerson: Action<StationContract, 'assignPerson'> = async (input, ctx) => {
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const venue = await requireStation(ctx.db, input.venueId, 'station')
  const roles = await rolesOf(ctx.db, ctx.openid())
  if (!venueInScope(roles, venue, MANAGER_ROLES)) throw new AppError('AUTH.FORBIDDEN')
  if (venue.status !== 'open') throw new AppError('VENUE.CLOSED', '这个联络站已停用，不能再派驻。')
  const person = await getProfile(ctx.db, input.userId)
  if (!person) throw new AppError('USER.NOT_FOUND')
  // A post grants a role: nobody grants themselves one (as grantRole refuses).
  if (person.openid === ctx.openid()) throw new AppError('ROLE.SELF')
  assertTermAhead(input.termEnd, today)
  const id = postIdFor(venue._id, person._id, input.termStart)
  assertCanPost(await postsOfAt(ctx.db, person._id, venue._id), id, today)
  const post: PostDoc = {
    _id: id,
    userId: person._id,
    openid: person.openid,
    name: person.realName,
    post: input.post,
    venueId: venue._id,
    orgId: venue.orgId,
    underOrgs: venue.underOrgs,
    team: input.team,
    termStart: input.termStart,
    termEnd: input.termEnd,
    endedAt: null,
    createdBy: ctx.openid(),
    createdAt: now,
    updatedAt: now,
  }
  await transaction(ctx.db, async (tx) => {
    // A double tap's second call meets the first's post here and is refused like any second post.
    if (await txPost(tx, id)) throw new AppError('POST.ALREADY')
    await putPost(tx, post)
    await putRole(tx, roleOfPost(post, ctx.openid(), now))
    await ctx.audit.write(tx, {
      target: { type: 'station_post', id },
      orgId: venue.orgId,
      orgPath: venue.underOrgs.slice(0, -1),
      detail: { venueId: venue._id, userId: person._id, post: input.post, team: input.team, termStart: input.termStart, termEnd: input.termEnd },
    })
  })
  const [view] = await toPersonViews(ctx.db, [post], today)
  return { person: view }
}
