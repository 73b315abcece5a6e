import { defineContract } from './common'

/** Venues (pickup points now; stations and youth homes later), served by the points function. */
export const venuesContract = defineContract('points', {})
