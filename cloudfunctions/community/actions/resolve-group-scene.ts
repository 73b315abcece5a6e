import type { CommunityContract } from '../../../types/contract/community'
import { getGroup } from '../../_core/community'
import { parseGroupScene } from '../../_core/community/discover.rules'
import { AppError } from '../../_core/runtime/app-error'
import type { Action } from '../../_core/runtime/serve'

/**
 * A scanned group code read back: the group it opens and the invite code it carries. Only the shapes
 * `groupScene` makes are read, and only for a group that exists; whether the invite code is still
 * the group's is for joinGroup to say, as for a typed one.
 */
export const resolveGroupScene: Action<CommunityContract, 'resolveGroupScene'> = async (input, ctx) => {
  const { groupId, inviteCode } = parseGroupScene(input.scene)
  if (!(await getGroup(ctx.db, groupId))) throw new AppError('GROUP.SCENE_INVALID')
  return { groupId, inviteCode }
}
