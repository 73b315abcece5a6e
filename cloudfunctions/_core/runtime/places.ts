import type { Db } from './db'

/**
 * Places: a limited number of named holders and an ordered queue, kept on ONE document and changed
 * only by conditional single-document updates — `where({_id, count: _.lt(capacity), …}).update({count:
 * _.inc(1), 'holders.<key>': ticket})`, taken when CloudBase answers `updated: 1`. CloudBase applies
 * each such update atomically, so a thousand people at once never see a write conflict: every
 * answer is the real outcome (held, queued, full), never "try again".
 *
 * The document names every holder and every queued key (maps `key → ticket`), beside their
 * counters, and every change moves an entry and its counter in the same update. So each step is
 * exactly once (a key cannot be taken or released twice), the head of the queue needs no shared
 * ticket counter (it is the entry with the smallest (ticket, key)), and a sweep can compare the
 * entries with the per-person documents they stand for and repair what a crash left behind.
 *
 * Used by activity sign-up, cancel with promotion and walk-ins (see activity/activity.places.ts), and
 * by the mall's stock and per-person limits, whose holders are orders of several units each
 * (see mall/stock.ts and mall/quota.ts); a group's capacity is the same shape.
 */
export interface PlacesSpec {
  collection: string
  /** Numeric fields: the capacity, how many hold a place, how many wait. */
  capacity: string
  count: string
  queued: string
  /** Map fields: key → ticket (the time the key joined; the queue's order). */
  holders: string
  queue: string
  /** A field stamped with the time (ms) of every change, so a sweep finds documents that moved. */
  touched: string
  /**
   * Optional map field key → units, for holders that take more than one place each (an order of 3
   * bags of rice): the counter moves by the units, and the entry says how many to give back.
   * Without it every holder holds one place.
   */
  units?: string
}

export interface PlacesState {
  capacity: number
  count: number
  queued: number
  holders: Record<string, number>
  queue: Record<string, number>
  /** Units per holder (empty unless the spec keeps units). */
  units: Record<string, number>
}

let sequence = 0

/**
 * A queue ticket: the time in ms ×1000 plus a counter of this instance, so tickets follow arrival
 * order even within one millisecond (ties across instances fall back to the key). Exact as a number
 * until the year 2255.
 */
export function newTicket(now: number): number {
  sequence = (sequence + 1) % 1000
  return ticketOf(now, sequence)
}

/** The ticket for the `seq`-th (mod 1000) join in the millisecond `now`. */
export function ticketOf(now: number, seq: number): number {
  return now * 1000 + (seq % 1000)
}

/** The time (ms) a ticket was issued. */
export function ticketTime(ticket: number): number {
  return Math.floor(ticket / 1000)
}

export type Join =
  | { outcome: 'held' | 'queued'; ticket: number }
  /** The key already holds or waits (an earlier attempt whose answer was lost): where, and its ticket. */
  | { outcome: 'present'; where: 'held' | 'queued'; ticket: number }
  | { outcome: 'full' | 'closed' }

/** Enough attempts to outlast any storm: each failed pair of attempts means another caller's change landed. */
const MAX_ROUNDS = 200

const entry = (map: string, key: string) => `${map}.${key}`

/** Throws on a key that cannot be a field name (the maps are keyed by document ids the code derives). */
function checkKey(key: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(key)) throw new Error(`places: bad key ${JSON.stringify(key)}`)
}

/** `open` is plain equalities on top-level fields (e.g. `{status: 'published'}`): read them back to tell "closed". */
const fieldsOf = (open: Record<string, unknown>) => Object.fromEntries(Object.keys(open).map((k) => [k, true]))
const meets = (doc: Record<string, unknown>, open: Record<string, unknown>) => Object.entries(open).every(([k, v]) => doc[k] === v)

async function updateIf(db: Db, spec: PlacesSpec, where: Record<string, unknown>, data: Record<string, unknown>): Promise<boolean> {
  const res = await db.collection(spec.collection).where(where).update({ data })
  return res.stats.updated === 1
}

/**
 * The numbers and maps of one document (the maps absent on a document nobody has joined). With
 * `onlyKey`, the maps hold just that key's entries — what a join needs, without the whole crowd.
 */
export async function readPlaces(
  db: Db,
  spec: PlacesSpec,
  id: string,
  extra: Record<string, boolean> = {},
  onlyKey?: string,
): Promise<(PlacesState & Record<string, unknown>) | null> {
  const names = [spec.holders, spec.queue, ...(spec.units ? [spec.units] : [])]
  const maps = Object.fromEntries(names.map((m) => [onlyKey ? entry(m, onlyKey) : m, true]))
  const res = await db
    .collection(spec.collection)
    .where({ _id: id })
    .field({ [spec.capacity]: true, [spec.count]: true, [spec.queued]: true, ...maps, ...extra })
    .limit(1)
    .get()
  const d = res.data[0] as Record<string, unknown> | undefined
  if (!d) return null
  return {
    ...d,
    capacity: d[spec.capacity] as number,
    count: d[spec.count] as number,
    queued: d[spec.queued] as number,
    holders: (d[spec.holders] as Record<string, number> | undefined) ?? {},
    queue: (d[spec.queue] as Record<string, number> | undefined) ?? {},
    units: spec.units ? ((d[spec.units] as Record<string, number> | undefined) ?? {}) : {},
  }
}

/** The queue in order: smallest ticket first, ties by key. */
export function queueOrder(queue: Record<string, number>): string[] {
  return Object.entries(queue)
    .sort(([ka, ta], [kb, tb]) => ta - tb || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([k]) => k)
}

/**
 * Takes a place for `key`, or (with `queue`) a place in the queue when none is free or others wait.
 * `open` is the condition the document must still meet (e.g. `{status: 'published'}`); `capacity`
 * the capacity the caller read (a changed capacity is read again). Answers the real outcome:
 * held / queued, `full` (no place and no queue), `closed` (no longer matches `open`), or `present`
 * (the key already holds or waits).
 */
export async function join(
  db: Db,
  spec: PlacesSpec,
  id: string,
  key: string,
  ticket: number,
  opts: { capacity: number; open: Record<string, unknown>; queue: boolean; units?: number },
): Promise<Join> {
  checkKey(key)
  const _ = db.command
  const n = unitsOf(spec, opts.units)
  let capacity = opts.capacity
  const absent = { [entry(spec.holders, key)]: _.exists(false), [entry(spec.queue, key)]: _.exists(false) }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const same = { _id: id, ...opts.open, [spec.capacity]: capacity, ...absent }
    // A free place goes to a newcomer only while nobody waits: those in the queue are promoted first.
    const take = { ...same, [spec.count]: _.lte(capacity - n), [spec.queued]: 0 }
    if (await updateIf(db, spec, take, { [spec.count]: _.inc(n), [entry(spec.holders, key)]: ticket, ...unitsEntry(spec, key, n), [spec.touched]: ticketTime(ticket) })) {
      return { outcome: 'held', ticket }
    }
    if (opts.queue) {
      const wait = _.and([same, _.or([{ [spec.count]: _.gte(capacity) }, { [spec.queued]: _.gt(0) }])]) as Record<string, unknown>
      if (await updateIf(db, spec, wait, { [spec.queued]: _.inc(1), [entry(spec.queue, key)]: ticket, [spec.touched]: ticketTime(ticket) })) {
        return { outcome: 'queued', ticket }
      }
    }
    // Neither matched: find out why — and only loop when another caller's change toggled the answer.
    const now = await readPlaces(db, spec, id, fieldsOf(opts.open), key)
    if (!now || !meets(now, opts.open)) return { outcome: 'closed' }
    if (key in now.holders) return { outcome: 'present', where: 'held', ticket: now.holders[key] }
    if (key in now.queue) return { outcome: 'present', where: 'queued', ticket: now.queue[key] }
    if (!opts.queue && now.count + n > now.capacity) return { outcome: 'full' }
    capacity = now.capacity
  }
  throw new Error(`places: ${spec.collection}/${id} changed ${MAX_ROUNDS} times under one join`)
}

/** Holders of one place each, unless the spec keeps units (then a whole positive number). */
function unitsOf(spec: PlacesSpec, units: number | undefined): number {
  const n = units ?? 1
  if (!Number.isSafeInteger(n) || n < 1 || (n !== 1 && !spec.units)) throw new Error(`places: bad units ${n} for ${spec.collection}`)
  return n
}

function unitsEntry(spec: PlacesSpec, key: string, n: number): Record<string, number> {
  return spec.units ? { [entry(spec.units, key)]: n } : {}
}

/** Where a key was before `leave` removed it. */
export type Left = 'held' | 'queued' | 'absent'

/** Removes `key` from the holders or the queue (whichever has it; `first` says where to look first). */
export async function leave(db: Db, spec: PlacesSpec, id: string, key: string, touched: number, first: 'held' | 'queued' = 'held', units?: number): Promise<Left> {
  checkKey(key)
  const _ = db.command
  const n = unitsOf(spec, units)
  const tries: Array<['held' | 'queued', string, string]> = [
    ['held', spec.holders, spec.count],
    ['queued', spec.queue, spec.queued],
  ]
  if (first === 'queued') tries.reverse()
  for (const [where, map, counter] of tries) {
    // With units, the entry must say the units given back: a caller cannot return more than it took.
    const cond = { _id: id, [entry(map, key)]: _.exists(true), ...(spec.units && where === 'held' ? { [entry(spec.units, key)]: n } : {}) }
    const data = { [entry(map, key)]: _.remove(), [counter]: _.inc(where === 'held' ? -n : -1), [spec.touched]: touched, ...(spec.units && where === 'held' ? { [entry(spec.units, key)]: _.remove() } : {}) }
    if (await updateIf(db, spec, cond, data)) return where
  }
  return 'absent'
}

/**
 * Ends a holder's entry but keeps its places taken: the mall's stock after a pickup (the goods left
 * the shelf for good, so nothing is given back). Answers whether this call removed the entry.
 */
export function settle(db: Db, spec: PlacesSpec, id: string, key: string, touched: number): Promise<boolean> {
  checkKey(key)
  const _ = db.command
  const data = { [entry(spec.holders, key)]: _.remove(), [spec.touched]: touched, ...(spec.units ? { [entry(spec.units, key)]: _.remove() } : {}) }
  return updateIf(db, spec, { _id: id, [entry(spec.holders, key)]: _.exists(true) }, data)
}

/**
 * Fills free places from the head of the queue, each move one conditional update (the key must still
 * wait, a place must still be free), so a place is given once however many callers fill at once.
 * Answers the keys this caller moved.
 */
export async function promote(db: Db, spec: PlacesSpec, id: string, ticket: number, open: Record<string, unknown>): Promise<string[]> {
  const _ = db.command
  const moved: string[] = []
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const s = await readPlaces(db, spec, id, fieldsOf(open))
    if (!s || !meets(s, open)) return moved
    const free = s.capacity - s.count
    const head = queueOrder(s.queue).slice(0, Math.max(0, free))
    if (!head.length) return moved
    for (const key of head) {
      const cond = { _id: id, ...open, [spec.capacity]: s.capacity, [spec.count]: _.lt(s.capacity), [entry(spec.queue, key)]: _.exists(true) }
      const data = {
        [entry(spec.queue, key)]: _.remove(),
        [entry(spec.holders, key)]: ticket,
        [spec.count]: _.inc(1),
        [spec.queued]: _.inc(-1),
        [spec.touched]: ticketTime(ticket),
      }
      if (!(await updateIf(db, spec, cond, data))) break
      moved.push(key)
    }
    // Either more places are free now, or someone else moved or left meanwhile (or the document
    // closed): read again and go on from there.
  }
  throw new Error(`places: ${spec.collection}/${id} changed ${MAX_ROUNDS} times under one promotion`)
}

/** Drops an entry a sweep found stale — only if it is still the one the sweep saw (same ticket). */
export function dropEntry(
  db: Db,
  spec: PlacesSpec,
  id: string,
  where: 'held' | 'queued',
  key: string,
  ticket: number,
  touched: number,
  units?: number,
): Promise<boolean> {
  checkKey(key)
  const n = where === 'held' ? unitsOf(spec, units) : 1
  const [map, counter] = where === 'held' ? [spec.holders, spec.count] : [spec.queue, spec.queued]
  const withUnits = spec.units && where === 'held'
  return updateIf(
    db,
    spec,
    { _id: id, [entry(map, key)]: ticket, ...(withUnits ? { [entry(spec.units!, key)]: n } : {}) },
    { [entry(map, key)]: db.command.remove(), [counter]: db.command.inc(-n), [spec.touched]: touched, ...(withUnits ? { [entry(spec.units!, key)]: db.command.remove() } : {}) },
  )
}
