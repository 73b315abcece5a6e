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
  /**
   * `detail` is prefixed with `[<CODE>]`: wx-server-sdk 4.0.2 keeps only the message (errCode
   * becomes -501001 for every code it does not know). Errors whose text CloudBase is known to
   * send are made with `cloudbase` below and carry that text unchanged instead.
   */
  constructor(code: ErrorCode, detail: string, exact = false) {
    super(exact ? detail : `[${code}] ${detail}`)
    this.code = code
    this.name = 'EmulatorError'
  }
}

/** CloudBase's own messages end with this sentence. */
const PLEASE_CHECK = 'Please check your request, but if the problem persists, contact us.'

const cloudbase = (code: ErrorCode, text: string): EmulatorError => new EmulatorError(code, `${text} ${PLEASE_CHECK}`, true)

/** What CloudBase answers when a transaction's write meets another's (checked at the write and at commit). */
export const transactionConflict = (): EmulatorError =>
  cloudbase('DATABASE_TRANSACTION_CONFLICT', '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.')

/** What CloudBase answers for a transaction that was committed, aborted, never started or is older than 30 s. */
export const transactionNotExist = (): EmulatorError =>
  cloudbase(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds.',
  )

/** What CloudBase answers for any read or write of a collection nobody created. */
export const collectionNotExist = (name: string): EmulatorError =>
  cloudbase('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}.`)

export const collectionAlreadyExists = (): EmulatorError =>
  cloudbase('DATABASE_COLLECTION_ALREADY_EXIST', '[ResourceUnavailable.ResourceExist] Table exist.')

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
