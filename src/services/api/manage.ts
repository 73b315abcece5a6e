import { manageContract } from '../../../types/contract/manage'
import { clientFor } from './index'

/** Activities as cadres run them: create, edit, publish, cancel, an org's list, the board (`types/contract/manage.ts`). */
export const manageApi = clientFor(manageContract)
