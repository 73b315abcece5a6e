// MongoDB update operators, written out rather than delegated to mingo's updater: MongoDB's
// errors (conflicting paths, $inc on a string, $push on a non-array) must surface as errors,
// and $pop/$pull on a missing field must be no-ops.
import { notImplemented, requestFailed } from './errors'
import { encodeWire } from './ejson'
import { newQuery } from './query'
import { compareValues, deepClone, isPlainObject, makeComparator, valuesEqual, type Doc } from './values'

const SUPPORTED = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$currentDate',
  '$bit',
  '$setOnInsert',
])

type Container = Doc | unknown[]

function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (v instanceof Date) return 'date'
  if (v instanceof RegExp) return 'regex'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double'
  if (typeof v === 'object') return 'object'
  return typeof v
}

function show(v: unknown): string {
  return encodeWire(v)
}

interface Target {
  parent: Container | undefined
  key: string
  value: unknown
  exists: boolean
}

/** Looks a dotted path up without creating anything; `parent` is undefined if the path is cut. */
function lookup(doc: Doc, path: string): Target {
  const parts = path.split('.')
  let cur: unknown = doc
  for (let i = 0; i < parts.length - 1; i++) {
    const seg = parts[i]
    if (Array.isArray(cur)) cur = /^\d+$/.test(seg) ? cur[Number(seg)] : undefined
    else if (isPlainObject(cur)) cur = cur[seg]
    else cur = undefined
    if (cur === undefined) return { parent: undefined, key: parts[parts.length - 1], value: undefined, exists: false }
  }
  const key = parts[parts.length - 1]
  if (Array.isArray(cur)) {
    if (!/^\d+$/.test(key)) return { parent: undefined, key, value: undefined, exists: false }
    const i = Number(key)
    return { parent: cur, key, value: cur[i], exists: i < cur.length }
  }
  if (isPlainObject(cur)) return { parent: cur, key, value: cur[key], exists: Object.prototype.hasOwnProperty.call(cur, key) }
  return { parent: undefined, key, value: undefined, exists: false }
}

/** Resolves a path for writing, creating missing objects, with MongoDB's PathNotViable errors. */
function resolveForWrite(doc: Doc, path: string): { parent: Container; key: string } {
  const parts = path.split('.')
  let cur: Container = doc
  for (let i = 0; i < parts.length - 1; i++) {
    const seg = parts[i]
    let next: unknown
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) {
        throw requestFailed(`Cannot create field '${seg}' in element {${parts[i - 1] ?? ''}: ${show(cur)}}`)
      }
      const idx = Number(seg)
      while (cur.length < idx) cur.push(null)
      next = cur[idx]
      if (next === undefined) cur[idx] = next = {}
    } else {
      next = cur[seg]
      if (next === undefined) cur[seg] = next = {}
    }
    if (!isPlainObject(next) && !Array.isArray(next)) {
      throw requestFailed(`Cannot create field '${parts[i + 1]}' in element {${seg}: ${show(next)}}`)
    }
    cur = next as Container
  }
  const key = parts[parts.length - 1]
  if (Array.isArray(cur) && !/^\d+$/.test(key)) {
    throw requestFailed(`Cannot create field '${key}' in element {${parts[parts.length - 2] ?? ''}: ${show(cur)}}`)
  }
  return { parent: cur, key }
}

function setAt(doc: Doc, path: string, value: unknown): void {
  const { parent, key } = resolveForWrite(doc, path)
  if (Array.isArray(parent)) {
    const idx = Number(key)
    while (parent.length < idx) parent.push(null)
    parent[idx] = value
  } else parent[key] = value
}

function unsetAt(doc: Doc, path: string): void {
  const t = lookup(doc, path)
  if (!t.exists || !t.parent) return
  // MongoDB leaves a null in place of an unset array element rather than shifting the array.
  if (Array.isArray(t.parent)) t.parent[Number(t.key)] = null
  else delete t.parent[t.key]
}

function arrayAt(doc: Doc, path: string, op: string, create: boolean): unknown[] | undefined {
  const t = lookup(doc, path)
  if (!t.exists || t.value === undefined) {
    if (!create) return undefined
    const arr: unknown[] = []
    setAt(doc, path, arr)
    return arr
  }
  if (!Array.isArray(t.value)) {
    throw requestFailed(
      `The field '${path}' must be an array but is of type ${typeName(t.value)} in document {_id: ${show(doc._id)}} (${op})`,
    )
  }
  return t.value
}

function numberAt(doc: Doc, path: string, op: string): number | undefined {
  const t = lookup(doc, path)
  if (!t.exists || t.value === undefined) return undefined
  if (typeof t.value !== 'number') {
    throw requestFailed(
      `Cannot apply ${op} to a value of non-numeric type. {_id: ${show(doc._id)}} has the field '${path}' of non-numeric type ${typeName(t.value)}`,
    )
  }
  return t.value
}

function checkPaths(update: Doc, doc: Doc): void {
  const paths: string[] = []
  for (const [op, spec] of Object.entries(update)) {
    for (const [field, arg] of Object.entries(spec as Doc)) {
      if (field.split('.').some((s) => s === '$' || s.startsWith('$['))) {
        throw notImplemented(`positional update path '${field}'`)
      }
      if (field === '' || field.split('.').some((s) => s === '')) throw requestFailed(`An empty update path is not valid: '${field}'`)
      paths.push(field)
      if (op === '$rename') {
        if (typeof arg !== 'string') throw requestFailed(`The 'to' field for $rename must be a string: ${field}: ${show(arg)}`)
        if (arg === field) throw requestFailed(`The source and target field for $rename must differ: ${field}: "${arg}"`)
        paths.push(arg)
      }
    }
  }
  for (const p of paths) {
    if (p === '_id' || p.startsWith('_id.')) {
      const t = lookup(doc, '_id')
      const sets = (update.$set as Doc | undefined)?.[p]
      if (!(p === '_id' && update.$set && '_id' in (update.$set as Doc) && valuesEqual(sets, t.value))) {
        throw requestFailed(`Performing an update on the path '${p}' would modify the immutable field '_id'`)
      }
    }
  }
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < paths.length; j++) {
      if (i === j) continue
      const a = paths[i]
      const b = paths[j]
      if (a === b || a.startsWith(`${b}.`)) throw requestFailed(`Updating the path '${a}' would create a conflict at '${b}'`)
    }
  }
}

function pullMatcher(cond: unknown): (el: unknown) => boolean {
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond)
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
      const q = newQuery({ v: cond })
      return (el) => q.test({ v: el })
    }
    const q = newQuery(cond)
    return (el) => (isPlainObject(el) ? q.test(el) : false)
  }
  return (el) => valuesEqual(el, cond)
}

function applyPush(doc: Doc, path: string, arg: unknown): void {
  const arr = arrayAt(doc, path, '$push', true)!
  let values: unknown[]
  let position: number | undefined
  let slice: number | undefined
  let sort: unknown
  if (isPlainObject(arg) && '$each' in arg) {
    if (!Array.isArray(arg.$each)) throw requestFailed(`The argument to $each in $push must be an array but it was of type: ${typeName(arg.$each)}`)
    values = arg.$each
    for (const k of Object.keys(arg)) {
      if (!['$each', '$position', '$slice', '$sort'].includes(k)) throw requestFailed(`Unrecognized clause in $push: ${k}`)
    }
    if (arg.$position !== undefined) {
      if (typeof arg.$position !== 'number' || !Number.isInteger(arg.$position)) throw requestFailed('The value for $position must be an integer value')
      position = arg.$position
    }
    if (arg.$slice !== undefined) {
      if (typeof arg.$slice !== 'number' || !Number.isInteger(arg.$slice)) throw requestFailed('The value for $slice must be an integer value')
      slice = arg.$slice
    }
    sort = arg.$sort
  } else values = [arg]
  let at = position === undefined ? arr.length : position < 0 ? Math.max(0, arr.length + position) : Math.min(position, arr.length)
  for (const v of values) arr.splice(at++, 0, deepClone(v))
  if (sort !== undefined) {
    if (sort === 1 || sort === -1) {
      const dir = sort
      arr.sort((a, b) => dir * compareValues(a, b))
    } else if (isPlainObject(sort)) {
      const spec = Object.entries(sort).map(([k, d]) => [k, d === -1 ? -1 : 1] as [string, 1 | -1])
      const cmp = makeComparator(spec)
      arr.sort((a, b) => cmp(isPlainObject(a) ? a : {}, isPlainObject(b) ? b : {}))
    } else throw requestFailed('The $sort is invalid: use 1/-1 to sort the whole element, or {field: 1/-1} to sort embedded fields')
  }
  if (slice !== undefined) {
    const kept = slice >= 0 ? arr.slice(0, slice) : arr.slice(Math.max(0, arr.length + slice))
    arr.splice(0, arr.length, ...kept)
  }
}

function applyOne(doc: Doc, op: string, path: string, arg: unknown, now: number, isInsert: boolean): void {
  switch (op) {
    case '$set':
      setAt(doc, path, deepClone(arg))
      return
    case '$setOnInsert':
      if (isInsert) setAt(doc, path, deepClone(arg))
      return
    case '$unset':
      unsetAt(doc, path)
      return
    case '$inc':
    case '$mul': {
      if (typeof arg !== 'number') throw requestFailed(`Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${show(arg)}}`)
      const cur = numberAt(doc, path, op)
      const next = op === '$inc' ? (cur ?? 0) + arg : cur === undefined ? 0 : cur * arg
      setAt(doc, path, next)
      return
    }
    case '$min':
    case '$max': {
      const t = lookup(doc, path)
      const c = t.exists ? compareValues(arg, t.value) : 0
      if (!t.exists || (op === '$min' ? c < 0 : c > 0)) setAt(doc, path, deepClone(arg))
      return
    }
    case '$rename': {
      const t = lookup(doc, path)
      if (!t.exists) return
      if (Array.isArray(t.parent)) throw requestFailed(`The source field cannot be an array element, '${path}' in doc with _id: ${show(doc._id)}`)
      unsetAt(doc, path)
      setAt(doc, arg as string, t.value)
      return
    }
    case '$push':
      applyPush(doc, path, arg)
      return
    case '$addToSet': {
      const arr = arrayAt(doc, path, '$addToSet', true)!
      let values: unknown[] = [arg]
      if (isPlainObject(arg) && '$each' in arg) {
        if (!Array.isArray(arg.$each)) throw requestFailed('The argument to $each in $addToSet must be an array')
        values = arg.$each
      }
      for (const v of values) if (!arr.some((e) => valuesEqual(e, v))) arr.push(deepClone(v))
      return
    }
    case '$pop': {
      if (arg !== 1 && arg !== -1) throw requestFailed(`$pop expects 1 or -1, found: ${show(arg)}`)
      const arr = arrayAt(doc, path, '$pop', false)
      if (!arr || arr.length === 0) return
      if (arg === 1) arr.pop()
      else arr.shift()
      return
    }
    case '$pull':
    case '$pullAll': {
      const arr = arrayAt(doc, path, op, false)
      if (!arr) return
      let remove: (el: unknown) => boolean
      if (op === '$pullAll') {
        if (!Array.isArray(arg)) throw requestFailed(`$pullAll requires an array argument but was given a ${typeName(arg)}`)
        remove = (el) => arg.some((v) => valuesEqual(el, v))
      } else remove = pullMatcher(arg)
      const kept = arr.filter((el) => !remove(el))
      arr.splice(0, arr.length, ...kept)
      return
    }
    case '$currentDate': {
      if (arg === true || (isPlainObject(arg) && arg.$type === 'date')) setAt(doc, path, new Date(now))
      else if (isPlainObject(arg) && arg.$type === 'timestamp') throw notImplemented('$currentDate with $type timestamp')
      else if (arg !== false) throw requestFailed(`$currentDate: unrecognized value ${show(arg)}`)
      return
    }
    case '$bit': {
      if (!isPlainObject(arg)) throw requestFailed('$bit expects an object like {and|or|xor: <int>}')
      let cur = numberAt(doc, path, '$bit') ?? 0
      for (const [k, v] of Object.entries(arg)) {
        if (typeof v !== 'number' || !Number.isInteger(v)) throw requestFailed('$bit operands must be integers')
        if (k === 'and') cur &= v
        else if (k === 'or') cur |= v
        else if (k === 'xor') cur ^= v
        else throw requestFailed(`The $bit modifier only supports 'and', 'or', and 'xor', not '${k}'`)
      }
      setAt(doc, path, cur)
      return
    }
  }
}

export function isOperatorUpdate(update: Doc): boolean {
  const keys = Object.keys(update)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

/** Applies an operator update to a copy of `doc`. */
export function applyUpdate(doc: Doc, update: Doc, now: number, isInsert = false): Doc {
  for (const [op, spec] of Object.entries(update)) {
    if (!op.startsWith('$')) throw requestFailed(`Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`)
    if (!SUPPORTED.has(op)) throw notImplemented(`update operator ${op}`)
    if (!isPlainObject(spec)) throw requestFailed(`Modifiers operate on fields but we found type ${typeName(spec)} instead: {${op}: ${show(spec)}}`)
  }
  checkPaths(update, doc)
  const out = deepClone(doc)
  for (const [op, spec] of Object.entries(update)) {
    for (const [path, arg] of Object.entries(spec as Doc)) applyOne(out, op, path, arg, now, isInsert)
  }
  return out
}

/** A replacement document (doc().set()): no operators, and _id cannot change. */
export function applyReplacement(id: unknown, data: Doc): Doc {
  for (const k of Object.keys(data)) {
    if (k.startsWith('$')) throw requestFailed(`The dollar ($) prefixed field '${k}' in '${k}' is not allowed in a replacement document`)
  }
  if ('_id' in data && !valuesEqual(data._id, id)) {
    throw requestFailed(`After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${show(data._id)}`)
  }
  const { _id: _ignored, ...rest } = data
  return { _id: id, ...deepClone(rest) }
}
