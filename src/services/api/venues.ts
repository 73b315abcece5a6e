import { venuesContract } from '../../../types/contract/venues'
import { clientFor } from './index'

/** Venues (pickup points now): an org's list, create and edit, open and close (`types/contract/venues.ts`). */
export const venuesApi = clientFor(venuesContract)
