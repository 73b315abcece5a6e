import type { AdjustContract, PointsPolicyViewT } from '../../../../types/contract/adjust'
import { MANAGER_ROLES, orgRoles, requireScope, rolesCovering, rolesOf } from '../../../_core/access'
import { getOrgs, requireOrg } from '../../../_core/org/org.repo'
import { getPolicy, putPolicy, txGetPolicy, withVersion, yearsFor, yearStart, type PointsPolicyDoc } from '../../../_core/ledger'
import { shanghaiYear } from '../../../_core/ledger'
import { countyOf, type OrgDoc } from '../../../_core/org/org.rules'
import { AppError } from '../../../_core/runtime/app-error'
import { transaction } from '../../../_core/runtime/db'
import type { Action } from '../../../_core/runtime/serve'

/** The first year end after `now` at which the policy expires something (its version in force then). */
export function nextDeadline(policy: PointsPolicyDoc | null, now: number): number | null {
  for (let y = shanghaiYear(now) + 1; y <= shanghaiYear(now) + 2; y++) {
    if (yearsFor(policy, yearStart(y)) !== null) return yearStart(y)
  }
  return null
}

function view(county: OrgDoc, policy: PointsPolicyDoc | null, now: number): PointsPolicyViewT {
  return { countyId: county._id, countyName: county.name, expireAfterYears: policy?.expireAfterYears ?? null, nextDeadline: nextDeadline(policy, now), setAt: policy?.setAt ?? null }
}


/** Any admin or cadre of an org in the county may read its policy: a township cadre answers youth's questions about it. */
export const getPointsPolicy: Action<AdjustContract, 'getPointsPolicy'> = async (input, ctx) => {
  const [county, roles] = await Promise.all([requireOrg(ctx.db, input.countyId), rolesOf(ctx.db, ctx.openid())])
  const managing = orgRoles(roles).filter((r) => MANAGER_ROLES.includes(r.role))
  const orgs = await getOrgs(ctx.db, managing.map((r) => r.orgId))
  if (![...orgs.values()].some((o) => countyOf(o) === county._id)) throw new AppError('AUTH.FORBIDDEN')
  if (county.kind !== 'county') throw new AppError('POINTS.POLICY_COUNTY_ONLY')
  return { policy: view(county, await getPolicy(ctx.db, county._id), ctx.clock.now()) }
}

/**
 * Sets the county's expiry: an admin of the county itself (not of an org under it). The change is
 * kept as a new version; it governs year ends at least 30 days away (expiry.rules.ts), so nobody's
 * 益币 expire without a month's notice.
 */
export const setPointsPolicy: Action<AdjustContract, 'setPointsPolicy'> = async (input, ctx) => {
  const { org, roles } = await requireScope(ctx, input.countyId, ['admin'])
  if (org.kind !== 'county' || rolesCovering(roles, org, ['admin']).length === 0) throw new AppError('POINTS.POLICY_COUNTY_ONLY')
  const now = ctx.clock.now()
  const openid = ctx.openid()
  const policy = await transaction(ctx.db, async (tx) => {
    const before = await txGetPolicy(tx, org._id)
    const next = withVersion(before, org._id, input.expireAfterYears, openid, now)
    await putPolicy(tx, next)
    await ctx.audit.write(tx, {
      target: { type: 'points_policy', id: org._id },
      orgId: org._id,
      orgPath: org.path,
      detail: { before: before?.expireAfterYears ?? null, after: input.expireAfterYears },
    })
    return next
  })
  return { policy: view(org, policy, now) }
}
