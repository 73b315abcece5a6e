import type { Role } from '../../../types/enums'
import { AppError } from '../runtime/app-error'
import { covers, type OrgDoc } from '../org/org.rules'

/**
 * Roles, scope and invite codes: pure rules. A role is (openid, role, orgId) and covers the org's
 * subtree — unless it names a venue (`venueId`): then it covers that one venue and nothing of the org.
 */

export interface RoleDoc {
  _id: string
  openid: string
  userId: string | null
  role: Role
  orgId: string
  /** Set for a role held at one venue (orgId is then the venue's org); null or absent: the whole org subtree. */
  venueId?: string | null
  via: 'grant' | 'invite' | 'bootstrap'
  grantedBy: string | null
  grantedAt: number
}

export interface InviteDoc {
  _id: string // the code itself
  role: Role
  orgId: string
  /** An invite to a venue-scoped role (orgId is the venue's org); null or absent: an org role. */
  venueId?: string | null
  note: string | null
  expiresAt: number
  maxUses: number
  uses: number
  revokedAt: number | null
  createdBy: string
  createdAt: number
}

/** Higher may hand out lower; an admin may hand out anything inside its subtree, admin included. */
export const ROLE_RANK: Record<Role, number> = { admin: 4, cadre: 3, committee: 2, clerk: 1, representative: 1 }

/** Roles that manage an org's people and structure. */
export const MANAGER_ROLES: readonly Role[] = ['admin', 'cadre']

/** Is a role scoped to one venue? Absent or null means an org subtree, as every role was before venues. */
export function isVenueRole(role: Pick<RoleDoc, 'venueId'>): boolean {
  return typeof role.venueId === 'string' && role.venueId.length > 0
}

/** The roles that reach an org: venue-scoped roles never do, whatever org they name. */
export function orgRoles(roles: RoleDoc[]): RoleDoc[] {
  return roles.filter((r) => !isVenueRole(r))
}

export function rolesCovering(roles: RoleDoc[], target: Pick<OrgDoc, '_id' | 'path'>, kinds: readonly Role[]): RoleDoc[] {
  return orgRoles(roles).filter((r) => kinds.includes(r.role) && covers(r.orgId, target))
}

export function assertCovers(roles: RoleDoc[], target: Pick<OrgDoc, '_id' | 'path'>, kinds: readonly Role[]): RoleDoc[] {
  const found = rolesCovering(roles, target, kinds)
  if (found.length === 0) throw new AppError('AUTH.FORBIDDEN')
  return found
}

/** May someone holding `roles` grant `role` at `target`? Out of scope is forbidden; in scope but above one's own is ROLE.ABOVE_OWN. */
export function assertCanGrant(roles: RoleDoc[], target: Pick<OrgDoc, '_id' | 'path'>, role: Role): void {
  const refusal = grantRefusal(roles, target, role)
  if (refusal) throw new AppError(refusal)
}

export function canGrant(roles: RoleDoc[], target: Pick<OrgDoc, '_id' | 'path'>, role: Role): boolean {
  return grantRefusal(roles, target, role) === null
}

function grantRefusal(roles: RoleDoc[], target: Pick<OrgDoc, '_id' | 'path'>, role: Role): 'AUTH.FORBIDDEN' | 'ROLE.ABOVE_OWN' | null {
  const inScope = orgRoles(roles).filter((r) => covers(r.orgId, target) && ROLE_RANK[r.role] >= ROLE_RANK.cadre)
  if (inScope.length === 0) return 'AUTH.FORBIDDEN'
  if (!inScope.some((r) => r.role === 'admin' || ROLE_RANK[r.role] > ROLE_RANK[role])) return 'ROLE.ABOVE_OWN'
  return null
}

export type InviteStatus = 'active' | 'expired' | 'used_up' | 'revoked'

export function inviteStatus(inv: InviteDoc, now: number): InviteStatus {
  if (inv.revokedAt !== null) return 'revoked'
  if (inv.uses >= inv.maxUses) return 'used_up'
  if (now >= inv.expiresAt) return 'expired'
  return 'active'
}

export function assertRedeemable(inv: InviteDoc | null, now: number): InviteDoc {
  if (!inv) throw new AppError('INVITE.INVALID')
  const status = inviteStatus(inv, now)
  if (status === 'revoked') throw new AppError('INVITE.REVOKED')
  if (status === 'used_up') throw new AppError('INVITE.USED_UP')
  if (status === 'expired') throw new AppError('INVITE.EXPIRED')
  return inv
}

/**
 * An invite hands out a role on its issuer's authority, so it is honoured only while the issuer
 * could still grant that role there (checked when redeemed), and never to the issuer themselves.
 */
export function assertInviteHonoured(inv: Pick<InviteDoc, 'createdBy' | 'role'>, redeemer: string, issuerRoles: RoleDoc[], target: Pick<OrgDoc, '_id' | 'path'>): void {
  if (inv.createdBy === redeemer) throw new AppError('INVITE.OWN')
  if (!canGrant(issuerRoles, target, inv.role)) throw new AppError('INVITE.ISSUER_REVOKED')
}

/**
 * The open invites a role's holder issued that the roles they keep could no longer grant: revoking
 * the role closes these (an invite the holder could still grant under another role stays open).
 */
export function invitesOrphaned(
  invites: InviteDoc[],
  remaining: RoleDoc[],
  orgs: Map<string, Pick<OrgDoc, '_id' | 'path'>>,
  now: number,
): InviteDoc[] {
  return invites.filter((inv) => {
    if (inviteStatus(inv, now) !== 'active') return false
    const org = orgs.get(inv.orgId)
    return !org || !canGrant(remaining, org, inv.role)
  })
}

/** Crockford's base32 without look-alikes (no I, L, O, U): easy to read aloud and type on a phone. */
export const INVITE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function inviteCodeFrom(bytes: Uint8Array): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += INVITE_ALPHABET[bytes[i] % 32]
  return code
}

export { DAY_MS } from '../../../types/day'
