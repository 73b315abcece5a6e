import { z } from 'zod'
import { FileId, Id, Page, PageInput, RequestId, Tags, Text, defineContract, MediaCheckPush } from './common'

/**
 * Groups (网上青年社群), served by the community function: each belongs to an org and sits in a tower
 * of groups (a parent group, or none at the top). This part is the groups themselves, as the cadres in
 * the org's scope create, edit, move and list them; membership and announcements come on top.
 */

export const GROUP_KINDS = ['org_group', 'interest', 'volunteer_team', 'industry', 'association', 'alliance'] as const
export type GroupKind = (typeof GROUP_KINDS)[number]
/** 团组织网群、兴趣社群、青年突击队、行业社群（电商、快递外卖等）、青年社团、联盟。 */
export const GROUP_KIND_LABELS: Record<GroupKind, string> = {
  org_group: '团组织网群',
  interest: '兴趣社群',
  volunteer_team: '青年突击队',
  industry: '行业社群',
  association: '青年社团',
  alliance: '联盟',
}
export const GroupKind = z.enum(GROUP_KINDS, { error: '社群类型不正确' })

/** open: anyone joins; approval: an admin approves each request; invite: only with the group's code or QR. */
export const JOIN_POLICIES = ['open', 'approval', 'invite'] as const
export const JoinPolicy = z.enum(JOIN_POLICIES, { error: '加入方式不正确' })

/** Null: no limit. */
const Capacity = z.number({ error: '人数上限格式不正确' }).int({ error: '人数上限须为整数' }).min(2, { error: '人数上限至少2人' }).max(100000, { error: '人数上限不能超过100000人' }).nullable()

const GroupFields = {
  name: Text('社群名称', 30, { min: 2 }),
  kind: GroupKind,
  tags: Tags('标签', 8, 10),
  description: Text('简介', 500, { multiline: true }),
  /** The cover's file id: the caller's own upload, checked like activity covers. */
  cover: FileId.nullable(),
  joinPolicy: JoinPolicy,
  capacity: Capacity,
}

export const GroupView = z.object({
  id: Id,
  name: z.string(),
  kind: GroupKind,
  tags: z.array(z.string()),
  description: z.string(),
  cover: z.string().nullable(),
  /** The cover's content check: others will see it only once it passed. */
  coverCheck: z.enum(['pending', 'pass', 'risky']).nullable(),
  joinPolicy: JoinPolicy,
  capacity: z.number().int().nullable(),
  orgId: Id,
  orgName: z.string(),
  parentId: Id.nullable(),
  depth: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
})

export const CreateGroupInput = z.strictObject({
  requestId: RequestId,
  orgId: Id,
  /** Null: a group at the top of its tower. */
  parentGroupId: Id.nullable(),
  ...GroupFields,
})

export const UpdateGroupInput = z.strictObject({ groupId: Id, ...GroupFields })

export const communityContract = defineContract('community', {
  createGroup: {
    summary: '团干部在自己范围内新建社群，可放在上级社群之下（塔群）；同一提交编号只建一个。',
    audit: true,
    input: CreateGroupInput,
    output: z.object({ group: GroupView }),
  },
  updateGroup: {
    summary: '团干部修改自己范围内社群的名称、类型、标签、简介、封面、加入方式和人数上限。',
    audit: true,
    input: UpdateGroupInput,
    output: z.object({ group: GroupView }),
  },
  moveGroup: {
    summary: '团干部把社群连同下级社群移到另一个上级社群之下（同一县区内），或移到顶层。',
    audit: true,
    input: z.strictObject({ groupId: Id, newParentId: Id.nullable() }),
    output: z.object({ group: GroupView, moved: z.number().int() }),
  },
  groupCoverChecked: {
    summary: '微信消息推送（wxa_media_check）：社群封面图片的内容安全检查结果；通过后封面才对成员显示。',
    push: 'wxa_media_check',
    input: MediaCheckPush,
    output: z.object({ applied: z.boolean() }),
  },
  getGroup: {
    summary: '团干部查看自己范围内的一个社群。',
    input: z.strictObject({ groupId: Id }),
    output: z.object({ group: GroupView }),
  },
  listGroups: {
    summary: '团干部分页查看某团组织在塔群中最上层的社群（没有上级社群，或上级社群属于其他团组织），或某个社群的直接下级社群。',
    input: z
      .strictObject({ orgId: Id.optional(), parentGroupId: Id.optional(), ...PageInput })
      .refine((v) => (v.orgId === undefined) !== (v.parentGroupId === undefined), { error: '请指定团组织或上级社群（二选一）' }),
    output: Page(GroupView),
  },
})

export type CommunityContract = typeof communityContract
export type GroupViewT = z.infer<typeof GroupView>
export type CreateGroupInputT = z.input<typeof CreateGroupInput>
