import { randomBytes } from 'node:crypto'
import type { CommunityContract } from '../../../types/contract/community'
import { MANAGER_ROLES, requireScope, rolesCovering } from '../../_core/access'
import { checkCover } from '../../_core/activity'
import {
  assertMayHangUnder,
  groupOrg,
  coverAsChatQr,
  editableFields,
  getGroup,
  groupIdFor,
  inviteCodeFor,
  isOrgTop,
  newGroupInviteCode,
  putGroup,
  requireGroup,
  seatOwner,
  toGroupViews,
  txGroup,
  type GroupDoc,
} from '../../_core/community'
import { assertPublishable } from '../../_core/platform'
import { AppError, isAppError } from '../../_core/runtime/app-error'
import type { ActionContext } from '../../_core/runtime/context'
import { transaction } from '../../_core/runtime/db'
import { asReplay, requestHash } from '../../_core/runtime/idempotency'
import { userIdFor } from '../../_core/profile'
import type { Action } from '../../_core/runtime/serve'
import { chainOf, childPlacement, ROOT_PLACEMENT } from '../../_core/tree'

/**
 * A group under the id its request key gives: a retry after a lost reply, or the same key sent many
 * times at once, answers the one group. The caller manages the group's org; the parent group, if any,
 * may belong to another org of the same county (a township's group under the county's).
 */
export const createGroup: Action<CommunityContract, 'createGroup'> = async (input, ctx) => {
  const { org, roles } = await requireScope(ctx, input.orgId, MANAGER_ROLES)
  const openid = ctx.openid()
  const { requestId, ...fields } = input
  const id = groupIdFor(openid, requestId)
  const hash = requestHash(fields)
  const earlier = asReplay(await getGroup(ctx.db, id), hash)
  if (earlier) {
    ctx.audit.replay()
    await seatOwner(ctx.db, earlier, { openid, userId: userIdFor(ctx.secrets(), openid) }, ctx.clock.now())
    const [view] = await toGroupViews(ctx.db, [earlier])
    return { group: view }
  }
  const parent = fields.parentGroupId ? await requireGroup(ctx.db, fields.parentGroupId) : null
  if (parent) assertMayHangUnder(org, parent, rolesCovering(roles, groupOrg(parent), MANAGER_ROLES).length > 0)
  await assertPublishable(ctx.platform.contentCheck, openid, [fields.name, fields.description, ...fields.tags])
  const cover = await checkCover(ctx, openid, fields.cover)
  const chatQr = await checkChatQr(ctx, openid, fields.chatQr)
  const now = ctx.clock.now()
  const made = await transaction(ctx.db, async (tx) => {
    // Inside the transaction too: the same key sent twice at once makes one group and one audit entry.
    const raced = asReplay(await txGroup(tx, id), hash)
    if (raced) {
      ctx.audit.replay()
      return raced
    }
    // The parent is read again here so a group is never placed under one deleted or moved meanwhile.
    const freshParent = parent ? await txGroup(tx, parent._id) : null
    if (parent && !freshParent) throw new AppError('GROUP.NOT_FOUND')
    const group: GroupDoc = {
      _id: id,
      ...(freshParent ? childPlacement({ ...freshParent, _id: parent!._id }) : ROOT_PLACEMENT),
      ...editableFields(fields),
      ...cover,
      ...chatQr,
      inviteCode: inviteCodeFor(fields.joinPolicy, null, () => newGroupInviteCode(randomBytes)),
      orgId: org._id,
      underOrgs: chainOf(org),
      orgTop: isOrgTop(org._id, freshParent),
      requestHash: hash,
      createdBy: openid,
      createdAt: now,
      updatedAt: now,
    }
    await putGroup(tx, group)
    await ctx.audit.write(tx, { target: { type: 'group', id }, orgId: org._id, orgPath: org.path, detail: { name: group.name, kind: group.kind, parentId: group.parentId } })
    return group
  })
  // The maker is the group's owner and first member (a retry of a create that died here seats them).
  await seatOwner(ctx.db, made, { openid, userId: userIdFor(ctx.secrets(), openid) }, now)
  const [view] = await toGroupViews(ctx.db, [made])
  return { group: view }
}

/**
 * The chat QR is checked exactly like the cover (an own upload, then WeChat's image check); only the
 * refusal names what was refused, so a cadre who sent both knows which picture to change.
 */
export async function checkChatQr(ctx: ActionContext, openid: string, file: string | null) {
  try {
    return coverAsChatQr(await checkCover(ctx, openid, file))
  } catch (e) {
    if (isAppError(e) && e.code === 'GENERIC.CONTENT_RISKY') throw new AppError('GENERIC.CONTENT_RISKY', '这张微信群二维码图片未通过内容安全检查，请换一张。')
    throw e
  }
}
