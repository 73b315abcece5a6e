import type { goodsContract } from '../../../../types/contract/goods'
import type { Actions } from '../../../_core/runtime/serve'

// The actions land with their rules and repositories (cloudfunctions/_core/mall/goods.*, donor.*).
export const goodsActions: Actions<typeof goodsContract> = {} as never
