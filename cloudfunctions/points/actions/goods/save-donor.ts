import type { GoodsContract } from '../../../../types/contract/goods'
import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import { donorIdFor, getDonor, putDonor, sealContactPhone, txDonor } from '../../../_core/mall/donor.repo'
import { checkPictures } from '../../../_core/mall/goods.images'
import { editKeyFor } from '../../../_core/mall/goods.repo'
import { editReplay } from '../../../_core/mall/goods.rules'
import { toDonorAdminViews } from '../../../_core/mall/goods.views'
import type { DonorDoc } from '../../../_core/mall/mall.rules'
import { assertPublishable } from '../../../_core/platform'
import { AppError } from '../../../_core/runtime/app-error'
import { transaction } from '../../../_core/runtime/db'
import { asReplay, requestHash } from '../../../_core/runtime/idempotency'
import type { Action, } from '../../../_core/runtime/serve'
import type { ActionContext } from '../../../_core/runtime/context'
import { underOrgsOf } from '../../../_core/venue/venue.rules'
import { managedDonor } from './scope'

const view = async (ctx: ActionContext, d: DonorDoc) => ({ donor: (await toDonorAdminViews(ctx, [d]))[0] })

/**
 * A donor made (under the id its request key gives) or changed by a cadre covering its org. The story
 * is published, so it passes the content check; the logo is the cadre's own upload, checked like a
 * cover; the contact phone is sealed (ciphertext and mask) and never answered in full.
 */
export const saveDonor: Action<GoodsContract, 'saveDonor'> = async (input, ctx) => {
  const openid = ctx.openid()
  const { requestId, donorId, contactPhone, ...fields } = input
  // The request's fingerprint names the phone only by its keyed hash, so no plain digest of it is stored.
  const hash = requestHash({ donorId, ...fields, contactPhone: contactPhone ? ctx.secrets().hash(`phone:${contactPhone}`) : null })
  const now = ctx.clock.now()
  const contact = {
    ...(fields.contactName !== undefined ? { contactName: fields.contactName } : {}),
    ...(contactPhone !== undefined ? sealContactPhone(ctx.secrets(), contactPhone) : {}),
  }

  if (donorId === undefined) {
    const { org } = await requireScope(ctx, fields.orgId, MANAGER_ROLES)
    const id = donorIdFor(openid, requestId)
    const earlier = asReplay(await getDonor(ctx.db, id), hash)
    if (earlier) {
      ctx.audit.replay()
      return view(ctx, earlier)
    }
    await assertPublishable(ctx.platform.contentCheck, openid, [fields.name, fields.story])
    const logo = fields.logo ?? null
    const check = logo ? (await checkPictures(ctx, openid, [logo])).get(logo)! : null
    const doc: DonorDoc = {
      _id: id,
      orgId: org._id,
      underOrgs: underOrgsOf(org),
      name: fields.name,
      logo,
      logoCheck: check?.check ?? null,
      logoTrace: check?.trace ?? null,
      story: fields.story,
      contactName: fields.contactName!,
      ...sealContactPhone(ctx.secrets(), contactPhone!),
      requestHash: hash,
      createdBy: openid,
      createdAt: now,
      updatedAt: now,
    }
    const made = await transaction(ctx.db, async (tx) => {
      const there = asReplay(await txDonor(tx, id), hash)
      if (there) {
        ctx.audit.replay()
        return there
      }
      await putDonor(tx, doc)
      await ctx.audit.write(tx, { target: { type: 'donor', id }, orgId: org._id, orgPath: org.path, detail: { name: doc.name } })
      return doc
    })
    return view(ctx, made)
  }

  const { donor: current, org } = await managedDonor(ctx, donorId)
  if (fields.orgId !== current.orgId) throw new AppError('DONOR.ORG_FIXED')
  const editKey = editKeyFor(openid, requestId)
  if (editReplay(current, editKey, hash)) {
    ctx.audit.replay()
    return view(ctx, current)
  }
  await assertPublishable(ctx.platform.contentCheck, openid, [fields.name, fields.story])
  // Leaving the logo out keeps it; null removes it; another picture is checked afresh.
  const logo = fields.logo === undefined ? current.logo : fields.logo
  const check = logo && logo !== current.logo ? (await checkPictures(ctx, openid, [logo])).get(logo)! : null
  const saved = await transaction(ctx.db, async (tx) => {
    const fresh = await txDonor(tx, donorId)
    if (!fresh) throw new AppError('DONOR.NOT_FOUND')
    if (editReplay(fresh, editKey, hash)) {
      ctx.audit.replay()
      return fresh
    }
    const next: DonorDoc = {
      ...fresh,
      name: fields.name,
      story: fields.story,
      ...contact,
      logo,
      ...(check ? { logoCheck: check.check, logoTrace: check.trace } : logo === null ? { logoCheck: null, logoTrace: null } : {}),
      editKey,
      editHash: hash,
      updatedAt: now,
    }
    const changed = (['name', 'story', 'logo', 'contactName', 'contactPhoneMasked'] as const).filter((k) => fresh[k] !== next[k])
    await putDonor(tx, next)
    await ctx.audit.write(tx, { target: { type: 'donor', id: donorId }, orgId: org._id, orgPath: org.path, detail: { fields: changed } })
    return next
  })
  return view(ctx, saved)
}
