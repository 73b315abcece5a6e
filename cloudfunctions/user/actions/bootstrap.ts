import type { UserContract } from '../../../types/contract/user'
import { putRole, roleIdFor, toRoleViews, type RoleDoc } from '../../_core/access'
import { insertOrg, toOrgView } from '../../_core/org'
import { getProfile, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { COLLECTIONS } from '../../_core/runtime/collections'
import { transaction, txGet } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

const BOOTSTRAP_DOC = 'bootstrap'

/**
 * The first admin of a fresh deployment: the WeChat user named by the deploy-time setting
 * `TQ_BOOTSTRAP_OPENID` creates the county org and becomes its admin, once.
 */
export const bootstrap: Action<UserContract, 'bootstrap'> = async (input, ctx) => {
  const openid = ctx.openid()
  const allowed = process.env.TQ_BOOTSTRAP_OPENID
  if (!allowed || allowed !== openid) throw new AppError('AUTH.FORBIDDEN')
  const now = ctx.clock.now()
  const profile = await getProfile(ctx.db, userIdFor(ctx.secrets(), openid))
  const { org, role } = await transaction(ctx.db, async (tx) => {
    if (await txGet(tx, COLLECTIONS.settings, BOOTSTRAP_DOC)) throw new AppError('ROLE.BOOTSTRAP_CLOSED')
    const county = await insertOrg(tx, { name: input.countyName, kind: 'county', parent: null }, now)
    const admin: RoleDoc = {
      _id: roleIdFor(openid, 'admin', county._id),
      openid,
      userId: profile?._id ?? null,
      role: 'admin',
      orgId: county._id,
      via: 'bootstrap',
      grantedBy: null,
      grantedAt: now,
    }
    await putRole(tx, admin)
    await tx.collection(COLLECTIONS.settings).doc(BOOTSTRAP_DOC).set({ data: { at: now, openid, orgId: county._id } })
    await ctx.audit.write(tx, { target: { type: 'org', id: county._id }, orgId: county._id, orgPath: [], detail: { bootstrap: true } })
    return { org: county, role: admin }
  })
  const [view] = await toRoleViews(ctx.db, ctx.secrets(), [role])
  return { org: toOrgView(org), role: view }
}
