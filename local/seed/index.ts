import { createHash } from 'node:crypto'
import { uploadPath } from '../../types/contract/common'
import { PRIVACY_VERSION } from '../../types/enums'
import { roleIdFor } from '../../cloudfunctions/_core/access/access.repo'
import type { RoleDoc } from '../../cloudfunctions/_core/access/access.rules'
import type { OrgDoc } from '../../cloudfunctions/_core/org/org.rules'
import { newProfile } from '../../cloudfunctions/_core/profile/profile.accept'
import { userIdFor } from '../../cloudfunctions/_core/profile/profile.repo'
import { assertAcceptable, type ProfileDoc } from '../../cloudfunctions/_core/profile/profile.rules'
import { COLLECTIONS } from '../../cloudfunctions/_core/runtime/collections'
import type { Secrets } from '../../cloudfunctions/_core/runtime/secrets'
import type { FileStore } from '../emulator'
import { loadCollections } from '../emulator/manifest'
import { seedActivities, type SeedPictures } from './activities'
import { seedCommunity } from './community'
import { seedStations } from './stations'
import type { SeedStore } from './store'
import { seedMall, type GoodsPictures } from './mall'
import { landscape, product } from './pictures'
import { ORG_TREE, type SeedOrg } from './orgs'
import { generateYouth, regionOf, residentIdNumber, type SeedYouth } from './youth'

/** What the seed needs of the emulator's store: an upsert and a read by `_id`. */
export type { SeedStore } from './store'

export const SEED_TIME = Date.parse('2026-09-01T08:00:00+08:00')

export function flattenOrgs(tree: SeedOrg[], parent: OrgDoc | null = null, now = SEED_TIME): OrgDoc[] {
  return tree.flatMap((o) => {
    const doc: OrgDoc = {
      _id: o.id,
      name: o.name,
      kind: o.kind,
      parentId: parent?._id ?? null,
      path: parent ? [...parent.path, parent._id] : [],
      depth: parent ? parent.depth + 1 : 0,
      createdAt: now,
      updatedAt: now,
    }
    return [doc, ...flattenOrgs(o.children ?? [], doc, now)]
  })
}

/**
 * A seed person's profile, built and accepted as register builds and accepts one (newProfile,
 * assertAcceptable), so the demo profiles cannot differ from what the action would have stored.
 */
function profileDoc(secrets: Secrets, y: SeedYouth, extra: Partial<ProfileDoc> = {}): ProfileDoc {
  const age = assertAcceptable({ birthDate: y.birthDate, gender: y.gender, idNumber: y.idNumber ?? null, hasGuardian: false }, SEED_TIME)
  return { ...newProfile(secrets, y.openid, { ...y, elderMode: false, privacyVersion: PRIVACY_VERSION }, age, SEED_TIME), ...extra }
}

const PERSONAS_AS_TYPED: (SeedYouth & { elderMode?: boolean })[] = [
  { openid: 'dev-youth', realName: '王晓青', gender: 'female', birthDate: '2001-05-04', phone: '13835601234', orgId: 'yc-rc-b1', sector: 'ecommerce', skills: ['直播带货', '短视频剪辑'], interests: ['读书', '志愿服务'], needs: ['skills_training', 'entrepreneurship'], leagueMember: true },
  { openid: 'dev-cadre', realName: '李建国', gender: 'male', birthDate: '1972-03-12', phone: '13935607788', orgId: 'yc-rc', sector: 'public_sector', skills: ['农技'], interests: ['象棋'], needs: [], leagueMember: false, elderMode: true },
  { openid: 'dev-admin', realName: '张文静', gender: 'female', birthDate: '1988-10-20', phone: '13703561122', orgId: 'yc', sector: 'public_sector', skills: ['写作'], interests: ['跑步'], needs: [], leagueMember: false },
  { openid: 'dev-yuci-admin', realName: '郭志强', gender: 'male', birthDate: '1986-07-01', phone: '13903541010', orgId: 'yuci', sector: 'public_sector', skills: [], interests: [], needs: [], leagueMember: false },
  { openid: 'dev-committee', realName: '刘洋', gender: 'male', birthDate: '1991-04-18', phone: '13603545566', orgId: 'yuci-jl', sector: 'public_sector', skills: ['公文写作', '组织活动'], interests: ['篮球'], needs: [], leagueMember: true },
  { openid: 'dev-rep', realName: '赵敏', gender: 'female', birthDate: '1996-12-09', phone: '15903542323', orgId: 'yuci-jl-b1', sector: 'enterprise', skills: ['英语'], interests: ['旅行'], needs: ['further_study'], leagueMember: true },
  // 润城镇青年之家兑换点's 核销员: her role names that venue, so it comes with the mall (./mall.ts).
  { openid: 'dev-clerk', realName: '王秀兰', gender: 'female', birthDate: '1979-08-15', phone: '13935602468', orgId: 'yc-rc', sector: 'public_sector', skills: ['收银'], interests: ['广场舞'], needs: [], leagueMember: false },
]

/** The personas have their ID numbers on file too (the first registered of their birth day). */
const PERSONA_PROFILES = PERSONAS_AS_TYPED.map((p) => ({ ...p, idNumber: residentIdNumber(p.birthDate, p.gender, 1, regionOf(p.orgId)) }))

const PERSONA_ROLES: { openid: string; role: RoleDoc['role']; orgId: string }[] = [
  { openid: 'dev-cadre', role: 'cadre', orgId: 'yc-rc' },
  { openid: 'dev-admin', role: 'admin', orgId: 'yc' },
  { openid: 'dev-yuci-admin', role: 'admin', orgId: 'yuci' },
  { openid: 'dev-rep', role: 'representative', orgId: 'yuci-jl' },
]

export interface SeedSummary {
  orgs: number
  profiles: number
  roles: number
  activities: number
  /** 社群 (./community.ts): the groups of both towers and the memberships (requests included). */
  groups: number
  memberships: number
  /** 联络站 and 青年之家 (./stations.ts): venues, posts and this season's station activities. */
  stations: number
  homes: number
}

/**
 * A seed picture as the person's own upload, drawn once per key (`shift` comes from the key, so two
 * pictures of one kind differ); its file id, or null without storage.
 */
type SeedUpload = (openid: string, key: string, draw: (shift: number) => Buffer) => string | null

function seedUpload(secrets: Secrets, files: FileStore | undefined): SeedUpload {
  if (!files) return () => null
  return (openid, key, draw) => {
    const hash = createHash('sha256').update(key).digest('hex')
    const path = uploadPath(userIdFor(secrets, openid), `seed-${hash.slice(0, 16)}.png`)
    if (!files.exists(path)) {
      const put = files.put(path, draw(parseInt(hash.slice(0, 6), 16)), openid)
      if (!put.ok) throw new Error(`seed picture ${key}: ${put.reason}`)
    }
    return files.fileId(path)
  }
}

/** Covers and evidence photos: landscapes. */
const seedPictures = (upload: SeedUpload): SeedPictures => (openid, key, variant) => upload(openid, key, (shift) => landscape(variant, 750, 400, shift))

/** Goods pictures: the thing given, square. */
const goodsPictures = (upload: SeedUpload): GoodsPictures => (openid, key, shape) => upload(openid, key, (shift) => product(shape, 480, shift))

/**
 * Idempotent: every document has a stable id, so running it again rewrites the same orgs, profiles
 * and roles. The activities (./activities.ts) are written only where absent, so a used store keeps
 * what people did since; upcoming ones are placed relative to `now`.
 */
export function seed(
  store: SeedStore,
  secrets: Secrets,
  youthCount = 300,
  now: number = Date.now(),
  opts: { activities?: boolean; files?: FileStore; mall?: boolean } = {},
): SeedSummary {
  store.createCollections(loadCollections())
  const orgs = flattenOrgs(ORG_TREE)
  for (const o of orgs) store.upsert(COLLECTIONS.orgs, { ...o })
  const branchIds = orgs.filter((o) => o.kind === 'branch').map((o) => o._id)
  const youth = generateYouth(youthCount, branchIds)
  const profiles = [
    ...PERSONA_PROFILES.map((p) => profileDoc(secrets, p, { elderMode: p.elderMode ?? false })),
    ...youth.map((y) => profileDoc(secrets, y)),
  ]
  for (const p of profiles) store.upsert(COLLECTIONS.profiles, { ...p })
  for (const r of PERSONA_ROLES) {
    const role: RoleDoc = {
      _id: roleIdFor(r.openid, r.role, r.orgId),
      openid: r.openid,
      userId: userIdFor(secrets, r.openid),
      role: r.role,
      orgId: r.orgId,
      via: 'grant',
      grantedBy: null,
      grantedAt: SEED_TIME,
    }
    store.upsert(COLLECTIONS.roles, { ...role })
  }
  const upload = seedUpload(secrets, opts.files)
  const activities = opts.activities === false ? 0 : seedActivities(store, secrets, now, youth, seedPictures(upload)).activities
  // The mall spends 益币 the activities earned, so it comes only with them, and only where asked
  // (npm start, the browser tests): the seed's own tests count the volunteer history alone.
  if (opts.activities !== false && opts.mall) seedMall(store, secrets, now, goodsPictures(upload))
  // The towers of groups come with the activities too (npm start, the browser tests, the seed's own
  // tests): the other tests count groups, members and coverage from zero, as testCloud promises.
  const community = opts.activities === false ? null : seedCommunity(store, secrets, now, orgs, youth, seedPictures(upload))
  // The stations and youth homes, their people and this season's station activities come with the activities too.
  const stations = opts.activities === false ? null : seedStations(store, secrets, now, orgs, youth, PERSONA_PROFILES, seedPictures(upload))
  return {
    orgs: orgs.length,
    profiles: profiles.length,
    roles: PERSONA_ROLES.length,
    activities,
    groups: community?.groups ?? 0,
    memberships: community?.memberships ?? 0,
    stations: stations?.stations ?? 0,
    homes: stations?.homes ?? 0,
  }
}
