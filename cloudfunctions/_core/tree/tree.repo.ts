import { AppError } from '../runtime/app-error'
import { findById, findByIds, readAll, transaction, txGet, type Db, type Tx } from '../runtime/db'
import { childPlacement, rebase, ROOT_PLACEMENT, type TreeNode } from './tree.rules'

/**
 * The reads and the move every tree needs, over one collection whose documents are `TreeNode`s
 * (indexes on `parentId` and `path`): the org tree (`_core/org`) is one; groups and venues use the same.
 */
export interface Tree<T extends TreeNode> {
  get(db: Db, id: string): Promise<T | null>
  getMany(db: Db, ids: string[]): Promise<Map<string, T>>
  /** The node and everything below it, optionally only `levels` levels deep. */
  subtree(db: Db, root: T, levels?: number): Promise<T[]>
  roots(db: Db): Promise<T[]>
  /**
   * Moves `node` under `newParent` (null: to the top, a root of its own; groups move so) and rewrites
   * the path of everything below it, in one transaction of doc-level updates (CloudBase transactions
   * allow nothing else). Refused with GENERIC.CONFLICT if the node moved meanwhile. `extra` adds
   * fields to the moved node's own update; `inTx` runs in the same transaction (the caller's audit
   * entry). Answers the node as placed and how many nodes moved.
   */
  move(db: Db, node: T, newParent: T | null, now: number, extra: Partial<T>, inTx: (tx: Tx, moved: T) => Promise<void>): Promise<{ node: T; moved: number }>
}

export function treeOf<T extends TreeNode & { updatedAt: number }>(collection: string): Tree<T> {
  const all = (db: Db, where: Record<string, unknown>): Promise<T[]> => readAll<T>(db, collection, where)
  return {
    get: (db, id) => findById<T>(db, collection, id),
    getMany: (db, ids) => findByIds<T>(db, collection, ids),
    async subtree(db, root, levels) {
      const where: Record<string, unknown> = { path: root._id }
      if (levels !== undefined) where.depth = db.command.lte(root.depth + levels)
      return [root, ...(await all(db, where))]
    },
    roots: (db) => all(db, { parentId: null }),
    async move(db, node, newParent, now, extra, inTx) {
      const descendants = await all(db, { path: node._id })
      return transaction(db, async (tx) => {
        const fresh = await txGet<T>(tx, collection, node._id)
        if (!fresh || fresh.parentId !== node.parentId) throw new AppError('GENERIC.CONFLICT')
        const placement = newParent ? childPlacement(newParent) : ROOT_PLACEMENT
        const placed: T = { ...fresh, ...placement, ...extra, updatedAt: now }
        await tx.collection(collection).doc(node._id).update({ data: { ...placement, ...extra, updatedAt: now } })
        for (const d of descendants) {
          const r = rebase(d, node, newParent)
          await tx.collection(collection).doc(d._id).update({ data: { path: r.path, depth: r.depth, updatedAt: now } })
        }
        await inTx(tx, placed)
        return { node: placed, moved: descendants.length + 1 }
      })
    },
  }
}
