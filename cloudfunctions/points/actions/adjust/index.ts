import type { AdjustContract } from '../../../../types/contract/adjust'
import type { Actions } from '../../../_core/runtime/serve'
import { adjustPoints } from './adjust-points'
import { expirePoints } from './expire-points'
import { getPointsPolicy, setPointsPolicy } from './policy'
import { youthAccount } from './youth-account'

export const adjustActions: Actions<AdjustContract> = {
  youthAccount,
  adjustPoints,
  getPointsPolicy,
  setPointsPolicy,
  expirePoints,
}
