// CloudBase answers a failed database call with HTTP 200 and `{code, message, requestId}`;
// @cloudbase/node-sdk turns any body with a `code` into a rejected TcbError.

export type ErrorCode =
  | 'NOT_IMPLEMENTED'
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'INVALID_ENV'
  | 'SYS_ERR'

export class EmulatorError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, detail: string) {
    // wx-server-sdk 4.0.2 keeps only the message (errCode becomes -501001 for every code it does
    // not know), so the code is repeated at the start of the message: it is the one thing
    // application code can match on.
    super(`[${code}] ${detail}`)
    this.code = code
    this.name = 'EmulatorError'
  }
}

export const notImplemented = (what: string): EmulatorError =>
  new EmulatorError('NOT_IMPLEMENTED', `${what} is not implemented by the local CloudBase emulator`)

export const invalidParam = (detail: string): EmulatorError => new EmulatorError('INVALID_PARAM', detail)

export const requestFailed = (detail: string): EmulatorError =>
  new EmulatorError('DATABASE_REQUEST_FAILED', detail)

/** Thrown (internally) when a non-transactional write must wait for a transaction's lock. */
export class LockedError extends Error {
  constructor(readonly txId: string) {
    super(`document locked by transaction ${txId}`)
  }
}
