import type { UserContract } from '../../../types/contract/user'
import { assertInviteHonoured, assertRedeemable, putRole, redemptionId, roleIdFor, rolesOf, toRoleViews, type InviteDoc, type RoleDoc } from '../../_core/access'
import { getOrg } from '../../_core/org'
import { getProfile, userIdFor } from '../../_core/profile'
import { AppError } from '../../_core/runtime/app-error'
import { assertOpen, getVenue } from '../../_core/venue'
import { COLLECTIONS } from '../../_core/runtime/collections'
import { transaction, txGet } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'

/**
 * One transaction: check the invite and that its issuer still could grant it, count the use, record
 * who redeemed it, grant the role, audit. Revoking the issuer's role closes the invite in its own
 * transaction, so a redemption racing with it conflicts on the invite document.
 * Concurrent redemptions of the last use conflict on the invite document and only one commits.
 * An invite to a venue grants the role at that venue only, and only while the venue is open.
 */
export const redeemInvite: Action<UserContract, 'redeemInvite'> = async (input, ctx) => {
  const openid = ctx.openid()
  const profile = await getProfile(ctx.db, userIdFor(ctx.secrets(), openid))
  if (!profile) throw new AppError('USER.NOT_REGISTERED')
  const now = ctx.clock.now()
  const role = await transaction(ctx.db, async (tx) => {
    const invite = assertRedeemable(await txGet<InviteDoc>(tx, COLLECTIONS.invites, input.code), now)
    const rid = redemptionId(input.code, openid)
    if (await txGet(tx, COLLECTIONS.inviteRedemptions, rid)) throw new AppError('INVITE.ALREADY_REDEEMED')
    const org = await getOrg(ctx.db, invite.orgId)
    if (!org) throw new AppError('ORG.NOT_FOUND')
    const venueId = invite.venueId ?? null
    if (venueId) {
      const venue = await getVenue(ctx.db, venueId)
      if (!venue) throw new AppError('VENUE.NOT_FOUND')
      assertOpen(venue)
    }
    // The issuer's authority is checked now, not when the code was made: a since-revoked cadre's code is dead.
    assertInviteHonoured(invite, openid, await rolesOf(ctx.db, invite.createdBy), org)
    const granted: RoleDoc = {
      _id: roleIdFor(openid, invite.role, invite.orgId, venueId),
      openid,
      userId: profile._id,
      role: invite.role,
      orgId: invite.orgId,
      venueId,
      via: 'invite',
      grantedBy: invite.createdBy,
      grantedAt: now,
    }
    if (await txGet(tx, COLLECTIONS.roles, granted._id)) throw new AppError('ROLE.ALREADY_HELD')
    await tx.collection(COLLECTIONS.invites).doc(input.code).update({ data: { uses: invite.uses + 1 } })
    await tx.collection(COLLECTIONS.inviteRedemptions).doc(rid).set({ data: { code: input.code, openid, at: now } })
    await putRole(tx, granted)
    await ctx.audit.write(tx, { target: { type: 'role', id: granted._id }, orgId: org._id, orgPath: org.path, detail: { via: 'invite', code: input.code, role: granted.role, venueId } })
    return granted
  })
  const [view] = await toRoleViews(ctx.db, ctx.secrets(), [role])
  return { role: view }
}
