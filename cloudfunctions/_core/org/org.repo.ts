import { randomBytes } from 'node:crypto'
import type { OrgKind } from '../../../types/enums'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, readAll, transaction, txGet, type Db, type Tx } from '../runtime/db'
import { childPlacement, rebase, type OrgDoc } from './org.rules'

const ORGS = COLLECTIONS.orgs

export function newOrgId(): string {
  return `o_${randomBytes(8).toString('hex')}`
}

export async function getOrg(db: Db, id: string): Promise<OrgDoc | null> {
  return findById<OrgDoc>(db, ORGS, id)
}

export async function requireOrg(db: Db, id: string): Promise<OrgDoc> {
  const org = await getOrg(db, id)
  if (!org) throw new AppError('ORG.NOT_FOUND')
  return org
}

export function getOrgs(db: Db, ids: string[]): Promise<Map<string, OrgDoc>> {
  return findByIds<OrgDoc>(db, ORGS, ids)
}

const all = (db: Db, where: Record<string, unknown>): Promise<OrgDoc[]> => readAll<OrgDoc>(db, ORGS, where)

/** The org and everything below it, optionally only `levels` levels deep. */
export async function subtree(db: Db, root: OrgDoc, levels?: number): Promise<OrgDoc[]> {
  const _ = db.command
  const where: Record<string, unknown> = { path: root._id }
  if (levels !== undefined) where.depth = _.lte(root.depth + levels)
  return [root, ...(await all(db, where))]
}

export async function subtreeIds(db: Db, root: OrgDoc): Promise<string[]> {
  return (await subtree(db, root)).map((o) => o._id)
}

export function roots(db: Db): Promise<OrgDoc[]> {
  return all(db, { parentId: null })
}

export async function insertOrg(
  into: Tx,
  fields: { _id?: string; name: string; kind: OrgKind; parent: OrgDoc | null },
  now: number,
): Promise<OrgDoc> {
  const placement = fields.parent ? childPlacement(fields.parent) : { parentId: null, path: [], depth: 0 }
  const doc: OrgDoc = { _id: fields._id ?? newOrgId(), name: fields.name, kind: fields.kind, ...placement, createdAt: now, updatedAt: now }
  const { _id, ...rest } = doc
  await into.collection(ORGS).doc(_id).set({ data: rest })
  return doc
}

export async function renameOrg(into: Tx, org: OrgDoc, name: string, now: number): Promise<OrgDoc> {
  await into.collection(ORGS).doc(org._id).update({ data: { name, updatedAt: now } })
  return { ...org, name, updatedAt: now }
}

/**
 * Moves an org and rewrites the path of everything below it, in one transaction of doc-level
 * updates (CloudBase transactions allow nothing else). `inTx` runs inside the same transaction so
 * the caller can add its audit entry. The moved org is marked `followPending` (the move's time) in
 * the same transaction: the records below it still carry the old chain until the caller (or, if it
 * dies first, the `followOrgMoves` timer) rewrites them and clears the mark.
 */
export async function moveOrg(
  db: Db,
  org: OrgDoc,
  newParent: OrgDoc,
  now: number,
  inTx: (tx: Tx, moved: OrgDoc) => Promise<void>,
): Promise<{ org: OrgDoc; moved: number }> {
  const descendants = await all(db, { path: org._id })
  return transaction(db, async (tx) => {
    const fresh = await txGet<OrgDoc>(tx, ORGS, org._id)
    if (!fresh || fresh.parentId !== org.parentId) throw new AppError('GENERIC.CONFLICT')
    const placed = { ...fresh, ...childPlacement(newParent), updatedAt: now, followPending: now }
    await tx.collection(ORGS).doc(org._id).update({ data: { parentId: placed.parentId, path: placed.path, depth: placed.depth, updatedAt: now, followPending: now } })
    for (const d of descendants) {
      const r = rebase(d, org, newParent)
      await tx.collection(ORGS).doc(d._id).update({ data: { path: r.path, depth: r.depth, updatedAt: now } })
    }
    await inTx(tx, placed)
    return { org: placed, moved: descendants.length + 1 }
  })
}

/**
 * Moves marked at or before `before`, oldest first (over the `followPending` index): each is owed the
 * timer's pass, which finishes what a mover that died or failed left and clears the mark.
 */
export async function movesOwed(db: Db, before: number, limit: number): Promise<OrgDoc[]> {
  const res = await db.collection(ORGS).where({ followPending: db.command.lte(before) }).orderBy('followPending', 'asc').limit(limit).get()
  return res.data as OrgDoc[]
}

/**
 * Clears the mark of the move made at `at`, only while it is still that move's: a later move of the
 * same org has set its own, which its own rewrite clears. Answers whether this one cleared it.
 */
export async function clearFollow(db: Db, orgId: string, at: number): Promise<boolean> {
  const res = await db.collection(ORGS).where({ _id: orgId, followPending: at }).update({ data: { followPending: db.command.remove() } })
  return res.stats.updated === 1
}
