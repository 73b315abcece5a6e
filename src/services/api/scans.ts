import { scansContract } from '../../../types/contract/scans'
import { clientFor } from './index'

/** The youth's personal code and the organizer's uploads of scans (`types/contract/scans.ts`). */
export const scansApi = clientFor(scansContract)
