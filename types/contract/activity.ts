import { defineContract } from './common'
import { activitiesContract } from './activities'
import { certificatesContract } from './certificates'
import { hoursContract } from './hours'
import { manageContract } from './manage'
import { messagesContract } from './messages'
import { scansContract } from './scans'

/**
 * The activity function's whole contract, put together from its parts: activities (browsing,
 * sign-up, check-in), their management by cadres, scans, hours, certificates and messages. The server and the docs read this; the app
 * imports only the part a page calls (src/services/api/), so the main package carries no more of it.
 */
export const activityContract = defineContract('activity', {
  ...manageContract.actions,
  ...activitiesContract.actions,
  ...scansContract.actions,
  ...hoursContract.actions,
  ...certificatesContract.actions,
  ...messagesContract.actions,
})

export type ActivityContract = typeof activityContract

export * from './activities'
export * from './manage'
export * from './scans'
export * from './hours'
export * from './certificates'
export * from './messages'
export { ItemResult, type ItemResultT } from './common'
