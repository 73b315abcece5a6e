import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, findByIds, type Db, containing } from '../runtime/db'
import { pageById, type PageRequest } from '../runtime/paging'
import type { Secrets } from '../runtime/secrets'
import { getOrg, getOrgs } from '../org/org.repo'
import { GONE_ORG, townshipOf, type OrgDoc } from '../org/org.rules'
import { maskIdNumber, maskPhone, toProfileView, type ProfileDoc } from './profile.rules'

const PROFILES = COLLECTIONS.profiles

/** A user's id is derived from the openid with a server key: stable, and it reveals nothing. */
export function userIdFor(secrets: Secrets, openid: string): string {
  return `u_${secrets.hash(`openid:${openid}`).slice(0, 22)}`
}

export function getProfile(db: Db, userId: string): Promise<ProfileDoc | null> {
  return findById<ProfileDoc>(db, PROFILES, userId)
}

export function getProfiles(db: Db, userIds: string[]): Promise<Map<string, ProfileDoc>> {
  return findByIds<ProfileDoc>(db, PROFILES, userIds)
}

export async function updateProfile(db: Db, userId: string, fields: Partial<ProfileDoc>): Promise<void> {
  const _ = db.command
  const data: Record<string, unknown> = {}
  // Replace sub-objects and arrays whole: the SDK would otherwise merge nested fields.
  for (const [k, v] of Object.entries(fields)) data[k] = v !== null && typeof v === 'object' ? _.set(v) : v
  const res = await db.collection(PROFILES).doc(userId).update({ data })
  if (!res.stats?.updated) throw new AppError('USER.NOT_REGISTERED')
}


/** Profiles of a set of orgs, a page at a time, optionally only names containing a word. */
export function listProfilesIn(db: Db, orgIds: string[], page: PageRequest & { nameContains?: string }) {
  const where: Record<string, unknown> = { orgId: db.command.in(orgIds) }
  if (page.nameContains) where.realName = containing(db, page.nameContains)
  return pageById<ProfileDoc>(db, PROFILES, where, page)
}

/** Personal numbers at rest: ciphertext for the export that needs it, a keyed hash to look up, a mask to show. */
export function sealPhone(secrets: Secrets, phone: string) {
  return { phoneEnc: secrets.encrypt(phone), phoneHash: secrets.hash(`phone:${phone}`), phoneMasked: maskPhone(phone) }
}

export function sealIdNumber(secrets: Secrets, id: string) {
  return { idEnc: secrets.encrypt(id), idHash: secrets.hash(`id:${id}`), idMasked: maskIdNumber(id) }
}

/** A profile with its org, for deciding whether someone is in an org audience (an org subtree). */
export async function profileWithOrg(db: Db, userId: string): Promise<{ profile: ProfileDoc | null; org: OrgDoc | null }> {
  const profile = await getProfile(db, userId)
  return { profile, org: profile ? await getOrg(db, profile.orgId) : null }
}

/** The owner's view, with the org and township names it shows. */
export async function loadProfileView(db: Db, p: ProfileDoc, now: number) {
  const org = await getOrg(db, p.orgId)
  const ancestors = org ? await getOrgs(db, org.path) : new Map()
  const township = org ? townshipOf(org, ancestors) : null
  return toProfileView(p, { orgName: org?.name ?? GONE_ORG, townshipId: township?._id ?? null, townshipName: township?.name ?? null }, now)
}

export function sealGuardian(
  secrets: Secrets,
  g: { name: string; relation: NonNullable<ProfileDoc['guardian']>['relation']; phone: string },
  now: number,
): NonNullable<ProfileDoc['guardian']> {
  const { phoneEnc, phoneMasked } = sealPhone(secrets, g.phone)
  return { name: g.name, relation: g.relation, phoneEnc, phoneMasked, agreedAt: now }
}
