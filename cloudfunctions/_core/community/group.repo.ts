import { getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { txGet, type Db, type Tx } from '../runtime/db'
import { requestDocId } from '../runtime/idempotency'
import { pageById, type PageRequest, type PageResult } from '../runtime/paging'
import { treeOf } from '../tree'
import { isOrgTop, toGroupView, type GroupDoc } from './group.rules'
import { memberCounts, reachOfGroups } from './membership.repo'

const GROUPS = COLLECTIONS.groups
const tree = treeOf<GroupDoc>(GROUPS)

/** A new group's id, from its creator and the request key: a retry after a lost reply lands on the same group. */
export function groupIdFor(openid: string, requestId: string): string {
  return requestDocId('g', openid, requestId, 16)
}

export function getGroup(db: Db, id: string): Promise<GroupDoc | null> {
  return tree.get(db, id)
}

export async function requireGroup(db: Db, id: string): Promise<GroupDoc> {
  const group = await getGroup(db, id)
  if (!group) throw new AppError('GROUP.NOT_FOUND')
  return group
}

export function txGroup(tx: Tx, id: string): Promise<GroupDoc | null> {
  return txGet<GroupDoc>(tx, GROUPS, id)
}

/** The group whose cover or chat QR waits for the image check `traceId` (over that field's index). */
export async function groupByTrace(db: Db, field: 'coverTrace' | 'chatQrTrace', traceId: string): Promise<GroupDoc | null> {
  const res = await db.collection(GROUPS).where({ [field]: traceId }).limit(1).get()
  return (res.data[0] as GroupDoc | undefined) ?? null
}

/** Writes the whole group under its id (a create or an edit); inside the caller's transaction. */
export async function putGroup(into: Tx, group: GroupDoc): Promise<void> {
  const { _id, ...rest } = group
  await into.collection(GROUPS).doc(_id).set({ data: rest })
}

/** Moves a group with everything below it in the tower (`_core/tree`; null: to the top); `inTx` adds the caller's audit entry. */
export function moveGroup(db: Db, group: GroupDoc, newParent: GroupDoc | null, now: number, inTx: (tx: Tx, moved: GroupDoc) => Promise<void>) {
  return tree.move(db, group, newParent, now, { orgTop: isOrgTop(group.orgId, newParent) }, inTx)
}

/** The groups heading an org's part of the tower (`orgTop`), a page at a time over the (orgId, orgTop) index. */
export function pageTopGroups(db: Db, orgId: string, page: PageRequest): Promise<PageResult<GroupDoc>> {
  return pageById<GroupDoc>(db, GROUPS, { orgId, orgTop: true }, page)
}

/** A group's direct children in the tower, a page at a time over the parentId index. */
export function pageChildGroups(db: Db, parentId: string, page: PageRequest): Promise<PageResult<GroupDoc>> {
  return pageById<GroupDoc>(db, GROUPS, { parentId }, page)
}

/** Groups as their admins and cadres see them: the org's name, the members now, the distinct youth of the subtree. */
export async function toGroupViews(db: Db, groups: GroupDoc[]) {
  const ids = groups.map((g) => g._id)
  const [orgs, members, reach] = await Promise.all([getOrgs(db, [...new Set(groups.map((g) => g.orgId))]), memberCounts(db, ids), reachOfGroups(db, ids)])
  return groups.map((g) => ({ ...toGroupView(g, orgs.get(g.orgId)?.name ?? GONE_ORG), members: members.get(g._id) ?? 0, reach: reach.get(g._id) ?? 0 }))
}

/** A group and every group below it in the tower. */
export async function subtreeOfGroup(db: Db, group: GroupDoc): Promise<GroupDoc[]> {
  return tree.subtree(db, group)
}

/** Groups of an org and every org below it (the underOrgs index). */
export async function countGroupsUnder(db: Db, orgId: string): Promise<number> {
  const res = await db.collection(GROUPS).where({ underOrgs: orgId }).count()
  return res.total
}
