import { adminContract } from '../../../types/contract/admin'
import { clientFor } from './index'

/** What cadres and admins do in their scope: orgs, youth profiles, roles, invite codes (`types/contract/admin.ts`). */
export const adminApi = clientFor(adminContract)
