import type { OrgKind } from '../../../types/enums'
import { AppError } from '../runtime/app-error'
import { assertNoCycle as noCycle, rootOf, type TreeNode } from '../tree/tree.rules'

/** The org tree (团组织), one tree of `_core/tree`: pure rules, no I/O. */
export { childPlacement, covers, rebase } from '../tree/tree.rules'
/** How a record names an org that no longer exists. */
export const GONE_ORG = '（组织已撤销）'

export interface OrgDoc extends TreeNode {
  name: string
  kind: OrgKind
  createdAt: number
  updatedAt: number
  /**
   * Set by a move (its time) in the move's own transaction, cleared once the records that carry the
   * org's chain (`underOrgs` on venues, goods, donors, orders) follow the new path: that rewrite needs
   * multi-document updates, which no transaction allows. While set, the move is owed its rewrite.
   */
  followPending?: number
}

/** Which kinds may sit directly under which: a county is a root; a branch has no children. */
export const ALLOWED_PARENTS: Record<OrgKind, readonly OrgKind[]> = {
  county: [],
  township: ['county'],
  working_committee: ['county', 'township'],
  branch: ['county', 'township', 'working_committee'],
}

export function assertCanPlace(kind: OrgKind, parent: Pick<OrgDoc, 'kind'>): void {
  if (parent.kind === 'branch') throw new AppError('ORG.HAS_CHILDREN')
  if (!ALLOWED_PARENTS[kind].includes(parent.kind)) throw new AppError('ORG.INVALID_PARENT')
}

/** An org may not move under itself or under anything below it. */
export function assertNoCycle(org: Pick<OrgDoc, '_id'>, newParent: Pick<OrgDoc, '_id' | 'path'>): void {
  noCycle(org, newParent, 'ORG.CYCLE')
}

/** The township (乡镇团委) an org belongs to, if any, given the org and its ancestors. */
export function townshipOf(org: OrgDoc, ancestors: Map<string, OrgDoc>): OrgDoc | null {
  if (org.kind === 'township') return org
  for (let i = org.path.length - 1; i >= 0; i--) {
    const a = ancestors.get(org.path[i])
    if (a?.kind === 'township') return a
  }
  return null
}

export function toOrgView(o: OrgDoc) {
  return { id: o._id, name: o.name, kind: o.kind, parentId: o.parentId, depth: o.depth }
}

/** The county (the root of the org tree) an org belongs to. */
export function countyOf(org: Pick<OrgDoc, '_id' | 'path'>): string {
  return rootOf(org)
}
