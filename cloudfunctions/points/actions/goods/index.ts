import type { goodsContract } from '../../../../types/contract/goods'
import type { Actions } from '../../../_core/runtime/serve'

export const goodsActions: Actions<typeof goodsContract> = {}
