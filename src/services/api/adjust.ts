import { adjustContract } from '../../../types/contract/adjust'
import { clientFor } from './index'

/**
 * Awards, deductions and the county's expiry policy (`types/contract/adjust.ts`): only the cadre and
 * admin packages import it, so the youth's pages carry none of these schemas.
 */
export const adjustApi = clientFor(adjustContract)
