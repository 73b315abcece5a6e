import { randomBytes } from 'node:crypto'
import type { OrgKind } from '../../../types/enums'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { type Db, type Tx } from '../runtime/db'
import { childPlacement, ROOT_PLACEMENT, treeOf } from '../tree'
import type { OrgDoc } from './org.rules'

const ORGS = COLLECTIONS.orgs
const tree = treeOf<OrgDoc>(ORGS)

export function newOrgId(): string {
  return `o_${randomBytes(8).toString('hex')}`
}

export function getOrg(db: Db, id: string): Promise<OrgDoc | null> {
  return tree.get(db, id)
}

export async function requireOrg(db: Db, id: string): Promise<OrgDoc> {
  const org = await getOrg(db, id)
  if (!org) throw new AppError('ORG.NOT_FOUND')
  return org
}

export function getOrgs(db: Db, ids: string[]): Promise<Map<string, OrgDoc>> {
  return tree.getMany(db, ids)
}

/** The org and everything below it, optionally only `levels` levels deep. */
export function subtree(db: Db, root: OrgDoc, levels?: number): Promise<OrgDoc[]> {
  return tree.subtree(db, root, levels)
}

export async function subtreeIds(db: Db, root: OrgDoc): Promise<string[]> {
  return (await subtree(db, root)).map((o) => o._id)
}

export function roots(db: Db): Promise<OrgDoc[]> {
  return tree.roots(db)
}

export async function insertOrg(
  into: Tx,
  fields: { _id?: string; name: string; kind: OrgKind; parent: OrgDoc | null },
  now: number,
): Promise<OrgDoc> {
  const placement = fields.parent ? childPlacement(fields.parent) : ROOT_PLACEMENT
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
 * Moves an org with its subtree (`_core/tree`: one transaction of doc-level updates). `inTx` runs
 * inside the same transaction so the caller can add its audit entry. The moved org is marked
 * `followPending` (the move's time) in the same transaction: the records below it still carry the old
 * chain until the caller (or, if it dies first, the `followOrgMoves` timer) rewrites them.
 */
export async function moveOrg(
  db: Db,
  org: OrgDoc,
  newParent: OrgDoc,
  now: number,
  inTx: (tx: Tx, moved: OrgDoc) => Promise<void>,
): Promise<{ org: OrgDoc; moved: number }> {
  const { node, moved } = await tree.move(db, org, newParent, now, { followPending: now }, inTx)
  return { org: node, moved }
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
