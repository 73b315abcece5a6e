import type { venuesContract } from '../../../../types/contract/venues'
import type { Actions } from '../../../_core/runtime/serve'

export const venuesActions: Actions<typeof venuesContract> = {}
