import { userContract } from '../../../types/contract/user'
import { clientFor } from './index'

/** Profiles, the org tree, roles and invite codes (`types/contract/user.ts`). */
export const userApi = clientFor(userContract)
