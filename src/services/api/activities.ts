import { activitiesContract } from '../../../types/contract/activities'
import { clientFor } from './index'

/** Activities: browsing, details, sign-up, check-in and check-out, the board, and their management (`types/contract/activities.ts`). */
export const activitiesApi = clientFor(activitiesContract)
