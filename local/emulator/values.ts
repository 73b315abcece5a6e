// Value helpers with MongoDB (BSON) semantics. The emulator keeps documents as plain JS
// objects whose dates are Date instances and whose regular expressions are RegExp instances.

export type Doc = Record<string, unknown>

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * BSON comparison order ranks (MongoDB "Comparison/Sort Order"): MinKey < null < numbers <
 * string < object < array < binData < ObjectId < boolean < date < timestamp < regex < MaxKey.
 * Missing and null share a rank because MongoDB sorts and indexes them the same way.
 */
export function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (Array.isArray(v)) return 5
  if (typeof v === 'boolean') return 8
  if (v instanceof Date) return 9
  if (v instanceof RegExp) return 11
  return 4
}

/**
 * MongoDB's default (simple) collation compares UTF-8 bytes, i.e. code points. UTF-16 code
 * units give the same order except a surrogate (a code point above U+FFFF) against
 * U+E000..U+FFFF, which is handled at the first differing unit.
 */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const sx = x >= 0xd800 && x <= 0xdfff
    const sy = y >= 0xd800 && y <= 0xdfff
    if (sx !== sy && (x >= 0xe000 || y >= 0xe000)) return sx ? 1 : -1
    return x < y ? -1 : 1
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0
}

/** Total order over values, as MongoDB compares them for sorting and $min/$max. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  switch (ra) {
    case 1:
      return 0
    case 2: {
      const x = a as number
      const y = b as number
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1
      if (Number.isNaN(y)) return 1
      return x < y ? -1 : x > y ? 1 : 0
    }
    case 3:
      return compareStrings(a as string, b as string)
    case 5: {
      const x = a as unknown[]
      const y = b as unknown[]
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i])
        if (c !== 0) return c
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1
    }
    case 8:
      return a === b ? 0 : a ? 1 : -1
    case 9: {
      const x = (a as Date).getTime()
      const y = (b as Date).getTime()
      return x < y ? -1 : x > y ? 1 : 0
    }
    case 11:
      return compareStrings(String(a), String(b))
    default: {
      // Objects compare field by field, names first, in stored order.
      const ka = Object.keys(a as object)
      const kb = Object.keys(b as object)
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const va = (a as Doc)[ka[i]]
        const vb = (b as Doc)[kb[i]]
        const r = typeRank(va) - typeRank(vb)
        if (r !== 0) return r < 0 ? -1 : 1
        const kc = compareStrings(ka[i], kb[i])
        if (kc !== 0) return kc
        const c = compareValues(va, vb)
        if (c !== 0) return c
      }
      return ka.length === kb.length ? 0 : ka.length < kb.length ? -1 : 1
    }
  }
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0 && typeRank(a) === typeRank(b)
}

export function deepClone<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as unknown as T
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as unknown as T
  if (Array.isArray(v)) return v.map((x) => deepClone(x)) as unknown as T
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const k of Object.keys(v)) out[k] = deepClone(v[k])
    return out as T
  }
  return v
}

/**
 * Collects every value a MongoDB path resolves to: arrays on the way are traversed element by
 * element (and by position for numeric segments), which is how queries, sorts and multikey
 * indexes see a document.
 */
export function collectPath(value: unknown, parts: string[], i: number, out: unknown[]): boolean {
  let traversedArray = false
  if (i === parts.length) {
    out.push(value)
    return false
  }
  if (Array.isArray(value)) {
    traversedArray = true
    const seg = parts[i]
    const before = out.length
    if (/^\d+$/.test(seg) && Number(seg) < value.length) {
      collectPath(value[Number(seg)], parts, i + 1, out)
    }
    for (const el of value) {
      if (isPlainObject(el)) collectPath(el[seg], parts, i + 1, out)
    }
    if (out.length === before) out.push(undefined)
    return traversedArray
  }
  if (isPlainObject(value)) return collectPath(value[parts[i]], parts, i + 1, out) || traversedArray
  out.push(undefined)
  return traversedArray
}

export type SortSpec = Array<[string, 1 | -1]>

/**
 * MongoDB sort: an array field sorts by its smallest element ascending and its largest
 * descending; missing and null sort together, before everything else.
 */
export function sortKey(doc: Doc, path: string, dir: 1 | -1): unknown {
  const raw: unknown[] = []
  collectPath(doc, path.split('.'), 0, raw)
  const flat: unknown[] = []
  for (const v of raw) {
    if (Array.isArray(v)) {
      if (v.length === 0) flat.push(undefined)
      else for (const e of v) flat.push(e)
    } else flat.push(v)
  }
  let best = flat[0]
  for (let i = 1; i < flat.length; i++) {
    const c = compareValues(flat[i], best)
    if ((dir === 1 && c < 0) || (dir === -1 && c > 0)) best = flat[i]
  }
  return best
}

export function makeComparator(sort: SortSpec): (a: Doc, b: Doc) => number {
  return (a, b) => {
    for (const [path, dir] of sort) {
      const c = compareValues(sortKey(a, path, dir), sortKey(b, path, dir))
      if (c !== 0) return dir === 1 ? c : -c
    }
    return 0
  }
}

/** Sorts documents, computing each key once (sorting thousands of candidates stays cheap). */
export function sortDocs(docs: Doc[], sort: SortSpec): Doc[] {
  if (sort.length === 0) return docs
  const keyed = docs.map((d, i) => ({ d, i, k: sort.map(([p, dir]) => sortKey(d, p, dir)) }))
  keyed.sort((x, y) => {
    for (let j = 0; j < sort.length; j++) {
      const c = compareValues(x.k[j], y.k[j])
      if (c !== 0) return sort[j][1] === 1 ? c : -c
    }
    return x.i - y.i
  })
  return keyed.map((e) => e.d)
}
