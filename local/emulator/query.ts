// MongoDB query semantics through mingo 6, with CloudBase's refusals in front of it.
import { Aggregator, Query } from 'mingo'
import { Context, initOptions, type Options } from 'mingo/core'
import initContext from 'mingo/init/context'
import { EmulatorError, notImplemented, requestFailed } from './errors'
import { mongoCorrections } from './operators'
import { isPlainObject, type Doc } from './values'

const context = Context.merge(
  mongoCorrections((criteria) => newQuery(criteria)),
  initContext(),
)

const GEO_QUERY_OPS = new Set(['$near', '$nearSphere', '$geoWithin', '$geoIntersects'])

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

/**
 * mingo's refusals of operators it does not have ("unknown query operator $x", "accumulator '$x'
 * is not registered", "$jsonSchema: must configure …") become NOT_IMPLEMENTED: the emulator does
 * not know whether MongoDB has the operator, and refuses rather than guess. Other evaluation
 * errors are the query's own fault, as CloudBase's DATABASE_REQUEST_FAILED.
 */
function translateMingoError(e: unknown): never {
  if (e instanceof EmulatorError) throw e
  const msg = (e as Error)?.message ?? String(e)
  const m =
    /unknown (?:query |expression |accumulator |projection )?operator:? '?(\$\w+)|unregistered pipeline operator '?(\$\w+)|(?:accumulator|operator|expression) '(\$\w+)' is not registered|^(\$jsonSchema): must configure/i.exec(msg)
  if (m) throw notImplemented(`operator ${m[1] ?? m[2] ?? m[3] ?? m[4]}`)
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
  const slices = Object.entries(projection).filter(([, v]) => isPlainObject(v) && Object.keys(v).length === 1 && '$slice' in v)
  const rest = Object.fromEntries(Object.entries(projection).filter(([k]) => !slices.some(([s]) => s === k)))
  // MongoDB: $slice alone (or beside exclusions) keeps every other field; mingo treats it as an
  // inclusion. With inclusions present, mingo's own reading is MongoDB's.
  if (slices.length > 0 && Object.values(rest).every((v) => v === 0 || v === false)) {
    const sliced = docs.map((d) => applySlices(d, slices as Array<[string, { $slice: unknown }]>))
    return Object.keys(rest).length === 0 ? sliced : project(sliced, rest)
  }
  try {
    return newQuery({}).find<Doc>(docs, projection).all()
  } catch (e) {
    translateMingoError(e)
  }
}

function sliceArray(arr: unknown[], spec: unknown): unknown[] {
  const bad = (): never => {
    throw requestFailed('$slice takes a number or [skip, limit] with a positive limit')
  }
  if (typeof spec === 'number' && Number.isInteger(spec)) return spec >= 0 ? arr.slice(0, spec) : arr.slice(Math.max(0, arr.length + spec))
  if (!Array.isArray(spec) || spec.length !== 2 || !spec.every((n) => typeof n === 'number' && Number.isInteger(n)) || spec[1] <= 0) return bad()
  const skip = spec[0] < 0 ? Math.max(0, arr.length + spec[0]) : spec[0]
  return arr.slice(skip, skip + spec[1])
}

/** The document with each named array sliced; objects on the way are copied, never changed in place. */
function applySlices(doc: Doc, slices: Array<[string, { $slice: unknown }]>): Doc {
  const slice = (node: unknown, segs: string[], spec: unknown): unknown => {
    if (!isPlainObject(node) || !(segs[0] in node)) return node
    const [head, ...rest] = segs
    const child = node[head]
    const next = rest.length > 0 ? slice(child, rest, spec) : Array.isArray(child) ? sliceArray(child, spec) : child
    return next === child ? node : { ...node, [head]: next }
  }
  return slices.reduce((d, [path, { $slice }]) => slice(d, path.split('.'), $slice) as Doc, doc)
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
