import type { GoodsContract } from '../../../../types/contract/goods'
import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import { getDonor } from '../../../_core/mall/donor.repo'
import { checkPictures } from '../../../_core/mall/goods.images'
import { editKeyFor, getGoods, goodsIdFor, putGoods, txGoods } from '../../../_core/mall/goods.repo'
import { assertDonorFor, assertPickupVenues, countyOf, editReplay, goodsChanges, mergeImageChecks, newImages, type GoodsEdit } from '../../../_core/mall/goods.rules'
import { toGoodsAdminView } from '../../../_core/mall/goods.views'
import type { GoodsDoc } from '../../../_core/mall/mall.rules'
import { createStock } from '../../../_core/mall/stock'
import type { OrgDoc } from '../../../_core/org/org.rules'
import { assertPublishable } from '../../../_core/platform'
import { AppError } from '../../../_core/runtime/app-error'
import type { ActionContext } from '../../../_core/runtime/context'
import { transaction } from '../../../_core/runtime/db'
import { asReplay, requestHash } from '../../../_core/runtime/idempotency'
import type { Action } from '../../../_core/runtime/serve'
import { getVenues } from '../../../_core/venue/venue.repo'
import { underOrgsOf } from '../../../_core/venue/venue.rules'
import { managedGoods } from './scope'

/** The donor and the pickup venues a goods item names must be its own county's (docs/bad-inputs.md §11). */
async function assertReferences(ctx: ActionContext, org: OrgDoc, e: GoodsEdit): Promise<void> {
  const county = countyOf(org)
  const [donor, venues] = await Promise.all([getDonor(ctx.db, e.donorId), getVenues(ctx.db, e.venueIds)])
  assertDonorFor(donor, county)
  assertPickupVenues(e.venueIds, venues, county)
}

/**
 * A goods item made as a draft with its stock in one transaction, or changed by a cadre covering its
 * org. An edit never touches the stock (restockGoods does) nor any order (orders copy name, price and
 * value when they are placed), and its audit entry carries the price, value and limits before and after.
 */
export const saveGoods: Action<GoodsContract, 'saveGoods'> = async (input, ctx) => {
  const openid = ctx.openid()
  const { requestId, goodsId, initialStock, orgId, ...edit } = input
  const hash = requestHash({ goodsId, initialStock, orgId, ...edit })
  const now = ctx.clock.now()

  if (goodsId === undefined) {
    const { org } = await requireScope(ctx, orgId, MANAGER_ROLES)
    const id = goodsIdFor(openid, requestId)
    const earlier = asReplay(await getGoods(ctx.db, id), hash)
    if (earlier) {
      ctx.audit.replay()
      return { goods: await toGoodsAdminView(ctx, earlier) }
    }
    await assertReferences(ctx, org, edit)
    await assertPublishable(ctx.platform.contentCheck, openid, [edit.name, edit.description])
    const checks = await checkPictures(ctx, openid, edit.images)
    const doc: GoodsDoc = {
      _id: id,
      orgId: org._id,
      underOrgs: underOrgsOf(org),
      ...edit,
      status: 'draft',
      ...mergeImageChecks(null, edit.images, checks),
      requestHash: hash,
      createdBy: openid,
      createdAt: now,
      updatedAt: now,
    }
    const made = await transaction(ctx.db, async (tx) => {
      const there = asReplay(await txGoods(tx, id), hash)
      if (there) {
        ctx.audit.replay()
        return there
      }
      await putGoods(tx, doc)
      await createStock(tx, id, initialStock ?? 0, false, now)
      const { price, unitValue, limitTotal, limitPeriod } = doc
      await ctx.audit.write(tx, { target: { type: 'goods', id }, orgId: org._id, orgPath: org.path, detail: { name: doc.name, price, unitValue, limitTotal, limitPeriod, initialStock } })
      return doc
    })
    return { goods: await toGoodsAdminView(ctx, made) }
  }

  const { goods: current, org } = await managedGoods(ctx, goodsId)
  if (orgId !== current.orgId) throw new AppError('GOODS.ORG_FIXED')
  const editKey = editKeyFor(openid, requestId)
  if (editReplay(current, editKey, hash)) {
    ctx.audit.replay()
    return { goods: await toGoodsAdminView(ctx, current) }
  }
  await assertReferences(ctx, org, edit)
  await assertPublishable(ctx.platform.contentCheck, openid, [edit.name, edit.description])
  // Only pictures the edit adds are checked (and must be the editor's own); kept ones keep their check.
  const checks = await checkPictures(ctx, openid, newImages(current, edit.images))
  const saved = await transaction(ctx.db, async (tx) => {
    const fresh = await txGoods(tx, goodsId)
    if (!fresh) throw new AppError('GOODS.NOT_FOUND')
    if (editReplay(fresh, editKey, hash)) {
      ctx.audit.replay()
      return fresh
    }
    // Another edit removed a picture this one keeps meanwhile: its check is gone with it, so say so.
    if (newImages(fresh, edit.images).some((f) => !checks.has(f))) throw new AppError('GENERIC.CONFLICT')
    const next: GoodsDoc = { ...fresh, ...edit, ...mergeImageChecks(fresh, edit.images, checks), editKey, editHash: hash, updatedAt: now }
    await putGoods(tx, next)
    await ctx.audit.write(tx, { target: { type: 'goods', id: goodsId }, orgId: org._id, orgPath: org.path, detail: goodsChanges(fresh, next) })
    return next
  })
  return { goods: await toGoodsAdminView(ctx, saved) }
}
