import { createHash, randomBytes } from 'node:crypto'
import type { Role } from '../../../types/enums'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from '../runtime/collections'
import { findById, readAll, type Db, type Tx } from '../runtime/db'
import { pageById, type PageRequest } from '../runtime/paging'
import { getOrgs } from '../org/org.repo'
import { GONE_ORG } from '../org/org.rules'
import { getProfiles, userIdFor } from '../profile/profile.repo'
import { getVenues } from '../venue/venue.repo'
import { GONE_VENUE } from '../venue/venue.rules'
import type { Secrets } from '../runtime/secrets'
import { inviteCodeFrom, inviteStatus, type InviteDoc, type RoleDoc } from './access.rules'

const ROLES = COLLECTIONS.roles
const INVITES = COLLECTIONS.invites

/**
 * One document per (openid, role, org) — or per (openid, role, org, venue) for a venue-scoped role:
 * granting twice cannot make two. An org role's id is what it always was, so existing roles keep theirs.
 */
export function roleIdFor(openid: string, role: Role, orgId: string, venueId?: string | null): string {
  const key = venueId ? `${openid}|${role}|${orgId}|${venueId}` : `${openid}|${role}|${orgId}`
  return `r_${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`
}

/** Every role a person holds (never the first 1000 only: readAll refuses loudly past its cap). */
export function rolesOf(db: Db, openid: string): Promise<RoleDoc[]> {
  return readAll<RoleDoc>(db, ROLES, { openid })
}

export function getRole(db: Db, id: string): Promise<RoleDoc | null> {
  return findById<RoleDoc>(db, ROLES, id)
}

export async function putRole(into: Tx, role: RoleDoc): Promise<void> {
  const { _id, ...rest } = role
  await into.collection(ROLES).doc(_id).set({ data: rest })
}

export async function removeRole(into: Tx, id: string): Promise<void> {
  await into.collection(ROLES).doc(id).remove()
}

/** One page of the roles held in these orgs (over the orgId index); with a venue, only those held at it. */
export function listRolesIn(db: Db, orgIds: string[], page: PageRequest, venueId?: string) {
  return pageById<RoleDoc>(db, ROLES, { orgId: db.command.in(orgIds), ...(venueId ? { venueId } : {}) }, page)
}

export function newInviteCode(): string {
  return inviteCodeFrom(randomBytes(8))
}

export function getInvite(db: Db, code: string): Promise<InviteDoc | null> {
  return findById<InviteDoc>(db, INVITES, code)
}

/** A fresh random code; a collision (1 in 2^40) is retried rather than overwriting another invite. */
export async function insertInvite(into: Tx, fields: Omit<InviteDoc, '_id'>): Promise<InviteDoc> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = newInviteCode()
    const existing = await into.collection(INVITES).doc(code).get()
    if (existing.data) continue
    await into.collection(INVITES).doc(code).set({ data: fields })
    return { _id: code, ...fields }
  }
  throw new AppError('GENERIC.CONFLICT')
}

export function listInvitesIn(db: Db, orgIds: string[], page: PageRequest, venueId?: string) {
  return pageById<InviteDoc>(db, INVITES, { orgId: db.command.in(orgIds), ...(venueId ? { venueId } : {}) }, page)
}

/** Invites someone issued that nobody has revoked yet (expired and used-up ones included). */
export function unrevokedInvitesBy(db: Db, openid: string): Promise<InviteDoc[]> {
  return readAll<InviteDoc>(db, INVITES, { createdBy: openid, revokedAt: null })
}

/** Closes invites inside the caller's transaction, so a redemption racing with it conflicts on the invite. */
export async function closeInvites(into: Tx, invites: InviteDoc[], now: number): Promise<void> {
  for (const inv of invites) await into.collection(INVITES).doc(inv._id).update({ data: { revokedAt: now } })
}

export function redemptionId(code: string, openid: string): string {
  return `ir_${createHash('sha256').update(`${code}|${openid}`).digest('base64url').slice(0, 22)}`
}

/** The names of the venues some roles or invites are held at. */
async function venueNames(db: Db, items: { venueId?: string | null }[]): Promise<Map<string, string>> {
  const ids = items.map((i) => i.venueId).filter((id): id is string => !!id)
  if (ids.length === 0) return new Map()
  const venues = await getVenues(db, ids)
  return new Map([...venues.values()].map((v) => [v._id, v.name]))
}

const venueOf = (names: Map<string, string>, venueId: string | null | undefined) =>
  venueId ? { venueId, venueName: names.get(venueId) ?? GONE_VENUE } : { venueId: null, venueName: null }

/**
 * Roles as people see them: with the org's name and the holder's, once the holder has registered.
 * The holder's user id is derived from their openid, so a role granted before registration needs no
 * later patch to learn it.
 */
export async function toRoleViews(db: Db, secrets: Secrets, roles: RoleDoc[]) {
  const userIds = roles.map((r) => r.userId ?? userIdFor(secrets, r.openid))
  const [orgs, profiles, venues] = await Promise.all([getOrgs(db, roles.map((r) => r.orgId)), getProfiles(db, userIds), venueNames(db, roles)])
  return roles.map((r, i) => {
    const holder = profiles.get(userIds[i])
    return {
      id: r._id,
      role: r.role,
      orgId: r.orgId,
      orgName: orgs.get(r.orgId)?.name ?? GONE_ORG,
      ...venueOf(venues, r.venueId),
      userId: holder ? userIds[i] : null,
      userName: holder?.realName || null,
      via: r.via,
      grantedAt: r.grantedAt,
    }
  })
}

export async function toInviteViews(db: Db, invites: InviteDoc[], now: number) {
  const [orgs, venues] = await Promise.all([getOrgs(db, invites.map((i) => i.orgId)), venueNames(db, invites)])
  return invites.map((i) => ({
    code: i._id,
    role: i.role,
    orgId: i.orgId,
    orgName: orgs.get(i.orgId)?.name ?? GONE_ORG,
    ...venueOf(venues, i.venueId),
    note: i.note,
    expiresAt: i.expiresAt,
    maxUses: i.maxUses,
    uses: i.uses,
    status: inviteStatus(i, now),
    createdAt: i.createdAt,
  }))
}

