import { MANAGER_ROLES, requireScope, rolesCovering } from '../../../_core/access'
import { expiringView, nextExpiry, totalsOf, type AccountDoc, type PointsPolicyDoc } from '../../../_core/ledger'
import { getProfile } from '../../../_core/profile/profile.repo'
import type { ProfileDoc } from '../../../_core/profile/profile.rules'
import type { OrgDoc } from '../../../_core/org/org.rules'
import { AppError } from '../../../_core/runtime/app-error'
import type { ActionContext } from '../../../_core/runtime/context'
import type { AccountSummaryT } from '../../../../types/contract/adjust'
import type { RoleDoc } from '../../../_core/access'

/**
 * A youth's account as a cadre in scope may act on it: the youth's profile must lie in an org one of
 * the caller's admin or cadre roles covers (docs/bad-inputs.md §11); anyone else naming the id is
 * refused before anything of the account is read.
 */
export async function managedYouth(ctx: ActionContext, userId: string): Promise<{ profile: ProfileDoc; org: OrgDoc; roles: RoleDoc[] }> {
  const profile = await getProfile(ctx.db, userId)
  if (!profile) throw new AppError('USER.NOT_FOUND')
  const { org, roles } = await requireScope(ctx, profile.orgId, MANAGER_ROLES)
  return { profile, org, roles }
}

/** The caller's covering role nearest the youth: the org an adjustment answers to. */
export function adjustingRole(roles: RoleDoc[], org: OrgDoc): RoleDoc {
  const covering = rolesCovering(roles, org, MANAGER_ROLES)
  const depth = (r: RoleDoc) => (r.orgId === org._id ? org.path.length : org.path.indexOf(r.orgId))
  return [...covering].sort((a, b) => depth(b) - depth(a) || (a._id < b._id ? -1 : 1))[0]
}

export function toAccountSummary(profile: ProfileDoc, org: OrgDoc, account: AccountDoc | null, policy: PointsPolicyDoc | null, now: number): AccountSummaryT {
  const t = totalsOf(account)
  return {
    userId: profile._id,
    realName: profile.realName,
    phoneMasked: profile.phoneMasked,
    orgName: org.name,
    balance: t.balance,
    earned: t.earned,
    spent: t.spent,
    adjusted: t.adjusted,
    expired: t.expired,
    expiring: expiringView(nextExpiry(account, policy, now), now),
  }
}
