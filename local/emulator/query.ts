// MongoDB query semantics through mingo 6, with CloudBase's refusals in front of it.
import { Aggregator, Query } from 'mingo'
import { initOptions, type Options } from 'mingo/core'
import initContext from 'mingo/init/context'
import { EmulatorError, notImplemented, requestFailed } from './errors'
import { isPlainObject, type Doc } from './values'

const context = initContext()

const GEO_QUERY_OPS = new Set(['$near', '$nearSphere', '$geoWithin', '$geoIntersects'])

// Valid MongoDB operators that mingo lacks or that CloudBase refuses; anything else mingo does
// not know is a malformed query.
const MONGO_QUERY_OPS = new Set(['$text', '$jsonSchema', '$bitsAllSet', '$bitsAnySet', '$bitsAllClear', '$bitsAnyClear', '$comment', '$rand'])

export function baseOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { context, scriptEnabled: false, useGlobalContext: false, ...extra }
}

/**
 * mingo's public Query constructor copies operator tables into the context on every call
 * (~0.2 ms with all operators loaded, more than the query itself). Its base class, QueryImpl
 * (not exported by mingo 6.7.2, reached through the prototype chain), takes ready options, so
 * the context is built once here. Falls back to Query if mingo's shape ever changes.
 */
const sharedOptions = initOptions(baseOptions())
const QueryImpl = Object.getPrototypeOf(Query) as typeof Query
const canReuse = typeof QueryImpl === 'function' && typeof QueryImpl.prototype?.test === 'function'

export function newQuery(condition: Doc): Query {
  return canReuse ? new QueryImpl(condition, sharedOptions) : new Query(condition, baseOptions())
}

export type Matcher = (doc: Doc) => boolean

/**
 * Refuses what this emulator will not approximate: geo operators (they need a declared 2dsphere
 * index in CloudBase; with one they are NOT_IMPLEMENTED here), $where and server-side scripts.
 */
export function checkFilter(filter: unknown, geoFields: Set<string>, path = ''): void {
  if (Array.isArray(filter)) {
    for (const f of filter) checkFilter(f, geoFields, path)
    return
  }
  if (!isPlainObject(filter)) return
  for (const [k, v] of Object.entries(filter)) {
    if (GEO_QUERY_OPS.has(k)) {
      if (!geoFields.has(path)) {
        throw requestFailed(`unable to find index for ${k} query on '${path}': declare a 2dsphere index in database/indexes.json`)
      }
      throw notImplemented(`geo query ${k}`)
    }
    if (k === '$where' || k === '$function' || k === '$accumulator') throw requestFailed(`${k} is not allowed`)
    if (k === '$text') throw notImplemented('$text search')
    const childPath = k.startsWith('$') ? path : path ? `${path}.${k}` : k
    checkFilter(v, geoFields, childPath)
  }
}

function translateMingoError(e: unknown): never {
  if (e instanceof EmulatorError) throw e
  const msg = (e as Error)?.message ?? String(e)
  const m = /unknown query operator (\$\w+)|unregistered pipeline operator (\$\w+)|unknown (?:expression|accumulator|projection) operator (\$\w+)/i.exec(msg)
  if (m) {
    const op = m[1] ?? m[2] ?? m[3]
    if (m[2] || MONGO_QUERY_OPS.has(op)) throw notImplemented(`operator ${op}`)
    throw requestFailed(`unknown operator: ${op}`)
  }
  throw requestFailed(msg)
}

export function compileFilter(filter: Doc | undefined, geoFields: Set<string>): Matcher {
  if (!filter || Object.keys(filter).length === 0) return () => true
  checkFilter(filter, geoFields)
  let q: Query
  try {
    q = newQuery(filter)
  } catch (e) {
    translateMingoError(e)
  }
  return (doc: Doc) => {
    try {
      return q.test(doc)
    } catch (e) {
      translateMingoError(e)
    }
  }
}

export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  try {
    return newQuery({}).find<Doc>(docs, projection).all()
  } catch (e) {
    translateMingoError(e)
  }
}

const WRITE_STAGES = new Set(['$out', '$merge'])
const GEO_STAGES = new Set(['$geoNear'])

export function aggregate(
  docs: Iterable<Doc>,
  pipeline: Doc[],
  resolve: (collection: string) => Doc[],
  geoFields: Set<string>,
): Doc[] {
  for (const stage of pipeline) {
    const [name] = Object.keys(stage)
    if (WRITE_STAGES.has(name)) throw notImplemented(`aggregation stage ${name}`)
    if (GEO_STAGES.has(name)) {
      if (geoFields.size === 0) throw requestFailed('$geoNear requires a 2dsphere index: declare one in database/indexes.json')
      throw notImplemented('aggregation stage $geoNear')
    }
    if (name === '$match') checkFilter(stage[name], geoFields)
  }
  try {
    return new Aggregator(pipeline, baseOptions({ collectionResolver: resolve })).run(Array.from(docs)) as Doc[]
  } catch (e) {
    translateMingoError(e)
  }
}
