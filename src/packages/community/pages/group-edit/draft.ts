import type { InputOf } from '../../../../../types/contract/common'
import type { CommunityContract, GroupKind, GroupViewT } from '../../../../../types/contract/community'
import { numberOrUndefined } from '../../../../utils/form'
import type { OrgRef } from '../../../../utils/roles'
import { uuidV4 } from '../../../../utils/uuid'
import type { Picture } from '../../../cadre/pages/goods-edit/pictures-field'

export type CreateGroupPayload = InputOf<CommunityContract, 'createGroup'>
export type UpdateGroupPayload = InputOf<CommunityContract, 'updateGroup'>
type JoinPolicy = GroupViewT['joinPolicy']

/** What the group form holds, as typed, until it is sent. */
export interface GroupDraft {
  /** null: a new group. */
  groupId: string | null
  /**
   * Made when the form opens and sent with every attempt: a create whose reply was lost, sent again,
   * answers the group the first one made instead of making a second.
   */
  requestId: string
  org: OrgRef | null
  /** The group it goes under (null: the top of its tower); fixed once made, moved from the tower page. */
  parent: OrgRef | null
  name: string
  kind: GroupKind | ''
  tags: string[]
  description: string
  /** Zero or one picture each. */
  cover: Picture[]
  joinPolicy: JoinPolicy
  /** As typed; blank is 不限. */
  capacity: string
  chatQr: Picture[]
}

export function newGroupDraft(org: OrgRef | null, parent: OrgRef | null): GroupDraft {
  return {
    groupId: null,
    requestId: uuidV4(),
    org,
    parent,
    name: '',
    kind: '',
    tags: [],
    description: '',
    cover: [],
    joinPolicy: 'approval',
    capacity: '',
    chatQr: [],
  }
}

/**
 * A saved file shows by its file id: the mini program's image takes a cloud file id as its source,
 * and the group's view carries no temporary URL.
 */
function saved(fileId: string | null, check: 'pending' | 'pass' | 'risky' | null): Picture[] {
  return fileId ? [{ fileId, preview: fileId, check: check ?? 'pass' }] : []
}

export function draftFromGroup(g: GroupViewT, parentName: string | null): GroupDraft {
  return {
    groupId: g.id,
    requestId: uuidV4(),
    org: { id: g.orgId, name: g.orgName },
    parent: g.parentId ? { id: g.parentId, name: parentName ?? '上级社群' } : null,
    name: g.name,
    kind: g.kind,
    tags: g.tags,
    description: g.description,
    cover: saved(g.cover, g.coverCheck),
    joinPolicy: g.joinPolicy,
    capacity: g.capacity === null ? '' : String(g.capacity),
    chatQr: saved(g.chatQr, g.chatQrCheck),
  }
}

/** After a save the form shows the saved group, each picture still by the phone's own copy where it has one. */
export function afterSave(saved: GroupViewT, before: GroupDraft): GroupDraft {
  const keep = (next: Picture[], prev: Picture[]) => next.map((p) => ({ ...p, preview: prev.find((q) => q.fileId === p.fileId)?.preview ?? p.preview }))
  const next = draftFromGroup(saved, before.parent?.name ?? null)
  return { ...next, cover: keep(next.cover, before.cover), chatQr: keep(next.chatQr, before.chatQr) }
}

/** A capacity box left blank means no limit (null); anything else goes as typed, for the schema to judge. */
export function capacityOf(text: string): number | null {
  if (!text.trim()) return null
  return numberOrUndefined(text) ?? NaN
}

function fields(d: GroupDraft) {
  return {
    name: d.name,
    kind: d.kind as GroupKind,
    tags: d.tags,
    description: d.description,
    cover: d.cover[0]?.fileId ?? null,
    joinPolicy: d.joinPolicy,
    capacity: capacityOf(d.capacity),
    chatQr: d.chatQr[0]?.fileId ?? null,
  }
}

export function createPayload(d: GroupDraft): CreateGroupPayload {
  return { requestId: d.requestId, orgId: d.org?.id ?? '', parentGroupId: d.parent?.id ?? null, ...fields(d) }
}

export function updatePayload(d: GroupDraft): UpdateGroupPayload {
  return { groupId: d.groupId ?? '', ...fields(d) }
}

/** Messages for fields whose schema message would not read right on this form. */
export const FIELD_MESSAGES: Record<string, string> = {
  kind: '请选择社群类型',
  orgId: '请选择社群所属的团组织',
}

/** Which field a refusal from the server belongs under. */
export const FIELD_OF_CODE: Record<string, string> = {
  'ORG.NOT_FOUND': 'orgId',
  'GROUP.OTHER_COUNTY': 'parentGroupId',
  'GROUP.NOT_FOUND': 'parentGroupId',
}

/**
 * A refused file belongs under the picture the server names; without a name, under the one newly
 * chosen (a saved picture has its check, a new one none yet).
 */
export function fileField(d: GroupDraft): 'cover' | 'chatQr' {
  const fresh = (p: Picture[]) => p.some((x) => !x.check)
  return fresh(d.chatQr) && !fresh(d.cover) ? 'chatQr' : 'cover'
}
