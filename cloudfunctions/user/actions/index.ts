import type { UserContract } from '../../../types/contract/user'
import type { Actions } from '../../_core/runtime/serve'
import { acceptPrivacy } from './accept-privacy'
import { bootstrap } from './bootstrap'
import { createInvite } from './create-invite'
import { createOrg } from './create-org'
import { followOrgMoves } from './follow-org-moves'
import { getOrgTree } from './get-org-tree'
import { grantRole } from './grant-role'
import { listInvites } from './list-invites'
import { listProfiles } from './list-profiles'
import { listRoles } from './list-roles'
import { me } from './me'
import { moveOrg } from './move-org'
import { redeemInvite } from './redeem-invite'
import { register } from './register'
import { renameOrg } from './rename-org'
import { revokeInvite } from './revoke-invite'
import { revokeRole } from './revoke-role'
import { updateProfile } from './update-profile'

export const actions: Actions<UserContract> = {
  me,
  register,
  updateProfile,
  acceptPrivacy,
  getOrgTree,
  createOrg,
  renameOrg,
  moveOrg,
  listProfiles,
  listRoles,
  grantRole,
  revokeRole,
  createInvite,
  listInvites,
  revokeInvite,
  redeemInvite,
  bootstrap,
  followOrgMoves,
}
