import { z } from 'zod'
import { ActivityCard } from './activities'
import { Empty, FileId, Id, Page, PageInput, RequestId, Tags, Text, defineContract, MediaCheckPush } from './common'

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
export const JOIN_POLICY_LABELS: Record<(typeof JOIN_POLICIES)[number], string> = { open: '开放加入', approval: '需审核', invite: '仅限邀请' }

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
  /** The QR image of the group's WeChat chat (an own upload, checked like the cover): members only see it. */
  chatQr: FileId.nullable().default(null),
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
  /** The chat QR's file id and its check (admins and cadres see it in every state). */
  chatQr: z.string().nullable(),
  chatQrCheck: z.enum(['pending', 'pass', 'risky']).nullable(),
  /** The code an invite-only group is joined with (also in its mini-program code); null for other policies. */
  inviteCode: z.string().nullable(),
  /** Members now (active memberships, owner included). */
  members: z.number().int(),
  /** Distinct youth in this group and every group below it in the tower. */
  reach: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
})

export const MEMBER_ROLES = ['owner', 'admin', 'member'] as const
export type MemberRole = (typeof MEMBER_ROLES)[number]
export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = { owner: '群主', admin: '管理员', member: '成员' }
/** pending: a request waiting for an admin; the rest say how a membership ended (or that it holds). */
export const MEMBERSHIP_STATUSES = ['pending', 'active', 'rejected', 'left', 'removed'] as const
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number]

/** One youth's membership of one group, as the youth sees it. */
export const MembershipView = z.object({
  id: Id,
  groupId: Id,
  role: z.enum(MEMBER_ROLES),
  status: z.enum(MEMBERSHIP_STATUSES),
  requestedAt: z.number().int(),
  joinedAt: z.number().int().nullable(),
  /** Why an admin rejected or removed (shown to the youth). */
  reason: z.string().nullable(),
  /** Opted in to a subscription message for each new announcement. */
  subscribed: z.boolean(),
})

/** A member or an applicant, as the group's admins and the cadres in scope see them (no phone, no ID). */
export const MemberView = MembershipView.extend({
  userId: Id,
  name: z.string(),
  sector: z.string().nullable(),
  townshipName: z.string().nullable(),
  /** What the applicant wrote with the request. */
  message: z.string(),
})

/** A group as any youth sees it in discover and search: only a cover that passed its check. */
export const GroupCard = z.object({
  id: Id,
  name: z.string(),
  kind: GroupKind,
  tags: z.array(z.string()),
  description: z.string(),
  coverUrl: z.string().nullable(),
  orgName: z.string(),
  joinPolicy: JoinPolicy,
  capacity: z.number().int().nullable(),
  members: z.number().int(),
})

export const RecommendedGroup = GroupCard.extend({
  /** Why it is suggested, in the youth's own terms: 「因为你填写了兴趣：摄影」. */
  reason: z.string(),
  score: z.number(),
})

/** A group's page for a youth: the card, the tower around it, the youth's own membership. */
export const GroupDetail = GroupCard.extend({
  parentId: Id.nullable(),
  parentName: z.string().nullable(),
  /** A temporary URL of the WeChat chat's QR: for active members only, once it passed its check. */
  chatQrUrl: z.string().nullable(),
  membership: MembershipView.nullable(),
  /** The caller may manage this group: its owner or an admin, or a cadre whose org covers the group's. */
  canManage: z.boolean(),
  reach: z.number().int(),
})

export const ANNOUNCEMENT_STATUSES = ['published', 'pending', 'withdrawn'] as const
export const AnnouncementView = z.object({
  id: Id,
  groupId: Id,
  title: z.string(),
  body: z.string(),
  /** Temporary URLs: the pictures that passed their check (admins also see pending ones). */
  imageUrls: z.array(z.string()),
  /** published: members see it; pending: a picture's check has not answered yet (admins only). */
  status: z.enum(ANNOUNCEMENT_STATUSES),
  pinned: z.boolean(),
  authorName: z.string(),
  publishedAt: z.number().int(),
  /** Members who opened it, each once; for admins and cadres only (null for members). */
  readCount: z.number().int().nullable(),
  /** Members of the group when it was published, for "12 / 40 已读" (null for members). */
  memberCount: z.number().int().nullable(),
  replyCount: z.number().int(),
  /** The caller has opened it. */
  read: z.boolean(),
})

export const ReplyView = z.object({
  id: Id,
  announcementId: Id,
  authorName: z.string(),
  text: z.string(),
  hidden: z.boolean(),
  createdAt: z.number().int(),
  /** The caller wrote it. */
  mine: z.boolean(),
})

/** Figures of one group, or of a group with everything below it in the tower. */
export const GroupFigures = z.object({
  /** Active memberships now (distinct youth for the tower). */
  members: z.number().int(),
  /** Joined since the first of this month (distinct youth for the tower). */
  newThisMonth: z.number().int(),
  /** Read an announcement or took part in an activity in the last 30 days (distinct youth). */
  active30d: z.number().int(),
  /** Activities for the group (or any group of the tower) that took place. */
  activities: z.number().int(),
  /** Hours members served in those activities (approved). */
  hours: z.number(),
  groups: z.number().int(),
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

  // Membership ------------------------------------------------------------------------------
  joinGroup: {
    summary: '青年加入社群：开放加入的直接成为成员，需审核的提交申请，仅限邀请的须凭邀请码；已满则如实告知。重复提交得到同一份成员资格。',
    input: z.strictObject({
      groupId: Id,
      /** The invite code (typed, or carried by the group's mini-program code). */
      inviteCode: z.string().regex(/^[A-Z0-9]{6}$/, { error: '邀请码为6位字母或数字' }).optional(),
      /** 申请理由, for a group that approves each request. */
      message: Text('申请理由', 100, { min: 0, multiline: true }).default(''),
    }),
    output: z.object({ membership: MembershipView }),
  },
  leaveGroup: {
    summary: '青年退出社群，或撤回尚未审核的加入申请。',
    input: z.strictObject({ groupId: Id }),
    output: z.object({ membership: MembershipView }),
  },
  listJoinRequests: {
    summary: '社群管理员和范围内的团干部分页查看待审核的加入申请（先到先列）。',
    input: z.strictObject({ groupId: Id, ...PageInput }),
    output: Page(MemberView),
  },
  reviewJoinRequest: {
    summary: '社群管理员或范围内的团干部通过或拒绝一条加入申请；社群已满时不能通过。',
    audit: true,
    input: z
      .strictObject({ membershipId: Id, approve: z.boolean(), reason: Text('原因', 100, { min: 0 }).default('') })
      .refine((v) => v.approve || v.reason.trim().length > 0, { error: '请填写不通过的原因', path: ['reason'] }),
    output: z.object({ member: MemberView }),
  },
  listMembers: {
    summary: '社群管理员和范围内的团干部分页查看成员（群主、管理员在前）。',
    input: z.strictObject({ groupId: Id, ...PageInput }),
    output: Page(MemberView),
  },
  removeMember: {
    summary: '社群管理员或范围内的团干部移出一名成员（不能移出群主；管理员只能由群主或团干部移出）。',
    audit: true,
    input: z.strictObject({ membershipId: Id, reason: Text('原因', 100, { min: 2 }) }),
    output: z.object({ member: MemberView }),
  },
  setMemberRole: {
    summary: '群主或范围内的团干部设置、取消管理员。',
    audit: true,
    input: z.strictObject({ membershipId: Id, role: z.enum(['admin', 'member']) }),
    output: z.object({ member: MemberView }),
  },
  myGroups: {
    summary: '青年分页查看自己加入的社群和待审核的申请。',
    input: z.strictObject({ ...PageInput }),
    output: Page(z.object({ group: GroupCard, membership: MembershipView })),
  },
  openGroup: {
    summary: '青年打开社群主页：简介、上级社群、成员数、自己的成员资格；成员才看得到微信群二维码。',
    input: z.strictObject({ groupId: Id }),
    output: z.object({ group: GroupDetail }),
  },
  sweepMemberships: {
    summary: '定时：补完中途出错的加入、退出和塔群移动留下的覆盖人数，交还无人占用的社群名额；可重复执行。',
    timer: true,
    input: Empty,
    output: z.object({ settled: z.number().int(), seatsFreed: z.number().int(), more: z.boolean() }),
  },
  subscribeAnnouncements: {
    summary: '成员开启或关闭新公告的订阅消息提醒。',
    input: z.strictObject({ groupId: Id, subscribed: z.boolean() }),
    output: z.object({ membership: MembershipView }),
  },

  // Coverage and figures --------------------------------------------------------------------
  groupFigures: {
    summary: '社群管理员和范围内的团干部查看社群的成员、本月新增、近30天活跃、活动场次和服务时长，以及连同下级社群的合计（按人去重）。',
    input: z.strictObject({ groupId: Id }),
    output: z.object({ group: GroupFigures, tower: GroupFigures }),
  },
  orgCoverage: {
    summary: '团干部查看团组织（含下级）所有社群覆盖的青年人数（一人在多个社群只算一次）和社群数。',
    input: z.strictObject({ orgId: Id }),
    output: z.object({ orgId: Id, groups: z.number().int(), reach: z.number().int() }),
  },

  // Announcements ---------------------------------------------------------------------------
  postAnnouncement: {
    summary: '社群管理员发布公告（文字和图片，先经内容安全检查）；图片检查未出结果前只有管理员看得到；订阅的成员收到提醒。',
    audit: true,
    input: z.strictObject({
      requestId: RequestId,
      groupId: Id,
      title: Text('公告标题', 40, { min: 2 }),
      body: Text('公告内容', 2000, { min: 1, multiline: true }),
      images: z.array(FileId).max(9, { error: '最多9张图片' }).default([]),
      pinned: z.boolean().default(false),
    }),
    output: z.object({ announcement: AnnouncementView }),
  },
  pinAnnouncement: {
    summary: '社群管理员置顶或取消置顶一条公告。',
    audit: true,
    input: z.strictObject({ announcementId: Id, pinned: z.boolean() }),
    output: z.object({ announcement: AnnouncementView }),
  },
  listAnnouncements: {
    summary: '成员分页查看社群公告（置顶在前，新的在前）；管理员还看得到待检查的公告和已读人数。',
    input: z.strictObject({ groupId: Id, ...PageInput }),
    output: Page(AnnouncementView),
  },
  readAnnouncement: {
    summary: '成员打开一条公告：第一次打开计入已读（每人只计一次）。',
    input: z.strictObject({ announcementId: Id }),
    output: z.object({ announcement: AnnouncementView }),
  },
  replyToAnnouncement: {
    summary: '成员回复公告（经内容安全检查）；同一提交编号只回复一次。',
    audit: true,
    input: z.strictObject({ requestId: RequestId, announcementId: Id, text: Text('回复', 300, { min: 1, multiline: true }) }),
    output: z.object({ reply: ReplyView }),
  },
  listReplies: {
    summary: '成员分页查看公告的回复（先到先列）；被隐藏的回复只有管理员和作者本人看得到。',
    input: z.strictObject({ announcementId: Id, ...PageInput }),
    output: Page(ReplyView),
  },
  hideReply: {
    summary: '社群管理员隐藏或恢复一条回复。',
    audit: true,
    input: z.strictObject({ replyId: Id, hidden: z.boolean() }),
    output: z.object({ reply: ReplyView }),
  },
  announcementImageChecked: {
    summary: '微信消息推送（wxa_media_check）：公告图片的内容安全检查结果；全部通过后公告才对成员发布，有图片不通过则撤下。',
    push: 'wxa_media_check',
    input: MediaCheckPush,
    output: z.object({ applied: z.boolean() }),
  },

  // Discover --------------------------------------------------------------------------------
  searchGroups: {
    summary: '青年按名称或标签搜索本县区的社群。',
    input: z.strictObject({
      q: z.string().trim().max(20, { error: '搜索内容不能超过20个字' }).default(''),
      tag: z.string().trim().max(20).optional(),
      kind: GroupKind.optional(),
      ...PageInput,
    }),
    output: Page(GroupCard),
  },
  recommendGroups: {
    summary: '为你推荐：按青年填写的兴趣、特长、需求、行业和所在乡镇为其挑选本县区尚未加入的社群，并说明推荐理由。',
    input: z.strictObject({}),
    output: z.object({ items: z.array(RecommendedGroup) }),
  },
  groupCode: {
    summary: '社群管理员和范围内的团干部取得社群的小程序码（扫码打开社群和加入流程；仅限邀请的社群码中带邀请码）。',
    input: z.strictObject({ groupId: Id }),
    /** inviteCode: the code an invite-only group is joined with (the same the scene carries), for the admin to read out. */
    output: z.object({ scene: z.string().max(32), imageUrl: z.string(), inviteCode: z.string().nullable() }),
  },
  resolveGroupScene: {
    summary: '扫社群小程序码进入时，把码中的场景值解析为社群和邀请码。',
    input: z.strictObject({ scene: z.string().max(32, { error: '二维码内容不正确' }) }),
    output: z.object({ groupId: Id, inviteCode: z.string().nullable() }),
  },

  // Activities for a group ------------------------------------------------------------------
  listGroupActivities: {
    summary: '社群主页分页列出面向本社群（或其上级社群）成员的活动，新的在前。',
    input: z.strictObject({ groupId: Id, ...PageInput }),
    output: Page(ActivityCard),
  },
})

export type CommunityContract = typeof communityContract
export type GroupViewT = z.infer<typeof GroupView>
export type CreateGroupInputT = z.input<typeof CreateGroupInput>
export type MembershipViewT = z.infer<typeof MembershipView>
export type MemberViewT = z.infer<typeof MemberView>
export type GroupCardT = z.infer<typeof GroupCard>
export type GroupDetailT = z.infer<typeof GroupDetail>
export type AnnouncementViewT = z.infer<typeof AnnouncementView>
export type ReplyViewT = z.infer<typeof ReplyView>
export type GroupFiguresT = z.infer<typeof GroupFigures>
