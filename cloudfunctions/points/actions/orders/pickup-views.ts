import type { ActionContext } from '../../../_core/runtime/context'
import { toPickupViews, type OrderDoc } from '../../../_core/mall'
import { withPictureUrls } from '../../../_core/mall/goods.views'

/** The counter's views of orders, each with its goods' picture as a temporary URL (one storage call per page). */
export async function pickupViews(ctx: ActionContext, orders: OrderDoc[]) {
  return withPictureUrls(ctx.platform.storage, await toPickupViews(ctx.db, orders))
}
