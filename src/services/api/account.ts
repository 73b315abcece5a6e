import { accountContract } from '../../../types/contract/account'
import { clientFor } from './index'

/** A person's own account: profile, privacy guide, roles, the org tree (`types/contract/account.ts`). */
export const accountApi = clientFor(accountContract)
