import type { OrgKind } from '../../../types/enums'
import { AppError } from '../runtime/app-error'

/** The org tree (团组织): pure rules, no I/O. */
/** How a record names an org that no longer exists. */
export const GONE_ORG = '（组织已撤销）'

export interface OrgDoc {
  _id: string
  name: string
  kind: OrgKind
  parentId: string | null
  /** Ancestor ids from the root down, not including the org itself. */
  path: string[]
  depth: number
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
  if (newParent._id === org._id || newParent.path.includes(org._id)) throw new AppError('ORG.CYCLE')
}

/** Does an org (the holder of a role) cover a target org: itself or any org below it. */
export function covers(holderOrgId: string, target: Pick<OrgDoc, '_id' | 'path'>): boolean {
  return target._id === holderOrgId || target.path.includes(holderOrgId)
}

export function childPlacement(parent: Pick<OrgDoc, '_id' | 'path' | 'depth'>): Pick<OrgDoc, 'parentId' | 'path' | 'depth'> {
  return { parentId: parent._id, path: [...parent.path, parent._id], depth: parent.depth + 1 }
}

/**
 * Where a descendant lands when `moved` goes under `newParent`: its ancestors above `moved` are
 * replaced by the new parent's path; everything from `moved` down stays.
 */
export function rebase(
  desc: Pick<OrgDoc, 'path'>,
  moved: Pick<OrgDoc, '_id'>,
  newParent: Pick<OrgDoc, '_id' | 'path'>,
): Pick<OrgDoc, 'path' | 'depth'> {
  const at = desc.path.indexOf(moved._id)
  if (at < 0) throw new Error(`${moved._id} is not an ancestor`)
  const path = [...newParent.path, newParent._id, ...desc.path.slice(at)]
  return { path, depth: path.length }
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
  return org.path[0] ?? org._id
}
