import type { ActivityContract } from '../../../types/contract/activity'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { assertSchedule, checkAudience, insertActivity, newActivitySecret, managedView } from '../../_core/activity'
import { assertOwnUploads, assertPublishable } from '../../_core/platform'
import { userIdFor } from '../../_core/profile'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

export const createActivity: Action<ActivityContract, 'createActivity'> = async (input, ctx) => {
  const { org } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const now = ctx.clock.now()
  assertSchedule(input, now)
  await checkAudience(ctx.db, input.audience, org._id)
  const openid = ctx.openid()
  await assertPublishable(ctx.platform.contentCheck, openid, [input.title, input.description, input.place.name])
  if (input.cover) await assertOwnUploads(ctx.platform.storage, userIdFor(ctx.secrets(), openid), [input.cover])
  const secret = newActivitySecret()
  const activity = await transaction(ctx.db, async (tx) => {
    const created = await insertActivity(tx, {
      ...input,
      status: 'draft',
      cancelReason: null,
      secret,
      signed: 0,
      waitlisted: 0,
      waitSeq: 0,
      createdBy: openid,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
    })
    await ctx.audit.write(tx, { target: { type: 'activity', id: created._id }, orgId: org._id, orgPath: org.path, detail: { title: created.title } })
    return created
  })
  return { activity: await managedView(ctx, activity, org.name) }
}
