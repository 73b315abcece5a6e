import { COLLECTIONS } from '../runtime/collections'
import { isDuplicate, type Db } from '../runtime/db'

/**
 * Coverage: how many distinct youth a group's whole subtree of the tower reaches, and an org's
 * subtree — right when one youth is in several groups under the same node, and one read to answer.
 *
 * Each node (a group, or an org) has SHARDS documents; a youth's entry sits in the shard their id
 * hashes to: `users.<userId> = { n, g: { <groupId>: mark } }`, with `count` = entries whose n > 0.
 * A node's coverage is the sum of its shards' counts: one query of SHARDS small projected documents,
 * however large the tower. A join writes the entry of its group's nodes only (the group, the groups
 * above it, its org and the orgs above: about eight), each by one conditional single-document update
 * whose condition names only that youth's entry — so thousands joining at once never conflict on the
 * county's documents (other youths' entries are not in the condition), and every update is applied
 * exactly once or not at all.
 *
 * A mark is the membership's revision (`rev`, raised by every change of it): positive while counted,
 * the negated revision once taken away (a tombstone). A change at revision r only overrides marks of
 * older revisions, so a slow settle of an older state (a join whose answer is still on its way when
 * the youth has already left) can never count the youth again.
 */
export const SHARDS = 16

const COVERAGE = COLLECTIONS.groupReach

export type NodeKey = `g:${string}` | `o:${string}`
export const groupNode = (id: string): NodeKey => `g:${id}`
export const orgNode = (id: string): NodeKey => `o:${id}`

/** The shard of a youth: a stable hash of the id (FNV-1a), the same on every instance. */
export function shardOf(userId: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 0x01000193)
  return (h >>> 0) % SHARDS
}

const shardId = (node: NodeKey, shard: number) => `${node}~${shard}`

/** The nodes a membership of `group` counts under: the group and every group above it, its org and every org above. */
export function nodesOf(group: { _id: string; path: string[]; underOrgs: string[] }): NodeKey[] {
  return [...group.path, group._id].map(groupNode).concat(group.underOrgs.map(orgNode))
}

interface Entry {
  n: number
  g: Record<string, number>
}

/** Enough attempts to outlast any storm on one youth's entry (each failed attempt: that youth's own other change landed). */
const MAX_ROUNDS = 100

async function readEntry(db: Db, id: string, userId: string): Promise<{ exists: boolean; entry: Entry | null }> {
  const res = await db.collection(COVERAGE).where({ _id: id }).field({ [`users.${userId}`]: true, count: true }).limit(1).get()
  const d = res.data[0] as { users?: Record<string, Entry> } | undefined
  return { exists: !!d, entry: d?.users?.[userId] ?? null }
}

async function create(db: Db, node: NodeKey, shard: number): Promise<void> {
  try {
    await db.collection(COVERAGE).add({ data: { _id: shardId(node, shard), node, shard, count: 0, users: {} } })
  } catch (e) {
    if (!isDuplicate(e)) throw e // created by another join at the same moment
  }
}

/**
 * Sets the mark of (youth, group) under `node` to `mark` (positive: counted at revision |mark|;
 * negative: taken away at it), unless a mark of the same or a later revision is there. One
 * conditional update on exactly what was read of this youth's entry; read again when it moved.
 */
async function setMark(db: Db, node: NodeKey, userId: string, groupId: string, mark: number): Promise<void> {
  const _ = db.command
  const shard = shardOf(userId)
  const id = shardId(node, shard)
  const u = `users.${userId}`
  const rev = Math.abs(mark)
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { exists, entry } = await readEntry(db, id, userId)
    if (!exists) {
      await create(db, node, shard)
      continue
    }
    const seen = entry?.g[groupId]
    if (seen !== undefined && Math.abs(seen) >= rev) return // this change, or a later one, is there
    const wasCounted = seen !== undefined && seen > 0
    const counted = mark > 0
    const n = entry?.n ?? 0
    const nextN = n + (counted ? 1 : 0) - (wasCounted ? 1 : 0)
    // The youth starts or stops being covered by the node when their count of groups under it
    // crosses zero: only then does the node's count move.
    const delta = (nextN > 0 ? 1 : 0) - (n > 0 ? 1 : 0)
    const where = entry
      ? { _id: id, [`${u}.n`]: n, [`${u}.g.${groupId}`]: seen === undefined ? _.exists(false) : seen }
      : { _id: id, [u]: _.exists(false) }
    const data = entry
      ? { [`${u}.n`]: nextN, [`${u}.g.${groupId}`]: mark, ...(delta ? { count: _.inc(delta) } : {}) }
      : { [u]: { n: nextN, g: { [groupId]: mark } }, ...(delta ? { count: _.inc(delta) } : {}) }
    const res = await db.collection(COVERAGE).where(where).update({ data })
    if (res.stats.updated === 1) return
  }
  throw new Error(`coverage: ${id} entry of ${userId} changed ${MAX_ROUNDS} times under one mark`)
}

/** Counts (youth, group) under each node at revision `rev` (an add of a membership that is active at that revision). */
export async function addToNodes(db: Db, nodes: NodeKey[], userId: string, groupId: string, rev: number): Promise<void> {
  await Promise.all(nodes.map((node) => setMark(db, node, userId, groupId, rev)))
}

/** Takes (youth, group) away from each node at revision `rev`. */
export async function removeFromNodes(db: Db, nodes: NodeKey[], userId: string, groupId: string, rev: number): Promise<void> {
  await Promise.all(nodes.map((node) => setMark(db, node, userId, groupId, -rev)))
}

/** Distinct youth under each node: one query over the nodes' shards, projected to their counts. */
export async function coverageOf(db: Db, nodes: NodeKey[]): Promise<Map<NodeKey, number>> {
  const out = new Map<NodeKey, number>(nodes.map((n) => [n, 0]))
  const unique = [...new Set(nodes)]
  // A page of up to 1000 shard documents per query (the server SDK's limit): 62 nodes at a time.
  const perQuery = Math.floor(1000 / SHARDS)
  for (let i = 0; i < unique.length; i += perQuery) {
    const part = unique.slice(i, i + perQuery)
    const res = await db
      .collection(COVERAGE)
      .where({ node: db.command.in(part) })
      .field({ node: true, count: true })
      .limit(part.length * SHARDS)
      .get()
    for (const d of res.data as Array<{ node: NodeKey; count: number }>) out.set(d.node, (out.get(d.node) ?? 0) + d.count)
  }
  return out
}

/**
 * The coverage documents for a set of active memberships, built in memory: what the marks come to
 * when every membership has been settled. For loading a seed or a bench in bulk, and the brute-force
 * side of the tests' comparison is the membership documents themselves, not this.
 */
export function coverageDocs(
  groups: ReadonlyMap<string, { _id: string; path: string[]; underOrgs: string[] }>,
  memberships: Iterable<{ userId: string; groupId: string; rev: number }>,
): Array<{ _id: string; node: NodeKey; shard: number; count: number; users: Record<string, Entry> }> {
  const docs = new Map<string, { _id: string; node: NodeKey; shard: number; count: number; users: Record<string, Entry> }>()
  for (const m of memberships) {
    const group = groups.get(m.groupId)
    if (!group) continue
    const shard = shardOf(m.userId)
    for (const node of nodesOf(group)) {
      const id = shardId(node, shard)
      const doc = docs.get(id) ?? { _id: id, node, shard, count: 0, users: {} }
      docs.set(id, doc)
      const entry = (doc.users[m.userId] ??= { n: 0, g: {} })
      if (entry.g[m.groupId] !== undefined) continue
      entry.g[m.groupId] = m.rev
      if (entry.n++ === 0) doc.count++
    }
  }
  return [...docs.values()]
}
