import { MANAGER_ROLES, requireScope } from '../../../_core/access'
import { requireDonor } from '../../../_core/mall/donor.repo'
import { requireGoods } from '../../../_core/mall/goods.repo'
import { userIdFor } from '../../../_core/profile/profile.repo'
import { profileWithOrg } from '../../../_core/profile'
import { AppError } from '../../../_core/runtime/app-error'
import type { ActionContext } from '../../../_core/runtime/context'
import { countyOf } from '../../../_core/mall/goods.rules'

/**
 * Whose the catalogue's records are. A goods item or a donor is managed by the cadres and admins
 * whose org covers its org (docs/domain.md "Orgs and scope"); anyone else naming its id is refused
 * (docs/bad-inputs.md §11, §13) before anything is read beyond the record itself.
 */
export async function managedGoods(ctx: ActionContext, goodsId: string) {
  const goods = await requireGoods(ctx.db, goodsId)
  const { org } = await requireScope(ctx, goods.orgId, MANAGER_ROLES)
  return { goods, org }
}

export async function managedDonor(ctx: ActionContext, donorId: string) {
  const donor = await requireDonor(ctx.db, donorId)
  const { org } = await requireScope(ctx, donor.orgId, MANAGER_ROLES)
  return { donor, org }
}

/** The caller as a youth of the mall: their user id and the county whose goods they may redeem. */
export async function youthCounty(ctx: ActionContext): Promise<{ userId: string; county: string }> {
  const userId = userIdFor(ctx.secrets(), ctx.openid())
  const { profile, org } = await profileWithOrg(ctx.db, userId)
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  if (!org) throw new AppError('ORG.NOT_FOUND')
  return { userId, county: countyOf(org) }
}
