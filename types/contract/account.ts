import { z } from 'zod'
import {
  GENDERS,
  GUARDIAN_RELATIONS,
  NEEDS,
  ORG_KINDS,
  ROLES,
  SECTORS,
} from '../enums'
import { CalendarDate, Empty, Id, IdNumber, Mobile, Tags, Text, defineContract } from './common'

/**
 * A person's own account, served by the user function: their profile (青年档案), the privacy guide they
 * accepted, the roles they hold and redeem, and the org tree they choose from. What cadres and admins
 * do in their scope is in admin.ts.
 */

export const Gender = z.enum(GENDERS, { error: '请选择性别' })
export const Sector = z.enum(SECTORS, { error: '请选择所在领域' })
export const Need = z.enum(NEEDS, { error: '需求选项不正确' })
export const OrgKind = z.enum(ORG_KINDS, { error: '组织类型不正确' })
export const Role = z.enum(ROLES, { error: '角色不正确' })

export const GuardianConsent = z.strictObject({
  name: Text('监护人姓名', 20, { min: 2 }),
  relation: z.enum(GUARDIAN_RELATIONS, { error: '请选择与监护人的关系' }),
  phone: Mobile,
  agreed: z.literal(true, { error: '需要监护人勾选同意' }),
})

/** Fields a youth fills in and may change later. */
const ProfileFields = {
  realName: Text('姓名', 20, { min: 2 }).refine((s) => /^[\u4e00-\u9fa5A-Za-z·•. ]+$/.test(s), {
    error: '姓名只能包含汉字、字母和间隔号',
  }),
  gender: Gender,
  birthDate: CalendarDate,
  phone: Mobile,
  idNumber: IdNumber.optional(),
  orgId: Id,
  sector: Sector,
  skills: Tags('专业特长', 10, 20).default([]),
  interests: Tags('兴趣爱好', 10, 20).default([]),
  needs: z.array(Need).max(NEEDS.length).default([]),
  leagueMember: z.boolean({ error: '请选择是否为共青团员' }),
  elderMode: z.boolean().default(false),
}

export const RegisterInput = z.strictObject({
  ...ProfileFields,
  privacyVersion: Text('隐私保护指引版本', 20),
  guardian: GuardianConsent.optional(),
})

export const UpdateProfileInput = z
  .strictObject({
    realName: ProfileFields.realName.optional(),
    gender: Gender.optional(),
    birthDate: CalendarDate.optional(),
    phone: Mobile.optional(),
    idNumber: IdNumber.optional(),
    orgId: Id.optional(),
    sector: Sector.optional(),
    skills: Tags('专业特长', 10, 20).optional(),
    interests: Tags('兴趣爱好', 10, 20).optional(),
    needs: z.array(Need).max(NEEDS.length).optional(),
    leagueMember: z.boolean().optional(),
    elderMode: z.boolean().optional(),
    guardian: GuardianConsent.optional(),
  })
  .refine((o) => Object.keys(o).length > 0, { error: '没有需要修改的内容' })

/** What the owner sees of their own profile: phone and ID only masked. */
export const ProfileView = z.object({
  userId: Id,
  realName: z.string(),
  gender: Gender,
  birthDate: z.string(),
  age: z.number().int(),
  phoneMasked: z.string(),
  idMasked: z.string().nullable(),
  orgId: Id,
  orgName: z.string(),
  townshipId: Id.nullable(),
  townshipName: z.string().nullable(),
  sector: Sector,
  skills: z.array(z.string()),
  interests: z.array(z.string()),
  needs: z.array(Need),
  leagueMember: z.boolean(),
  elderMode: z.boolean(),
  guardianName: z.string().nullable(),
  privacyVersion: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
})

export const OrgView = z.object({
  id: Id,
  name: z.string(),
  kind: OrgKind,
  parentId: Id.nullable(),
  depth: z.number().int(),
})

export const RoleView = z.object({
  id: Id,
  role: Role,
  orgId: Id,
  orgName: z.string(),
  /** The venue a venue-scoped role is held at (then it covers that venue only); null for an org role. */
  venueId: Id.nullable().optional(),
  venueName: z.string().nullable().optional(),
  userId: Id.nullable(),
  userName: z.string().nullable(),
  via: z.enum(['grant', 'invite', 'bootstrap']),
  grantedAt: z.number().int(),
})

export const OrgName = Text('组织名称', 40, { min: 2 })

export const InviteCode = z
  .string({ error: '请输入邀请码' })
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{8}$/, { error: '邀请码是8位字母或数字' }))

export const accountContract = defineContract('user', {
  me: {
    summary: '当前用户的档案、角色和隐私指引版本；未登记时 profile 为 null。',
    input: Empty,
    output: z.object({
      profile: ProfileView.nullable(),
      roles: z.array(RoleView),
      privacy: z.object({ current: z.string(), accepted: z.string().nullable() }),
    }),
  },
  register: {
    summary: '登记青年档案（实名）。须同意当前隐私指引；未满14周岁须监护人同意。',
    input: RegisterInput,
    output: z.object({ profile: ProfileView }),
  },
  updateProfile: {
    summary: '修改自己的青年档案，只改传入的字段。',
    input: UpdateProfileInput,
    output: z.object({ profile: ProfileView }),
  },
  acceptPrivacy: {
    summary: '已登记用户同意新版隐私保护指引（版本须为当前版本）。',
    input: z.strictObject({ privacyVersion: Text('隐私保护指引版本', 20) }),
    output: z.object({ privacy: z.object({ current: z.string(), accepted: z.string().nullable() }) }),
  },
  getOrgTree: {
    summary: '读取团组织树：rootId 之下 depth 层（不传 rootId 则从各县区起）。',
    input: z.strictObject({ rootId: Id.optional(), depth: z.number().int().min(1).max(6).default(3) }),
    output: z.object({ orgs: z.array(OrgView) }),
  },
  redeemInvite: {
    summary: '使用邀请码获得角色（须已登记档案）；发码人须仍有权授予这个角色，不能使用自己发放的邀请码。',
    audit: true,
    input: z.strictObject({ code: InviteCode }),
    output: z.object({ role: RoleView }),
  },
  bootstrap: {
    summary: '部署后首次使用：配置中指定的微信用户建立县区团委并成为管理员。',
    audit: true,
    input: z.strictObject({ countyName: OrgName }),
    output: z.object({ org: OrgView, role: RoleView }),
  },
})

export type AccountContract = typeof accountContract
export type ProfileViewT = z.infer<typeof ProfileView>
export type OrgViewT = z.infer<typeof OrgView>
export type RoleViewT = z.infer<typeof RoleView>
export type RegisterInputT = z.input<typeof RegisterInput>
