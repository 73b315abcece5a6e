import type { ActivityContract } from '../../../types/contract/activity'
import { assertDeclarableDate, assertEvidence, insertDeclaration, newDeclarationId, pendingDeclaration } from '../../_core/hours'
import { requireOrg } from '../../_core/org'
import { assertOwnUploads, assertPublishable } from '../../_core/platform'
import { getProfile, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

export const declareHours: Action<ActivityContract, 'declareHours'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const profile = await getProfile(ctx.db, userIdFor(ctx.secrets(), openid))
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  assertEvidence(input.evidenceText, input.photos)
  assertDeclarableDate(input.date, now)
  await requireOrg(ctx.db, input.orgId)
  await assertOwnUploads(ctx.platform.storage, profile._id, input.photos)
  await assertPublishable(ctx.platform.contentCheck, openid, [input.title, input.evidenceText ?? ''])
  const doc = pendingDeclaration({
    _id: newDeclarationId(),
    openid,
    userId: profile._id,
    userName: profile.realName,
    orgId: input.orgId,
    title: input.title,
    date: input.date,
    minutes: input.minutes,
    evidenceText: input.evidenceText ?? null,
    photos: input.photos,
    createdAt: now,
  })
  await insertDeclaration(ctx.db, doc)
  return { declarationId: doc._id, review: doc.review }
}
