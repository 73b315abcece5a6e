import { accountContract } from './account'
import { adminContract } from './admin'
import { defineContract } from './common'

/**
 * The user function's whole contract, put together from its parts: a person's own account and what
 * cadres and admins do in their scope. The server and the docs read this; the app imports only the
 * part a page calls (src/services/api/).
 */
export const userContract = defineContract('user', {
  ...accountContract.actions,
  ...adminContract.actions,
})

export type UserContract = typeof userContract

export * from './account'
export * from './admin'
