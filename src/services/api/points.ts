import { pointsContract } from '../../../types/contract/points'
import { clientFor } from './index'

/** 益币: balance and ledger (`types/contract/points.ts`). */
export const pointsApi = clientFor(pointsContract)
