import type { ActivityContract } from '../../../types/contract/activity'
import { assertCurrentPrivacy } from '../../_core/activity'
import { assertDeclarableDate, assertEvidence, getDeclaration, pendingDeclaration } from '../../_core/hours'
import { COLLECTIONS } from '../../_core/runtime/collections'
import { asReplay, insertOnce, requestDocId, requestHash } from '../../_core/runtime/idempotency'
import { requireOrg } from '../../_core/org'
import { assertOwnUploads, assertPublishable } from '../../_core/platform'
import { getProfile, userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'

export const declareHours: Action<ActivityContract, 'declareHours'> = async (input, ctx) => {
  const openid = ctx.openid()
  const now = ctx.clock.now()
  const { requestId, ...fields } = input
  const id = requestDocId('dc_', openid, requestId)
  const hash = requestHash(fields)
  // A retry after a lost reply: answered with the declaration the first attempt made.
  const earlier = asReplay(await getDeclaration(ctx.db, id), hash)
  if (earlier) return { declarationId: earlier._id, review: earlier.review }
  const profile = await getProfile(ctx.db, userIdFor(ctx.secrets(), openid))
  assertCurrentPrivacy(profile)
  assertEvidence(input.evidenceText, input.photos)
  assertDeclarableDate(input.date, now)
  await requireOrg(ctx.db, input.orgId)
  await assertOwnUploads(ctx.platform.storage, profile._id, input.photos)
  await assertPublishable(ctx.platform.contentCheck, openid, [input.title, input.evidenceText ?? ''])
  const doc = pendingDeclaration({
    _id: id,
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
  const { doc: stored } = await insertOnce(ctx.db, COLLECTIONS.declarations, { ...doc, requestHash: hash })
  return { declarationId: stored._id, review: stored.review }
}
