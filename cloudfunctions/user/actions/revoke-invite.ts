import type { UserContract } from '../../../types/contract/user'
import { assertCanGrant, getInvite, requireScope, toInviteViews, type InviteDoc } from '../../_core/access'
import { COLLECTIONS } from '../../_core/runtime/collections'
import { AppError } from '../../_core/runtime/app-error'
import { transaction, txGet } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

export const revokeInvite: Action<UserContract, 'revokeInvite'> = async (input, ctx) => {
  const invite = await getInvite(ctx.db, input.code)
  if (!invite) throw new AppError('INVITE.INVALID')
  const { org, roles } = await requireScope(ctx, invite.orgId, ['admin', 'cadre'])
  assertCanGrant(roles, org, invite.role)
  const now = ctx.clock.now()
  const revoked = await transaction(ctx.db, async (tx) => {
    const fresh = await txGet<InviteDoc>(tx, COLLECTIONS.invites, invite._id)
    if (!fresh) throw new AppError('INVITE.INVALID')
    const next = { ...fresh, _id: invite._id, revokedAt: fresh.revokedAt ?? now }
    if (fresh.revokedAt === null) await tx.collection(COLLECTIONS.invites).doc(invite._id).update({ data: { revokedAt: now } })
    await ctx.audit.write(tx, { target: { type: 'invite', id: invite._id }, orgId: org._id, orgPath: org.path, detail: { role: invite.role } })
    return next
  })
  const [view] = await toInviteViews(ctx.db, [revoked], now)
  return { invite: view }
}
