import { z } from 'zod'
import { Gender, InviteCode, Need, OrgKind, OrgName, OrgView, Role, RoleView, Sector } from './account'
import { Id, Page, PageInput, Text, defineContract } from './common'

/**
 * What cadres and admins do in their scope, served by the user function: the org tree's edits, the
 * youth profiles in scope, roles and invite codes. Apart from account.ts so that the main package's
 * pages carry none of these schemas.
 */

/** What a cadre sees of a youth in their scope. */
export const ProfileSummary = z.object({
  userId: Id,
  realName: z.string(),
  gender: Gender,
  age: z.number().int(),
  phoneMasked: z.string(),
  orgId: Id,
  orgName: z.string(),
  sector: Sector,
  leagueMember: z.boolean(),
  skills: z.array(z.string()),
  needs: z.array(Need),
})

export const InviteView = z.object({
  code: z.string(),
  role: Role,
  orgId: Id,
  orgName: z.string(),
  /** The venue an invite's role is held at; null for an org role. */
  venueId: Id.nullable().optional(),
  venueName: z.string().nullable().optional(),
  note: z.string().nullable(),
  expiresAt: z.number().int(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  status: z.enum(['active', 'expired', 'used_up', 'revoked']),
  createdAt: z.number().int(),
})

export const adminContract = defineContract('user', {
  createOrg: {
    summary: '管理员在自己范围内新建下级团组织。',
    audit: true,
    input: z.strictObject({ parentId: Id, name: OrgName, kind: OrgKind }),
    output: z.object({ org: OrgView }),
  },
  renameOrg: {
    summary: '管理员修改团组织名称。',
    audit: true,
    input: z.strictObject({ orgId: Id, name: OrgName }),
    output: z.object({ org: OrgView }),
  },
  moveOrg: {
    summary: '管理员把团组织（连同下级）移到新的上级之下；不能形成环。',
    audit: true,
    input: z.strictObject({ orgId: Id, newParentId: Id }),
    output: z.object({ org: OrgView, moved: z.number().int() }),
  },
  listProfiles: {
    summary: '团干部查看自己范围内的青年档案（手机号打码）。',
    input: z.strictObject({ orgId: Id, q: Text('搜索词', 20).optional(), ...PageInput }),
    output: Page(ProfileSummary),
  },
  listRoles: {
    summary: '查看某团组织及下级的角色授权；给出场所时只看这个场所的。',
    input: z.strictObject({ orgId: Id, venueId: Id.optional(), ...PageInput }),
    output: Page(RoleView),
  },
  grantRole: {
    summary:
      '在自己范围内给已登记的用户授予角色，不能高于自己。给出场所（须在该团组织及下级之内、未停用）时，核销员或团代表只在这个场所任职，不管理团组织。',
    audit: true,
    input: z.strictObject({ userId: Id, role: Role, orgId: Id, venueId: Id.optional() }),
    output: z.object({ role: RoleView }),
  },
  revokeRole: {
    summary: '收回自己范围内的一项角色授权；对方凭这项角色发放、仍可使用的邀请码一并作废，并返回作废的个数。',
    audit: true,
    input: z.strictObject({ roleId: Id }),
    output: z.object({ revoked: z.literal(true), closedInvites: z.number().int() }),
  },
  createInvite: {
    summary: '生成邀请码（角色 + 团组织或其中的场所 + 有效期 + 可用次数）。',
    audit: true,
    input: z.strictObject({
      role: Role,
      orgId: Id,
      /** A venue inside orgId's subtree: the code hands out a clerk or representative role at that venue. */
      venueId: Id.optional(),
      expiresInDays: z.number().int().min(1).max(30).default(7),
      maxUses: z.number().int().min(1).max(200).default(1),
      note: Text('备注', 40).optional(),
    }),
    output: z.object({ invite: InviteView }),
  },
  listInvites: {
    summary: '查看某团组织及下级的邀请码；给出场所时只看这个场所的。',
    input: z.strictObject({ orgId: Id, venueId: Id.optional(), ...PageInput }),
    output: Page(InviteView),
  },
  revokeInvite: {
    summary: '作废一个邀请码。',
    audit: true,
    input: z.strictObject({ code: InviteCode }),
    output: z.object({ invite: InviteView }),
  },
})

export type AdminContract = typeof adminContract
export type ProfileSummaryT = z.infer<typeof ProfileSummary>
export type InviteViewT = z.infer<typeof InviteView>
