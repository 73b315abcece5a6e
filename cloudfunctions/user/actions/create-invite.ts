import type { UserContract } from '../../../types/contract/user'
import { DAY_MS, assertCanGrant, insertInvite, requireGrantScope, toInviteViews } from '../../_core/access'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/** An invite hands out a role the issuer could grant directly: same scope, same ceiling, same venue rules. */
export const createInvite: Action<UserContract, 'createInvite'> = async (input, ctx) => {
  const { org, roles, venue } = await requireGrantScope(ctx, input.orgId, input.venueId, input.role)
  assertCanGrant(roles, org, input.role)
  const now = ctx.clock.now()
  const invite = await transaction(ctx.db, async (tx) => {
    const created = await insertInvite(tx, {
      role: input.role,
      orgId: org._id,
      venueId: venue?._id ?? null,
      note: input.note ?? null,
      expiresAt: now + input.expiresInDays * DAY_MS,
      maxUses: input.maxUses,
      uses: 0,
      revokedAt: null,
      createdBy: ctx.openid(),
      createdAt: now,
    })
    await ctx.audit.write(tx, {
      target: { type: 'invite', id: created._id },
      orgId: org._id,
      orgPath: org.path,
      detail: { role: created.role, venueId: created.venueId, maxUses: created.maxUses, expiresAt: created.expiresAt },
    })
    return created
  })
  const [view] = await toInviteViews(ctx.db, [invite], now)
  return { invite: view }
}
