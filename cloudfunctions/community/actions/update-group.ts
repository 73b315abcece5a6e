import { randomBytes } from 'node:crypto'
import type { CommunityContract } from '../../../types/contract/community'
import { MANAGER_ROLES, requireScope } from '../../_core/access'
import { checkCover } from '../../_core/activity'
import { editableFields, inviteCodeFor, newGroupInviteCode, putGroup, requireGroup, toGroupViews, txGroup, type GroupDoc } from '../../_core/community'
import { assertPublishable } from '../../_core/platform'
import { AppError } from '../../_core/runtime/app-error'
import { transaction } from '../../_core/runtime/db'
import type { Action } from '../../_core/runtime/serve'
import { chainOf } from '../../_core/tree'
import { checkChatQr } from './create-group'

/**
 * Edits a group in the caller's scope. Its org and place in the tower stay (moveGroup moves it); an
 * unchanged cover or chat QR keeps its check, a new one is checked like a new activity cover. An
 * invite-only group keeps its invite code, so the codes already handed out still open it.
 */
export const updateGroup: Action<CommunityContract, 'updateGroup'> = async (input, ctx) => {
  const current = await requireGroup(ctx.db, input.groupId)
  const { org } = await requireScope(ctx, current.orgId, MANAGER_ROLES)
  const openid = ctx.openid()
  const { groupId, ...fields } = input
  await assertPublishable(ctx.platform.contentCheck, openid, [fields.name, fields.description, ...fields.tags])
  const cover =
    fields.cover === (current.cover ?? null)
      ? { cover: current.cover ?? null, coverCheck: current.coverCheck ?? null, coverTrace: current.coverTrace ?? null }
      : await checkCover(ctx, openid, fields.cover)
  const chatQr =
    fields.chatQr === (current.chatQr ?? null)
      ? { chatQr: current.chatQr ?? null, chatQrCheck: current.chatQrCheck ?? null, chatQrTrace: current.chatQrTrace ?? null }
      : await checkChatQr(ctx, openid, fields.chatQr)
  const now = ctx.clock.now()
  const saved = await transaction(ctx.db, async (tx) => {
    const fresh = await txGroup(tx, groupId)
    if (!fresh) throw new AppError('GROUP.NOT_FOUND')
    // A concurrent move rewrote the tower fields: this edit keeps whatever placement is stored now.
    const next: GroupDoc = {
      ...fresh,
      _id: groupId,
      ...editableFields(fields),
      ...cover,
      ...chatQr,
      // The code as stored now: two edits at once never hand out two codes.
      inviteCode: inviteCodeFor(fields.joinPolicy, fresh.inviteCode, () => newGroupInviteCode(randomBytes)),
      // The org's path is read now, so an edit also brings `underOrgs` up to date after the org moved.
      underOrgs: chainOf(org),
      updatedAt: now,
    }
    await putGroup(tx, next)
    await ctx.audit.write(tx, { target: { type: 'group', id: groupId }, orgId: org._id, orgPath: org.path, detail: { edit: true, name: next.name } })
    return next
  })
  const [view] = await toGroupViews(ctx.db, [saved])
  return { group: view }
}
