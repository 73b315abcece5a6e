import type { donorsContract } from '../../../../types/contract/donors'
import type { Actions } from '../../../_core/runtime/serve'

export const donorsActions: Actions<typeof donorsContract> = {}
