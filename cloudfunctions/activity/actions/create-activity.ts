import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { activityIdFor, assertSchedule, checkAudience, checkCover, getActivity, insertActivity, managedView, newActivitySecret } from '../../_core/activity'
import { checkHosts, checkVenue } from '../../_core/activity/activity.venue'
import { assertPublishable } from '../../_core/platform'
import { transaction } from '../../_core/runtime/db'
import { asReplay, requestHash } from '../../_core/runtime/idempotency'
import type { Action } from '../../_core/runtime/serve'

/** A draft under the id its request key gives: a retry after a lost reply answers the same draft. */
export const createActivity: Action<ActivityContract, 'createActivity'> = async (input, ctx) => {
  const { org, roles } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const openid = ctx.openid()
  const { requestId, ...fields } = input
  const id = activityIdFor(openid, requestId)
  const hash = requestHash(fields)
  const earlier = asReplay(await getActivity(ctx.db, id), hash)
  if (earlier) {
    ctx.audit.replay()
    return { activity: await managedView(ctx, earlier, org.name) }
  }
  const now = ctx.clock.now()
  assertSchedule(fields, now)
  await checkAudience(ctx.db, fields.audience, org._id)
  await checkVenue(ctx.db, roles, fields)
  const hosts = await checkHosts(ctx.db, fields.hosts)
  await assertPublishable(ctx.platform.contentCheck, openid, [fields.title, fields.description, fields.place.name])
  const cover = await checkCover(ctx, openid, fields.cover)
  const activity = await transaction(ctx.db, async (tx) => {
    const { activity: made, replay } = await insertActivity(tx, {
      _id: id,
      ...fields,
      ...cover,
      hosts,
      status: 'draft',
      cancelReason: null,
      secret: newActivitySecret(),
      signed: 0,
      waitlisted: 0,
      createdBy: openid,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      requestHash: hash,
    })
    if (replay) ctx.audit.replay()
    else await ctx.audit.write(tx, { target: { type: 'activity', id: made._id }, orgId: org._id, orgPath: org.path, detail: { title: made.title } })
    return made
  })
  return { activity: await managedView(ctx, activity, org.name) }
}
