// Operators where mingo 6.7.2 answers differently from MongoDB (and so from CloudBase): these
// replace mingo's own in the emulator's context. Each is checked by tests/emulator/operators.test.ts.
import { Context, computeValue, type ExpressionOperator, type Options, type QueryOperator } from 'mingo/core'
import * as dateOps from 'mingo/operators/expression/date'
import { resolve } from 'mingo/util'
import { requestFailed } from './errors'
import { isPlainObject, type Doc } from './values'

type Test = { test(doc: Doc): boolean }

const LOGICAL = new Set(['$and', '$or', '$nor'])

/**
 * `{arr: {$elemMatch: {field: …}}}` matches only documents among the elements; mingo also tests
 * scalars against field conditions (and `{x: 1}` matched `[1, 2]`). Operator-only criteria
 * (`{$elemMatch: {$gt: 5}}`) apply to every element, as in MongoDB.
 */
function elemMatch(query: (criteria: Doc) => Test): QueryOperator {
  return (selector, criteria) => {
    if (!isPlainObject(criteria)) throw requestFailed('$elemMatch needs an Object')
    const onFields = !Object.keys(criteria).every((k) => k.startsWith('$') && !LOGICAL.has(k))
    const q = query(onFields ? criteria : { v: criteria })
    return (doc) => {
      const arr = resolve(doc, selector, { unwrapArray: true })
      if (!Array.isArray(arr)) return false
      return arr.some((e) => (onFields ? isPlainObject(e) && q.test(e) : q.test({ v: e })))
    }
  }
}

/**
 * MongoDB's `$week` is strftime's `%U`: weeks start on Sunday, days before the year's first Sunday
 * are week 0. mingo 6.7.2 derives it from the ISO week instead.
 */
const week: ExpressionOperator = (obj, expr, options) => {
  const dayOfYear = dateOps.$dayOfYear(obj, expr, options) as number // 1 = 1 January
  const dayOfWeek = dateOps.$dayOfWeek(obj, expr, options) as number // 1 = Sunday
  return Math.floor((dayOfYear - dayOfWeek + 7) / 7)
}

const isContinuation = (buf: Buffer, i: number): boolean => i < buf.length && (buf[i] & 0xc0) === 0x80

/**
 * `$substrBytes: [string, start, count]` as MongoDB computes it: a negative count takes the rest of
 * the string (mingo refuses it), and a range ending at the string's end is valid.
 */
const substrBytes: ExpressionOperator = (obj, expr, options: Options) => {
  const args = computeValue(obj, expr, null, options) as unknown[]
  if (!Array.isArray(args) || args.length !== 3) throw requestFailed('Expression $substrBytes takes exactly 3 arguments')
  const [s, start, count] = args
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) {
    throw requestFailed(`$substrBytes: starting index must be a non-negative integer (got: ${String(start)})`)
  }
  if (typeof count !== 'number' || !Number.isInteger(count)) throw requestFailed('$substrBytes: length must be an integer')
  const buf = Buffer.from(s === null || s === undefined ? '' : String(s), 'utf8')
  if (start >= buf.length) return ''
  const end = count < 0 ? buf.length : Math.min(buf.length, start + count)
  if (isContinuation(buf, start)) throw requestFailed('$substrBytes: Invalid range, starting index is a UTF-8 continuation byte.')
  if (isContinuation(buf, end)) throw requestFailed('$substrBytes: Invalid range, ending index is in the middle of a UTF-8 character.')
  return buf.subarray(start, end).toString('utf8')
}

/** The corrected operators, to merge in front of mingo's (the first context wins in Context.merge). */
export function mongoCorrections(query: (criteria: Doc) => Test): Context {
  return Context.init({
    query: { $elemMatch: elemMatch(query) },
    expression: { $week: week, $substrBytes: substrBytes },
  })
}
