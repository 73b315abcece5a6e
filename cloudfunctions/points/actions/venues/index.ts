import type { venuesContract } from '../../../../types/contract/venues'
import type { Actions } from '../../../_core/runtime/serve'
import { listVenues } from './list-venues'
import { saveVenue } from './save-venue'
import { setVenueStatus } from './set-venue-status'

export const venuesActions: Actions<typeof venuesContract> = {
  listVenues,
  saveVenue,
  setVenueStatus,
}
