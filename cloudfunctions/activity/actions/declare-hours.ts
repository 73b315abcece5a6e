import type { ActivityContract } from '../../../types/contract/activity'
import { assertCurrentPrivacy } from '../../_core/activity'
import { assertDeclarableDate, assertEvidence, assertOwnOrgChain, getDeclaration, insertDeclaration, pendingDeclaration } from '../../_core/hours'
import { asReplay, requestDocId, requestHash } from '../../_core/runtime/idempotency'
import { getOrg, requireOrg } from '../../_core/org'
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
  // Reviewed by the youth's own org chain: their org or one above it, not any org they name.
  const [, youthOrg] = await Promise.all([requireOrg(ctx.db, input.orgId), getOrg(ctx.db, profile.orgId)])
  assertOwnOrgChain(youthOrg, input.orgId)
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
  // Exactly once, and only while the day has room: at most 24 hours attended and declared together.
  const stored = await insertDeclaration(ctx.db, { ...doc, requestHash: hash }, now)
  return { declarationId: stored._id, review: stored.review }
}
