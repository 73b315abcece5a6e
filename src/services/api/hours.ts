import { hoursContract } from '../../../types/contract/hours'
import { clientFor } from './index'

/** Hours: my hours and records, declarations, review (`types/contract/hours.ts`). */
export const hoursApi = clientFor(hoursContract)
