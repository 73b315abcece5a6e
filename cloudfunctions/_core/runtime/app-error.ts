import { ERRORS, type ErrorBody, type ErrorCode, type ErrorIssue } from '../../../types/errors'

/** A refusal the caller should see: a code for programs and one Chinese sentence for people. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly issues?: ErrorIssue[]

  constructor(code: ErrorCode, message?: string, issues?: ErrorIssue[]) {
    super(message ?? ERRORS[code])
    this.name = 'AppError'
    this.code = code
    this.issues = issues
  }

  toBody(): ErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message }
  }
}

export function fail(code: ErrorCode, message?: string): never {
  throw new AppError(code, message)
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
