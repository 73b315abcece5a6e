import { createHmac } from 'node:crypto'
import type { Secrets } from '../runtime/secrets'
import type { Mac } from './attendance.rules'

/** The keyed hashes behind the codes; kept apart from the rules, which must not import crypto. */

/** The rotating code's MAC, keyed by the activity's own secret (never sent to a client). */
export function activityMac(secret: string): Mac {
  return (message) => createHmac('sha256', secret).update(message).digest('base64url')
}

/** The personal code's MAC, keyed by the server's data key: nobody can make another user's code. */
export function personMac(secrets: Secrets): (userId: string) => string {
  return (userId) => secrets.hash(`person:${userId}`)
}
