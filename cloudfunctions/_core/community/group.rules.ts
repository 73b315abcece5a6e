import type { GroupKind } from '../../../types/contract/community'
import type { CoverFields } from '../activity/activity.cover'
import { covers, type OrgDoc } from '../org/org.rules'
import { AppError } from '../runtime/app-error'
import { assertNoCycle as noCycle, chainOf, rootOf, type TreeNode } from '../tree/tree.rules'

/**
 * A group (社群), one node of the group tower (`_core/tree`): pure rules, no I/O. The tower is the
 * groups' own tree (parentId/path/depth over groups); the org a group belongs to is a separate link,
 * carried with the org's chain (`underOrgs`) so a cadre's scope and an org's list read one index.
 */
export interface GroupDoc extends TreeNode, CoverFields {
  name: string
  kind: GroupKind
  tags: string[]
  description: string
  joinPolicy: 'open' | 'approval' | 'invite'
  capacity: number | null
  orgId: string
  /** The org and every org above it (the org's chain, its root being the county). */
  underOrgs: string[]
  /**
   * Whether the group heads its org's part of the tower: no parent group, or a parent of another org
   * (a township's group under the county's). An org's list starts from these. Only the group's own
   * move changes it: neither a group's org nor its parent's ever changes.
   */
  orgTop: boolean
  /**
   * The code an invite-only group is joined with (membership.rules `newGroupInviteCode`), also carried
   * by its mini-program code; kept across edits while the policy stays invite, null for other policies.
   * Absent on groups made before codes.
   */
  inviteCode?: string | null
  /** The QR image of the group's WeChat chat (an own upload), checked like the cover; members only see it. */
  chatQr?: string | null
  chatQrCheck?: CoverFields['coverCheck']
  /** The pending check of the chat QR (its `wxa_media_check` push settles it, over the chatQrTrace index). */
  chatQrTrace?: string | null
  requestHash?: string
  createdBy: string
  createdAt: number
  updatedAt: number
}

/** The fields a cadre sets on create and on every edit, as the group stores them. */
export function editableFields(f: Pick<GroupDoc, 'name' | 'kind' | 'tags' | 'description' | 'joinPolicy' | 'capacity'>) {
  return { name: f.name, kind: f.kind, tags: f.tags, description: f.description, joinPolicy: f.joinPolicy, capacity: f.capacity }
}

/**
 * The invite code a group keeps under `policy`: the one it has while it stays invite-only, a new one
 * (`make`) when it becomes so, none otherwise — so a code handed out stays good across edits.
 */
export function inviteCodeFor(policy: GroupDoc['joinPolicy'], kept: string | null | undefined, make: () => string): string | null {
  if (policy !== 'invite') return null
  return kept ?? make()
}

/** The chat QR's fields seen as a cover's, so the cover's check and its verdict serve it unchanged. */
export function chatQrAsCover(g: Pick<GroupDoc, 'chatQr' | 'chatQrCheck' | 'chatQrTrace'>): CoverFields {
  return { cover: g.chatQr ?? null, coverCheck: g.chatQrCheck ?? null, coverTrace: g.chatQrTrace ?? null }
}

/** A cover-shaped check (activity.cover `checkCover`, `coverVerdict`) stored as the chat QR's fields. */
export function coverAsChatQr(c: CoverFields): Pick<GroupDoc, 'chatQr' | 'chatQrCheck' | 'chatQrTrace'> {
  return { chatQr: c.cover ?? null, chatQrCheck: c.coverCheck ?? null, chatQrTrace: c.coverTrace ?? null }
}

/** The group's org as the scope rules see it: its id and its ancestors. */
export function groupOrg(group: Pick<GroupDoc, 'orgId' | 'underOrgs'>): Pick<OrgDoc, '_id' | 'path'> {
  return { _id: group.orgId, path: group.underOrgs.slice(0, -1) }
}

/** The county a group belongs to: the root of its org's chain. */
export function groupCounty(group: Pick<GroupDoc, 'orgId' | 'underOrgs'>): string {
  return rootOf(groupOrg(group))
}

/**
 * Where a group of `org` may hang: under a group of the same county (a tower never crosses counties,
 * whose cadres answer to different committees), and there under a group of its own org or an org
 * above it (a branch's group under the township's, an association under the county's alliance), or
 * under one the caller manages anyway — never under a neighbouring township's group that neither
 * the group's org nor the caller answers to.
 */
export function assertMayHangUnder(org: Pick<OrgDoc, '_id' | 'path'>, parent: Pick<GroupDoc, 'orgId' | 'underOrgs'>, callerManagesParent: boolean): void {
  if (rootOf(org) !== groupCounty(parent)) throw new AppError('GROUP.OTHER_COUNTY')
  if (!chainOf(org).includes(parent.orgId) && !callerManagesParent) throw new AppError('GROUP.PARENT_OUT_OF_SCOPE')
}

/** Does a group of `orgId` under `parent` head its org's part of the tower. */
export function isOrgTop(orgId: string, parent: Pick<GroupDoc, 'orgId'> | null): boolean {
  return parent === null || parent.orgId !== orgId
}

/** A group may not move under itself or under anything below it. */
export function assertNoGroupCycle(group: Pick<GroupDoc, '_id'>, newParent: Pick<GroupDoc, '_id' | 'path'>): void {
  noCycle(group, newParent, 'GROUP.CYCLE')
}

/** Does an org's subtree (a cadre's or admin's scope at `holderOrgId`) hold the group's org. */
export function groupInOrg(holderOrgId: string, group: Pick<GroupDoc, 'orgId' | 'underOrgs'>): boolean {
  return covers(holderOrgId, groupOrg(group))
}

export function toGroupView(g: GroupDoc, orgName: string) {
  return {
    id: g._id,
    name: g.name,
    kind: g.kind,
    tags: g.tags,
    description: g.description,
    cover: g.cover ?? null,
    coverCheck: g.cover ? (g.coverCheck ?? 'pass') : null,
    joinPolicy: g.joinPolicy,
    capacity: g.capacity,
    orgId: g.orgId,
    orgName,
    parentId: g.parentId,
    depth: g.depth,
    chatQr: g.chatQr ?? null,
    chatQrCheck: g.chatQr ? (g.chatQrCheck ?? 'pass') : null,
    inviteCode: g.joinPolicy === 'invite' ? (g.inviteCode ?? null) : null,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  }
}
