import { goodsContract } from '../../../types/contract/goods'
import { clientFor } from './index'

/** The mall's catalogue and its management (`types/contract/goods.ts`). */
export const goodsApi = clientFor(goodsContract)
