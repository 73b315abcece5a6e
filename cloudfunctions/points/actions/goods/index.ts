import type { GoodsContract } from '../../../../types/contract/goods'
import type { Actions } from '../../../_core/runtime/serve'
import { getGoods } from './get-goods'
import { getManagedDonor } from './get-managed-donor'
import { getManagedGoods } from './get-managed-goods'
import { goodsImagesChecked } from './goods-images-checked'
import { listDonors } from './list-donors'
import { listGoods } from './list-goods'
import { mallReport } from './mall-report'
import { manageGoods } from './manage-goods'
import { restockGoods } from './restock-goods'
import { saveDonor } from './save-donor'
import { saveGoods } from './save-goods'
import { setGoodsStatus } from './set-goods-status'

/** Donors and goods: the catalogue and its management (types/contract/goods.ts). */
export const goodsActions: Actions<GoodsContract> = {
  listGoods,
  getGoods,
  listDonors,
  getManagedDonor,
  saveDonor,
  manageGoods,
  getManagedGoods,
  saveGoods,
  restockGoods,
  setGoodsStatus,
  goodsImagesChecked,
  mallReport,
}
