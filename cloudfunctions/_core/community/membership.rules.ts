import type { MemberRole, MembershipStatus } from '../../../types/contract/community'
import { AppError } from '../runtime/app-error'
import type { GroupDoc } from './group.rules'

/**
 * A youth's membership of a group: pure rules, no I/O. One document per (group, youth) — its id is
 * derived from both, so a second join is the same document, never a second membership. A request
 * (`pending`) becomes `active` when approved; `rejected`, `left` and `removed` end it, and a later
 * join starts it again on the same document.
 */
export interface MembershipDoc {
  _id: string
  groupId: string
  userId: string
  openid: string
  role: MemberRole
  status: MembershipStatus
  /** The group's org and its chain, copied so a member list and an org's coverage read one index. */
  orgId: string
  underOrgs: string[]
  message: string
  requestedAt: number
  joinedAt: number | null
  endedAt: number | null
  reason: string | null
  reviewedBy: string | null
  subscribed: boolean
  /** The last time the member read an announcement or took part in one of the group's activities. */
  lastActiveAt: number | null
  /**
   * The coverage nodes (community/coverage.ts) this membership is counted under, and whether they
   * may differ from what its status and its group's place in the tower call for — set by every
   * change and cleared once the counts match, so a crash in between is finished by the next pass.
   */
  reached: string[]
  reachDue: boolean
  /** Raised by every change of the membership: the coverage marks and the place key carry it. */
  rev: number
  /** The key of the place this membership holds in its group (runtime/places.ts), while active. */
  seat: string | null
  updatedAt: number
}

/**
 * A place is held under the membership's id and the revision it became active at: a late give-back
 * of an earlier stay (a leave whose answer crossed a rejoin) can only release its own key.
 */
export function seatKeyFor(m: Pick<MembershipDoc, '_id'>, rev: number): string {
  return `${m._id}_${rev}`
}

/** The membership a place key belongs to. */
export function membershipOfSeat(key: string): string {
  return key.slice(0, key.lastIndexOf('_'))
}


export function isActive(m: Pick<MembershipDoc, 'status'> | null | undefined): m is MembershipDoc {
  return !!m && m.status === 'active'
}

/** Owners and admins run the group (post, approve, remove); cadres in scope may too (see membership.repo). */
export function isGroupAdmin(m: Pick<MembershipDoc, 'status' | 'role'> | null | undefined): boolean {
  return isActive(m as MembershipDoc) && (m!.role === 'owner' || m!.role === 'admin')
}

/** Invite codes: six letters and digits, without the ones read wrongly aloud (0/O, 1/I). */
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export function newGroupInviteCode(random: (n: number) => Buffer): string {
  return [...random(6)].map((b) => INVITE_ALPHABET[b % INVITE_ALPHABET.length]).join('')
}

/** How a youth's join goes: straight in, a request for an admin, or refused for want of the code. */
export function joinPath(group: Pick<GroupDoc, 'joinPolicy'> & { inviteCode?: string | null }, inviteCode: string | undefined): 'seat' | 'request' {
  if (group.joinPolicy === 'open') return 'seat'
  if (group.joinPolicy === 'approval') return 'request'
  if (!inviteCode) throw new AppError('GROUP.INVITE_ONLY')
  if (inviteCode !== group.inviteCode) throw new AppError('GROUP.INVITE_WRONG')
  return 'seat'
}

/** The owner stays: handed over by a cadre, never left, removed or demoted. */
export function assertNotOwner(m: Pick<MembershipDoc, 'role'>): void {
  if (m.role === 'owner') throw new AppError('GROUP.OWNER_FIXED')
}

/**
 * Who may remove whom: the group's admins remove members; an admin is removed by the owner or a
 * cadre in scope (admins do not remove each other).
 */
export function assertMayRemove(actor: { cadre: boolean; membership: Pick<MembershipDoc, 'role' | 'status'> | null }, target: Pick<MembershipDoc, 'role'>): void {
  assertNotOwner(target)
  if (actor.cadre || actor.membership?.role === 'owner') return
  if (target.role === 'admin') throw new AppError('AUTH.FORBIDDEN')
}

export function toMembershipView(m: MembershipDoc) {
  return {
    id: m._id,
    groupId: m.groupId,
    role: m.role,
    status: m.status,
    requestedAt: m.requestedAt,
    joinedAt: m.joinedAt,
    reason: m.reason,
    subscribed: m.subscribed,
  }
}

/** A membership's fields once it ends or its request is answered, from the state read. */
export function endMembership(seen: MembershipDoc, status: Exclude<MembershipStatus, 'pending' | 'active'>, by: string | null, reason: string | null, now: number) {
  const { rev: _rev, seat: _seat, reached: _reached, reachDue: _due, ...rest } = seen
  return { ...rest, status, endedAt: now, reviewedBy: by, reason, role: 'member' as const, updatedAt: now }
}
