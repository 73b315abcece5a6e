import type { StationContract } from '../../../types/contract/station'
import { getOrg } from '../../_core/org/org.repo'
import { assertPublishable, assertOwnUploads } from '../../_core/platform'
import { getProfile, userIdFor } from '../../_core/profile/profile.repo'
import { AppError } from '../../_core/runtime/app-error'
import { COLLECTIONS } from '../../_core/runtime/collections'
import { asReplay, insertOnce, requestHash } from '../../_core/runtime/idempotency'
import type { Action } from '../../_core/runtime/serve'
import { getOpinion, opinionIdFor, opinionViews, pendingPhotoTraces, requireStation, submittedPhoto, type OpinionDoc } from '../../_core/station'
import { underOrgsOf } from '../../_core/venue/venue.rules'

/**
 * A registered youth's opinion, under the id its request key gives: a retry after a lost reply, or
 * the same key sent many times at once, answers the one opinion. Left at a station or youth home it
 * goes to that venue's org; sent online, to the org the youth chose in their own org's chain (their
 * own org when none). Text and photos pass the content check before anything is written; a photo
 * whose check is pending is shown to the author and the cadre only until WeChat's verdict arrives.
 */
export const submitOpinion: Action<StationContract, 'submitOpinion'> = async (input, ctx) => {
  const openid = ctx.openid()
  const userId = userIdFor(ctx.secrets(), openid)
  const { requestId, ...fields } = input
  const id = opinionIdFor(openid, requestId)
  const hash = requestHash(fields)
  const viewer = { userId, roles: [] }
  const earlier = asReplay(await getOpinion(ctx.db, id), hash)
  if (earlier) return { opinion: (await opinionViews(ctx, [earlier], viewer, ctx.clock.now()))[0] }

  const profile = await getProfile(ctx.db, userId)
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  const place = await placeOf(ctx, fields, profile.orgId)
  await assertPublishable(ctx.platform.contentCheck, openid, [fields.text])
  const urls = await assertOwnUploads(ctx.platform.storage, userId, fields.photos)
  // Every photo is asked before anything is written: one refused at once refuses the opinion.
  const checks = await Promise.all(fields.photos.map((fileId) => ctx.platform.contentCheck.image({ openid, url: urls.get(fileId)!, fileId })))
  const photos = fields.photos.map((fileId, i) => submittedPhoto(fileId, checks[i]))
  const now = ctx.clock.now()
  const doc: OpinionDoc = {
    _id: id,
    authorUserId: userId,
    authorOpenid: openid,
    anonymous: fields.anonymous,
    ...place,
    category: fields.category,
    text: fields.text,
    photos,
    photoTraces: pendingPhotoTraces(photos),
    state: 'submitted',
    assigneeUserId: null,
    assigneeOpenid: null,
    assigneeName: null,
    reply: null,
    repliedAt: null,
    rating: null,
    ratingComment: null,
    closedAt: null,
    submittedAt: now,
    steps: [{ state: 'submitted', at: now, byUserId: userId }],
    remindedAt: null,
    requestHash: hash,
    updatedAt: now,
  }
  const { doc: made } = await insertOnce(ctx.db, COLLECTIONS.opinions, doc)
  return { opinion: (await opinionViews(ctx, [made], viewer, now))[0] }
}

/** Where the opinion goes: an open station or youth home, or an org of the youth's own chain. */
async function placeOf(ctx: Parameters<typeof submitOpinion>[1], fields: { venueId: string | null; orgId?: string }, ownOrgId: string) {
  if (fields.venueId) {
    const venue = await requireStation(ctx.db, fields.venueId)
    // A closed station takes no new opinions; to the youth it is as gone as one that never was.
    if (venue.status !== 'open') throw new AppError('STATION.NOT_FOUND')
    return { venueId: venue._id, orgId: venue.orgId, underOrgs: venue.underOrgs }
  }
  const own = await getOrg(ctx.db, ownOrgId)
  if (!own) throw new AppError('ORG.NOT_FOUND')
  const chain = underOrgsOf(own)
  const orgId = fields.orgId ?? own._id
  // Online a youth writes to their own org or one above it, never to a neighbour's.
  const at = chain.indexOf(orgId)
  if (at < 0) throw new AppError('AUTH.FORBIDDEN')
  return { venueId: null, orgId, underOrgs: chain.slice(0, at + 1) }
}
