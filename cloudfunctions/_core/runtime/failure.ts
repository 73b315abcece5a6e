import type { ErrorBody } from '../../../types/errors'
import { AppError, isAppError } from './app-error'
import { isConflict } from './db'
import { errorFields, type Log } from './log'

/**
 * Any failure as a caller may see it: a refusal passes through, a write conflict that outlived the
 * retries is GENERIC.CONFLICT, anything else is logged (with `fields` naming where) and answered
 * GENERIC.INTERNAL — never swallowed, never leaked. Used for a whole call and for each item of a batch.
 */
export function failureBody(e: unknown, log: Log, event: string, fields: Record<string, unknown>): ErrorBody {
  if (isAppError(e)) return e.toBody()
  if (isConflict(e)) return new AppError('GENERIC.CONFLICT').toBody()
  log.error(event, { ...fields, ...errorFields(e) })
  return new AppError('GENERIC.INTERNAL').toBody()
}
