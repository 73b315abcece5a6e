import type { CommunityContract } from '../../../types/contract/community'
import type { Actions } from '../../_core/runtime/serve'
import { createGroup } from './create-group'
import { getGroup } from './get-group'
import { groupCode } from './group-code'
import { groupCoverChecked } from './group-cover-checked'
import { listGroups } from './list-groups'
import { moveGroup } from './move-group'
import { recommendGroups } from './recommend-groups'
import { resolveGroupScene } from './resolve-group-scene'
import { searchGroups } from './search-groups'
import { updateGroup } from './update-group'

export const actions: Actions<CommunityContract> = {
  createGroup,
  updateGroup,
  moveGroup,
  getGroup,
  groupCoverChecked,
  listGroups,
  searchGroups,
  recommendGroups,
  groupCode,
  resolveGroupScene,
}
