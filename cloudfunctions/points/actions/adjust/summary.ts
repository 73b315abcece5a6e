import type { AccountSummaryT } from '../../../../types/contract/adjust'
import { MANAGER_ROLES, requireScope, rolesCovering, type RoleDoc } from '../../../_core/access'
import { getPolicy, walletFigures, type AccountDoc, type EntryOrg, type PointsPolicyDoc } from '../../../_core/ledger'
import { getProfile } from '../../../_core/profile/profile.repo'
import type { ProfileDoc } from '../../../_core/profile/profile.rules'
import { countyOf, type OrgDoc } from '../../../_core/org/org.rules'
import { AppError } from '../../../_core/runtime/app-error'
import type { ActionContext } from '../../../_core/runtime/context'

/**
 * A youth's account as a cadre in scope may act on it: the youth's profile must lie in an org one of
 * the caller's admin or cadre roles covers (docs/bad-inputs.md §11); anyone else naming the id is
 * refused before anything of the account is read. `policy` reads the county's expiry policy.
 */
export async function managedYouth(ctx: ActionContext, userId: string): Promise<{ profile: ProfileDoc; org: OrgDoc; roles: RoleDoc[]; policy: () => Promise<PointsPolicyDoc | null> }> {
  const profile = await getProfile(ctx.db, userId)
  if (!profile) throw new AppError('USER.NOT_FOUND')
  const { org, roles } = await requireScope(ctx, profile.orgId, MANAGER_ROLES)
  return { profile, org, roles, policy: () => getPolicy(ctx.db, countyOf(org)) }
}

/**
 * The org an adjustment answers to: that of the caller's covering role nearest the youth. It is the
 * youth's org or one above it, so its path is a prefix of the youth's org's path (no read).
 */
export function adjustingOrg(roles: RoleDoc[], org: OrgDoc): EntryOrg {
  const depth = (r: RoleDoc) => (r.orgId === org._id ? org.path.length : org.path.indexOf(r.orgId))
  const nearest = [...rolesCovering(roles, org, MANAGER_ROLES)].sort((a, b) => depth(b) - depth(a) || (a._id < b._id ? -1 : 1))[0]
  const d = depth(nearest)
  return d === org.path.length ? org : { _id: nearest.orgId, path: org.path.slice(0, d) }
}

export function toAccountSummary(profile: ProfileDoc, org: OrgDoc, account: AccountDoc | null, policy: PointsPolicyDoc | null, now: number): AccountSummaryT {
  return { userId: profile._id, realName: profile.realName, phoneMasked: profile.phoneMasked, orgName: org.name, ...walletFigures(account, policy, now) }
}
