// Three representations of a document:
//  - wire in: canonical EJSON written by the SDK (bson 4 `EJSON.stringify(x, {relaxed: false})`):
//    numbers arrive as {$numberInt}/{$numberDouble}/{$numberLong}, dates as {$date:{$numberLong}},
//    db.serverDate() as {$tcb_server_date:{offset}}, db.RegExp as {$regularExpression}.
//  - memory: plain JS with Date and RegExp instances (what mingo and the Store API use).
//  - stored (SQLite TEXT): JSON with {"$date": ms}, so SQLite can read dates as numbers.
//  - wire out: relaxed EJSON strings, which the SDK decodes with bson's EJSON.parse.
import { notImplemented, invalidParam } from './errors'
import { isPlainObject, type Doc } from './values'

export interface DecodeContext {
  /** Server time used for db.serverDate(): one value per request, like one server round trip. */
  now: number
}

const UNSUPPORTED_WRAPPERS = [
  '$oid',
  '$binary',
  '$numberDecimal',
  '$timestamp',
  '$minKey',
  '$maxKey',
  '$symbol',
  '$code',
  '$dbPointer',
  '$undefined',
  '$uuid',
]

function toRegExp(pattern: unknown, options: unknown): RegExp {
  if (typeof pattern !== 'string') throw invalidParam('regular expression pattern must be a string')
  const opts = typeof options === 'string' ? options : ''
  let flags = ''
  for (const f of opts) {
    if (f === 'i' || f === 'm' || f === 's' || f === 'u') {
      if (!flags.includes(f)) flags += f
    } else {
      // 'x' (extended) and anything else has no JavaScript equivalent.
      throw notImplemented(`regular expression option '${f}'`)
    }
  }
  try {
    return new RegExp(pattern, flags)
  } catch (e) {
    throw invalidParam(`invalid regular expression /${pattern}/: ${(e as Error).message}`)
  }
}

function numberFrom(s: unknown): number {
  if (typeof s === 'number') return s
  if (typeof s !== 'string') throw invalidParam('malformed EJSON number')
  if (s === 'NaN') return NaN
  if (s === 'Infinity') return Infinity
  if (s === '-Infinity') return -Infinity
  const n = Number(s)
  if (Number.isNaN(n)) throw invalidParam(`malformed EJSON number ${s}`)
  return n
}

function decodeValue(v: unknown, ctx: DecodeContext): unknown {
  if (Array.isArray(v)) return v.map((x) => decodeValue(x, ctx))
  if (!isPlainObject(v)) return v
  const keys = Object.keys(v)
  if (keys.length === 1) {
    const k = keys[0]
    const inner = v[k]
    switch (k) {
      case '$numberInt':
      case '$numberDouble':
      case '$numberLong':
        return numberFrom(inner)
      case '$date': {
        if (isPlainObject(inner) && '$numberLong' in inner) return new Date(numberFrom(inner.$numberLong))
        if (typeof inner === 'number') return new Date(inner)
        if (typeof inner === 'string') {
          const t = Date.parse(inner)
          if (Number.isNaN(t)) throw invalidParam(`malformed EJSON date ${inner}`)
          return new Date(t)
        }
        throw invalidParam('malformed EJSON date')
      }
      case '$regularExpression':
        if (!isPlainObject(inner)) throw invalidParam('malformed EJSON regular expression')
        return toRegExp(inner.pattern, inner.options)
      case '$tcb_server_date': {
        const offset = isPlainObject(inner) ? numberFrom(decodeValue(inner.offset ?? 0, ctx)) : 0
        return new Date(ctx.now + offset)
      }
      default:
        if (UNSUPPORTED_WRAPPERS.includes(k)) throw notImplemented(`EJSON type ${k}`)
    }
  }
  const out: Doc = {}
  for (const k of keys) out[k] = decodeValue(v[k], ctx)
  return out
}

/** Decodes one EJSON text (or an already parsed value) sent by the SDK. */
export function decodeWire(input: unknown, ctx: DecodeContext): unknown {
  let parsed = input
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input)
    } catch {
      throw invalidParam('malformed EJSON')
    }
  }
  return decodeValue(parsed, ctx)
}

type Wrap = (v: Date | RegExp | number) => unknown

/** Copies a value into JSON-ready form, wrapping dates, regexes and non-finite numbers. */
function prepare(v: unknown, wrap: Wrap): unknown {
  if (v === null || typeof v !== 'object') {
    return typeof v === 'number' && !Number.isFinite(v) ? wrap(v) : v
  }
  if (v instanceof Date || v instanceof RegExp) return wrap(v)
  if (Array.isArray(v)) return v.map((x) => prepare(x, wrap))
  if (!isPlainObject(v)) return v
  const out: Record<string, unknown> = {}
  for (const k in v) {
    const x = v[k]
    if (x !== undefined) out[k] = prepare(x, wrap)
  }
  return out
}

function nonFinite(n: number): string {
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity'
}

const wireWrap: Wrap = (v) => {
  if (v instanceof Date) return { $date: { $numberLong: String(v.getTime()) } }
  if (v instanceof RegExp) return { $regularExpression: { pattern: v.source, options: v.flags } }
  return { $numberDouble: nonFinite(v) }
}

const storedWrap: Wrap = (v) => {
  if (v instanceof Date) return { $date: v.getTime() }
  if (v instanceof RegExp) return { $regularExpression: { pattern: v.source, options: v.flags } }
  return { $numberDouble: nonFinite(v) }
}

/** Relaxed EJSON text for a document returned to the SDK. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(prepare(value, wireWrap))
}

/** JSON text stored in SQLite. */
export function toStored(value: unknown): string {
  return JSON.stringify(prepare(value, storedWrap))
}

/** Turns stored wrappers back into Date/RegExp/number, in place. */
function revive(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]
      if (x !== null && typeof x === 'object') v[i] = revive(x)
    }
    return v
  }
  const o = v as Record<string, unknown>
  let n = 0
  for (const _k in o) if (++n > 1) break
  if (n === 1) {
    if (typeof o.$date === 'number') return new Date(o.$date)
    if (o.$numberDouble !== undefined) return numberFrom(o.$numberDouble)
    if (o.$regularExpression !== undefined) {
      const r = o.$regularExpression as { pattern: string; options: string }
      return new RegExp(r.pattern, r.options)
    }
  }
  for (const k in o) {
    const x = o[k]
    if (x !== null && typeof x === 'object') o[k] = revive(x)
  }
  return o
}

export function fromStored(text: string): Doc {
  const parsed = JSON.parse(text) as Doc
  // Most documents without wrapped values need no walk at all.
  return text.includes('"$') ? (revive(parsed) as Doc) : parsed
}
