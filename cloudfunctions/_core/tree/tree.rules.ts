import { AppError } from '../runtime/app-error'
import type { ErrorCode } from '../../../types/errors'

/**
 * One tree for everything placed in a tower — orgs (团组织), groups (社群) and venues (阵地): pure rules,
 * no I/O. A node carries its ancestors from the root down (`path`, multikey-indexed), so "everything
 * under X" is one indexed query (`path: X`) and "is X above Y" reads Y alone.
 */
export interface TreeNode {
  _id: string
  parentId: string | null
  /** Ancestor ids from the root down, not including the node itself. */
  path: string[]
  depth: number
}

type Placed = Pick<TreeNode, '_id' | 'path'>

/** Where a new root sits. */
export const ROOT_PLACEMENT: Pick<TreeNode, 'parentId' | 'path' | 'depth'> = { parentId: null, path: [], depth: 0 }

/** Where a new child of `parent` sits. */
export function childPlacement(parent: Pick<TreeNode, '_id' | 'path' | 'depth'>): Pick<TreeNode, 'parentId' | 'path' | 'depth'> {
  return { parentId: parent._id, path: [...parent.path, parent._id], depth: parent.depth + 1 }
}

/** Is `target` the node `holderId` or anything below it. */
export function covers(holderId: string, target: Placed): boolean {
  return target._id === holderId || target.path.includes(holderId)
}

/** The node's chain: its ancestors from the root down, then itself (what records under it carry). */
export function chainOf(node: Placed): string[] {
  return [...node.path, node._id]
}

/** The root of the tree a node is in. */
export function rootOf(node: Placed): string {
  return node.path[0] ?? node._id
}

/** A node may not move under itself or under anything below it: `code` says so in the tree's words. */
export function assertNoCycle(node: Pick<TreeNode, '_id'>, newParent: Placed, code: ErrorCode): void {
  if (covers(node._id, newParent)) throw new AppError(code)
}

/**
 * Where a descendant lands when `moved` goes under `newParent` (null: `moved` becomes a root): its
 * ancestors above `moved` are replaced by the new parent's chain; everything from `moved` down stays.
 */
export function rebase(desc: Pick<TreeNode, 'path'>, moved: Pick<TreeNode, '_id'>, newParent: Placed | null): Pick<TreeNode, 'path' | 'depth'> {
  const at = desc.path.indexOf(moved._id)
  if (at < 0) throw new Error(`${moved._id} is not an ancestor`)
  const path = [...(newParent ? chainOf(newParent) : []), ...desc.path.slice(at)]
  return { path, depth: path.length }
}
