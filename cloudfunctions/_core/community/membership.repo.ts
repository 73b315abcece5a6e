import { createHash } from 'node:crypto'
import type { MemberRole, MembershipStatus } from '../../../types/contract/community'
import { MANAGER_ROLES, rolesCovering, rolesOf } from '../access'
import { userIdFor } from '../profile/profile.repo'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import type { ActionContext } from '../runtime/context'
import { findByIds, isDuplicate, readAll, READ_ALL_CAP, type Db } from '../runtime/db'
import { dropEntry, join, leave, newTicket, readPlaces, ticketOf, ticketTime, type PlacesSpec } from '../runtime/places'
import { collectionSource, keysetPage, type PageRequest, type PageResult } from '../runtime/paging'
import { chainOf, treeOf } from '../tree'
import { addToNodes, coverageDocs, coverageOf, groupNode, nodesOf, orgNode, removeFromNodes, type NodeKey } from './coverage'
import { groupOrg, type GroupDoc } from './group.rules'
import { isActive, isGroupAdmin, membershipOfSeat, seatKeyFor, type MembershipDoc } from './membership.rules'

const MEMBERSHIPS = COLLECTIONS.memberships
const groups = treeOf<GroupDoc>(COLLECTIONS.groups)

/**
 * A group's places (runtime/places.ts) on a document of its own, so that reading a group never
 * carries the map of its members: `count` is the group's member count, `holders` the memberships
 * holding a place. A join takes a place by one conditional update, so at capacity under a storm each
 * youth is told the truth (joined or full), never "try again". Without a limit the capacity is
 * UNLIMITED and the same protocol still counts every member exactly once.
 */
export const SEATS: PlacesSpec = {
  collection: COLLECTIONS.groupSeats,
  capacity: 'capacity',
  count: 'count',
  queued: 'queued',
  holders: 'holders',
  queue: 'queue',
  touched: 'touched',
}
export const UNLIMITED = 1_000_000_000
const OPEN = { open: true }

/** A place held this long with no active membership beside it was left by a crash (the sweep gives it back). */
export const SEAT_GRACE_MS = 5 * 60_000

const seatCapacity = (g: Pick<GroupDoc, 'capacity'>) => g.capacity ?? UNLIMITED

export function getMembership(db: Db, id: string): Promise<MembershipDoc | null> {
  return db
    .collection(MEMBERSHIPS)
    .where({ _id: id })
    .limit(1)
    .get()
    .then((r) => (r.data[0] as MembershipDoc | undefined) ?? null)
}

export async function requireMembership(db: Db, id: string): Promise<MembershipDoc> {
  const m = await getMembership(db, id)
  if (!m) throw new AppError('GROUP.MEMBERSHIP_NOT_FOUND')
  return m
}

/** One membership per (group, youth); a key the places maps (runtime/places.ts) accept. */
export function membershipIdFor(groupId: string, userId: string): string {
  return `m_${createHash('sha256').update(`${groupId}|${userId}`).digest('base64url').slice(0, 24)}`
}

/** A membership's fields as a new state starts them (the request or the join at `now`). */
export function startMembership(
  group: Pick<GroupDoc, '_id' | 'orgId' | 'underOrgs'>,
  who: { userId: string; openid: string },
  seen: MembershipDoc | null,
  fields: { role: MemberRole; status: MembershipStatus; message: string },
  now: number,
) {
  return {
    _id: membershipIdFor(group._id, who.userId),
    groupId: group._id,
    userId: who.userId,
    openid: who.openid,
    orgId: group.orgId,
    underOrgs: group.underOrgs,
    role: fields.role,
    status: fields.status,
    message: fields.message,
    requestedAt: now,
    endedAt: null,
    reason: null,
    reviewedBy: null,
    // A youth who comes back keeps the choice they made about announcement messages.
    subscribed: seen?.subscribed ?? false,
    lastActiveAt: seen?.lastActiveAt ?? null,
    updatedAt: now,
  }
}


export function membershipOf(db: Db, groupId: string, userId: string): Promise<MembershipDoc | null> {
  return getMembership(db, membershipIdFor(groupId, userId))
}

// ---------------------------------------------------------------------------------------------
// Who may do what

export interface Authority {
  membership: MembershipDoc | null
  /** The caller holds a manager role whose org covers the group's org. */
  cadre: boolean
  /** A cadre in scope, or an active owner or admin of the group. */
  manager: boolean
}

export async function groupAuthority(ctx: ActionContext, group: GroupDoc): Promise<Authority> {
  const openid = ctx.openid()
  const [membership, roles] = await Promise.all([membershipOf(ctx.db, group._id, userIdFor(ctx.secrets(), openid)), rolesOf(ctx.db, openid)])
  const cadre = rolesCovering(roles, groupOrg(group), MANAGER_ROLES).length > 0
  return { membership, cadre, manager: cadre || isGroupAdmin(membership) }
}

/** An active member, or someone who manages the group; others are told they are not a member. */
export async function requireMember(ctx: ActionContext, group: GroupDoc): Promise<Authority> {
  const a = await groupAuthority(ctx, group)
  if (!a.manager && !isActive(a.membership)) throw new AppError('GROUP.NOT_MEMBER')
  return a
}

/** The group's owner or an admin, or a cadre in scope. */
export async function requireManager(ctx: ActionContext, group: GroupDoc): Promise<Authority> {
  const a = await groupAuthority(ctx, group)
  if (!a.manager) throw new AppError('AUTH.FORBIDDEN')
  return a
}

// ---------------------------------------------------------------------------------------------
// Places

/** Makes the group's places document exist with the group's current capacity (a cadre may have changed it). */
async function ensureSeats(db: Db, group: GroupDoc, now: number): Promise<number> {
  const capacity = seatCapacity(group)
  const s = await readPlaces(db, SEATS, group._id, {}, '-')
  if (s && s.capacity === capacity) return capacity
  if (s) {
    // A lower limit than the members now only stops new joins: nobody is put out.
    await db.collection(SEATS.collection).where({ _id: group._id }).update({ data: { capacity, touched: now } })
    return capacity
  }
  try {
    await db.collection(SEATS.collection).add({ data: { _id: group._id, capacity, count: 0, queued: 0, holders: {}, queue: {}, touched: now, open: true } })
  } catch (e) {
    if (!isDuplicate(e)) throw e
  }
  return capacity
}

/** Takes a place under `key`; answers when it was taken (the first time, for a retry), or 'full'. */
async function takeSeat(db: Db, group: GroupDoc, key: string, now: number): Promise<number | 'full'> {
  const capacity = await ensureSeats(db, group, now)
  const r = await join(db, SEATS, group._id, key, newTicket(now), { capacity, open: OPEN, queue: false })
  if (r.outcome === 'held' || r.outcome === 'present') return ticketTime(r.ticket)
  if (r.outcome === 'closed') throw new AppError('GROUP.NOT_FOUND')
  return 'full'
}

async function giveSeat(db: Db, groupId: string, key: string, now: number): Promise<void> {
  await leave(db, SEATS, groupId, key, now)
}

/**
 * A youth comes in (an open join, a join with the code, an approved request): the place first —
 * so a storm at capacity is answered by the places document, exactly — then the membership over the
 * state read, then the coverage. Answers null when the membership changed meanwhile (the place goes
 * back; the caller reads again and decides); refuses with GROUP.FULL when no place is free.
 */
export async function enter(db: Db, group: GroupDoc, seen: MembershipDoc | null, next: Omit<MembershipDoc, 'rev' | 'seat' | 'reached' | 'reachDue' | 'joinedAt'>, now: number): Promise<MembershipDoc | null> {
  const key = seatKeyFor(next, (seen?.rev ?? 0) + 1)
  const at = await takeSeat(db, group, key, now)
  if (at === 'full') throw new AppError('GROUP.FULL')
  const doc = await writeMembership(db, seen, { ...next, joinedAt: at, seat: key, rev: 0, reached: [], reachDue: true }, group)
  if (!doc) {
    // Another call of this youth's changed the membership first: if it came in with this very
    // place (the same join sent twice), the place is theirs; otherwise it goes back.
    const now2 = await getMembership(db, next._id)
    if (now2?.seat !== key) await giveSeat(db, group._id, key, now)
    return null
  }
  // The group is read again for the counts: a move of the tower that landed since the join read
  // it (and so could not mark this membership, not yet written) must be counted from where it is now.
  await settleReach(db, doc, (await groups.get(db, group._id)) ?? group)
  return doc
}

/**
 * A membership ends or a request is answered without a place (left, removed, rejected, withdrawn,
 * or a new request): the membership first, then its place back, then the coverage. Null when the
 * membership changed meanwhile. A crash between leaves a place the sweep gives back.
 */
export async function depart(db: Db, group: GroupDoc | null, seen: MembershipDoc | null, next: Omit<MembershipDoc, 'rev' | 'seat' | 'reached' | 'reachDue'>, now: number): Promise<MembershipDoc | null> {
  const doc = await writeMembership(db, seen, { ...next, seat: null, rev: 0, reached: [], reachDue: true }, group)
  if (!doc) return null
  if (seen?.seat) await giveSeat(db, next.groupId, seen.seat, now)
  await settleReach(db, doc, group)
  return doc
}

/** Active members per group: one query over the places documents, projected to their counts. */
export async function memberCounts(db: Db, groupIds: string[]): Promise<Map<string, number>> {
  const docs = await findByIds<{ _id: string; count: number }>(db, SEATS.collection, [...new Set(groupIds)], { count: true })
  return new Map(groupIds.map((id) => [id, docs.get(id)?.count ?? 0]))
}

// ---------------------------------------------------------------------------------------------
// Writing a membership

/**
 * Writes the next state of a membership over the one read (`seen`, null: none yet), or answers
 * false when it changed meanwhile. Each write raises `rev` and widens `reached` to the nodes the new
 * state counts under, so a crash before `settleReach` leaves `reachDue` set for the sweep to finish.
 */
async function writeMembership(db: Db, seen: MembershipDoc | null, next: MembershipDoc, group: GroupDoc | null): Promise<MembershipDoc | null> {
  const desired = isActive(next) && group ? nodesOf(group) : []
  const doc: MembershipDoc = { ...next, rev: (seen?.rev ?? 0) + 1, reached: union(seen?.reached ?? [], desired), reachDue: true }
  if (!seen) {
    try {
      await db.collection(MEMBERSHIPS).add({ data: { ...doc } })
      return doc
    } catch (e) {
      if (isDuplicate(e)) return null
      throw e
    }
  }
  const { _id, ...rest } = doc
  const res = await db
    .collection(MEMBERSHIPS)
    .where({ _id, rev: seen.rev })
    .update({ data: { ...rest, reached: db.command.set(rest.reached) } })
  return res.stats.updated === 1 ? doc : null
}

const union = <T>(a: T[], b: T[]) => [...new Set([...a, ...b])]

/**
 * Brings the coverage counts in line with the membership as stored now: counted under its group's
 * nodes while active, under none otherwise. Safe to run twice, or beside another run, or after a
 * later change (community/coverage.ts: marks of a later revision win); clears `reachDue` only if
 * nothing changed meanwhile.
 */
export async function settleReach(db: Db, m: MembershipDoc, group: GroupDoc | null): Promise<boolean> {
  const desired = isActive(m) && group ? nodesOf(group) : []
  let reached = m.reached
  if (desired.some((n) => !reached.includes(n))) {
    // The group moved since this state was written: name its new nodes before counting under them.
    reached = union(reached, desired)
    const res = await db
      .collection(MEMBERSHIPS)
      .where({ _id: m._id, rev: m.rev })
      .update({ data: { reached: db.command.set(reached) } })
    if (res.stats.updated !== 1) return false
  }
  const gone = reached.filter((n) => !desired.includes(n as NodeKey)) as NodeKey[]
  await Promise.all([addToNodes(db, desired, m.userId, m.groupId, m.rev), removeFromNodes(db, gone, m.userId, m.groupId, m.rev)])
  const res = await db
    .collection(MEMBERSHIPS)
    .where({ _id: m._id, rev: m.rev })
    .update({ data: { reached: db.command.set(desired), reachDue: false } })
  return res.stats.updated === 1
}

/** Memberships whose coverage a crash, a tower move or an org move left to finish, oldest change first. */
export async function dueReach(db: Db, before: number, limit: number): Promise<MembershipDoc[]> {
  const res = await db
    .collection(MEMBERSHIPS)
    .where({ reachDue: true, updatedAt: db.command.lt(before) })
    .orderBy('updatedAt', 'asc')
    .limit(limit)
    .get()
  return res.data as MembershipDoc[]
}

/** After a tower move: every membership of the moved groups counts under new nodes (the sweep settles them). */
export async function markGroupsMoved(db: Db, groupIds: string[], now: number): Promise<void> {
  const _ = db.command
  for (let i = 0; i < groupIds.length; i += 100) {
    await db
      .collection(MEMBERSHIPS)
      .where({ groupId: _.in(groupIds.slice(i, i + 100)) })
      .update({ data: { rev: _.inc(1), reachDue: true, updatedAt: now } })
  }
}

/** The groups of memberships, for settling (a group deleted meanwhile is simply absent). */
export function groupsOf(db: Db, ms: Pick<MembershipDoc, 'groupId'>[]): Promise<Map<string, GroupDoc>> {
  return groups.getMany(db, [...new Set(ms.map((m) => m.groupId))])
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function touchActive(db: Db, membershipId: string, now: number): Promise<void> {
  await db
    .collection(MEMBERSHIPS)
    .where({ _id: membershipId, status: 'active' })
    .update({ data: { lastActiveAt: now } })
}

/** The groups a youth holds a membership of in these states (a youth holds a handful; the (userId, status) index). */
export async function groupIdsOf(db: Db, userId: string, statuses: readonly MembershipDoc['status'][]): Promise<string[]> {
  const where = { userId, status: statuses.length === 1 ? statuses[0] : db.command.in([...statuses]) }
  return (await readAll<{ _id: string; groupId: string }>(db, MEMBERSHIPS, where, READ_ALL_CAP, { groupId: true })).map((d) => d.groupId)
}

/** The groups a youth is an active member of. */
export function activeGroupIdsOf(db: Db, userId: string): Promise<string[]> {
  return groupIdsOf(db, userId, ['active'])
}

/**
 * The tower chain (ancestors, then the group) of every group the youth is an active member of: two
 * reads, their memberships and those groups. An activity's group audience and the figures'
 * "active" mark both judge by it.
 */
export async function groupChainsOf(db: Db, userId: string): Promise<string[][]> {
  const ids = await activeGroupIdsOf(db, userId)
  if (!ids.length) return []
  return [...(await groups.getMany(db, ids)).values()].map(chainOf)
}

/** Distinct youth in each group's subtree of the tower. */
export async function reachOfGroups(db: Db, groupIds: string[]): Promise<Map<string, number>> {
  const counts = await coverageOf(db, groupIds.map(groupNode))
  return new Map(groupIds.map((id) => [id, counts.get(groupNode(id)) ?? 0]))
}

/** Distinct youth in the groups of an org's subtree. */
export async function reachOfOrg(db: Db, orgId: string): Promise<number> {
  return (await coverageOf(db, [orgNode(orgId)])).get(orgNode(orgId)) ?? 0
}

/** Places held by memberships that are not active — left by a crash between the place and the membership. */
export async function sweepSeats(db: Db, groupId: string, now: number): Promise<number> {
  const s = await readPlaces(db, SEATS, groupId)
  if (!s) return 0
  const stale = Object.entries(s.holders).filter(([, t]) => ticketTime(t) < now - SEAT_GRACE_MS)
  if (!stale.length) return 0
  const docs = await findByIds<MembershipDoc>(db, MEMBERSHIPS, stale.map(([k]) => membershipOfSeat(k)), { status: true, seat: true })
  let dropped = 0
  for (const [key, ticket] of stale) {
    const m = docs.get(membershipOfSeat(key))
    if (isActive(m) && m.seat === key) continue
    if (await dropEntry(db, SEATS, groupId, 'held', key, ticket, now)) dropped++
  }
  return dropped
}

/** Groups whose places moved since `since` (the sweep looks at these only). */
export async function seatsTouchedSince(db: Db, since: number, after: string | null, limit: number): Promise<string[]> {
  const _ = db.command
  const res = await db
    .collection(SEATS.collection)
    .where({ touched: _.gte(since), ...(after ? { _id: _.gt(after) } : {}) })
    .field({ _id: true })
    .orderBy('_id', 'asc')
    .limit(limit)
    .get()
  return (res.data as Array<{ _id: string }>).map((d) => d._id)
}

/**
 * A group's requests (`pending`, first come first) or members (`active`: the owner, the admins,
 * then members, each in the order they asked to join), a page at a time.
 */
export function pageMemberships(db: Db, groupId: string, status: 'pending' | 'active', page: PageRequest): Promise<PageResult<MembershipDoc>> {
  const _ = db.command
  const source = (tag: string, rank: number, where: Record<string, unknown>) =>
    collectionSource<MembershipDoc>(db, { tag, rank, collection: MEMBERSHIPS, where: { groupId, status, ...where }, field: 'requestedAt', dir: 'asc', at: (m) => m.requestedAt })
  const sources = status === 'pending' ? [source('p', 0, {})] : [source('o', 0, { role: 'owner' }), source('a', 1, { role: 'admin' }), source('m', 2, { role: 'member' })]
  return keysetPage(sources, 'asc', page)
}

/** A youth's memberships that hold or wait (active and pending), newest request first. */
export function pageMine(db: Db, userId: string, page: PageRequest): Promise<PageResult<MembershipDoc>> {
  const _ = db.command
  return keysetPage(
    [collectionSource<MembershipDoc>(db, { tag: 'm', collection: MEMBERSHIPS, where: { userId, status: _.in(['active', 'pending']) }, field: 'requestedAt', dir: 'desc', at: (m) => m.requestedAt })],
    'desc',
    page,
  )
}

/** A role change of an active member: it neither moves a place nor the coverage, so no new revision. */
export async function setRole(db: Db, seen: MembershipDoc, role: 'admin' | 'member', now: number): Promise<MembershipDoc> {
  const res = await db
    .collection(MEMBERSHIPS)
    .where({ _id: seen._id, status: 'active', role: db.command.neq('owner') })
    .update({ data: { role, updatedAt: now } })
  if (res.stats.updated !== 1) throw new AppError('GROUP.NOT_MEMBER', '这位青年已不在社群中。')
  return { ...seen, role, updatedAt: now }
}

/** Turns a member's announcement messages on or off. */
export async function setSubscribed(db: Db, seen: MembershipDoc, subscribed: boolean, now: number): Promise<MembershipDoc> {
  const res = await db
    .collection(MEMBERSHIPS)
    .where({ _id: seen._id, status: 'active' })
    .update({ data: { subscribed, updatedAt: now } })
  if (res.stats.updated !== 1) throw new AppError('GROUP.NOT_MEMBER')
  return { ...seen, subscribed, updatedAt: now }
}

/**
 * The cadre who makes a group is its owner, holding its first place. Run after the group is saved,
 * and again by a retry of the create (a no-op once the owner is in).
 */
export async function seatOwner(db: Db, group: GroupDoc, who: { openid: string; userId: string }, now: number): Promise<MembershipDoc> {
  for (;;) {
    const seen = await membershipOf(db, group._id, who.userId)
    if (isActive(seen)) return seen
    const made = await enter(db, group, seen, startMembership(group, who, seen, { role: 'owner', status: 'active', message: '' }, now), now)
    if (made) return made
  }
}

/** Settles the coverage of these memberships (see settleReach); answers how many came out settled. */
export async function settleMany(db: Db, ms: MembershipDoc[]): Promise<number> {
  const byId = await groupsOf(db, ms)
  let settled = 0
  for (let i = 0; i < ms.length; i += 10) {
    const done = await Promise.all(ms.slice(i, i + 10).map((m) => settleReach(db, m, byId.get(m.groupId) ?? null)))
    settled += done.filter(Boolean).length
  }
  return settled
}

/** Memberships of these groups still waiting to be settled (after a tower move), up to `limit` in all. */
export async function dueIn(db: Db, groupIds: string[], limit: number): Promise<MembershipDoc[]> {
  const out: MembershipDoc[] = []
  for (let i = 0; i < groupIds.length && out.length < limit; i += 100) {
    const res = await db
      .collection(MEMBERSHIPS)
      .where({ groupId: db.command.in(groupIds.slice(i, i + 100)), reachDue: true })
      .limit(limit - out.length)
      .get()
    out.push(...(res.data as MembershipDoc[]))
  }
  return out
}

/**
 * Documents for loading memberships in bulk (the seed, the bench), as the actions would have left
 * them settled: each active membership holding its place, counted under its group's nodes, and each
 * group's places document. `ms` are membership fields as startMembership gives them, plus joinedAt.
 */
export function settledDocs(groupsById: ReadonlyMap<string, GroupDoc>, ms: Array<Omit<MembershipDoc, 'rev' | 'seat' | 'reached' | 'reachDue'>>) {
  const memberships: MembershipDoc[] = ms.map((m) => {
    const group = groupsById.get(m.groupId)!
    const on = isActive(m as MembershipDoc)
    return { ...m, rev: 1, seat: on ? seatKeyFor(m, 1) : null, reached: on ? nodesOf(group) : [], reachDue: false }
  })
  const held = new Map<string, Record<string, number>>([...groupsById.keys()].map((id) => [id, {}]))
  for (const m of memberships) if (m.seat) held.get(m.groupId)![m.seat] = ticketOf(m.joinedAt ?? 0, 0)
  const seats = [...groupsById.values()].map((g) => {
    const holders = held.get(g._id)!
    return { _id: g._id, capacity: seatCapacity(g), count: Object.keys(holders).length, queued: 0, holders, queue: {}, touched: 0, open: true }
  })
  return { memberships, seats, coverage: coverageDocs(groupsById, memberships.filter((m) => m.seat)) }
}

/**
 * A youth took part in an activity for group `groupId`: each of their memberships in that group's
 * subtree (the audience) counts as active now — the figures' "active in the last 30 days".
 */
export async function touchActiveUnder(db: Db, userId: string, groupId: string, now: number): Promise<void> {
  const theirs = (await groupChainsOf(db, userId)).filter((chain) => chain.includes(groupId)).map((chain) => chain[chain.length - 1])
  if (!theirs.length) return
  await db
    .collection(MEMBERSHIPS)
    .where({ _id: db.command.in(theirs.map((id) => membershipIdFor(id, userId))), status: 'active' })
    .update({ data: { lastActiveAt: now } })
}
