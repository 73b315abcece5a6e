import type { CommunityContract } from '../../../types/contract/community'
import type { Actions } from '../../_core/runtime/serve'
import { announcementImageChecked } from './announcement-image-checked'
import { createGroup } from './create-group'
import { getGroup } from './get-group'
import { groupCode } from './group-code'
import { groupCoverChecked } from './group-cover-checked'
import { hideReply } from './hide-reply'
import { listAnnouncements } from './list-announcements'
import { listGroupActivities } from './list-group-activities'
import { listGroups } from './list-groups'
import { listReplies } from './list-replies'
import { moveGroup } from './move-group'
import { pinAnnouncement } from './pin-announcement'
import { postAnnouncement } from './post-announcement'
import { readAnnouncement } from './read-announcement'
import { recommendGroups } from './recommend-groups'
import { replyToAnnouncement } from './reply-to-announcement'
import { resolveGroupScene } from './resolve-group-scene'
import { searchGroups } from './search-groups'
import { updateGroup } from './update-group'
import { groupFigures } from './group-figures'
import { joinGroup } from './join-group'
import { leaveGroup } from './leave-group'
import { listJoinRequests } from './list-join-requests'
import { listMembers } from './list-members'
import { myGroups } from './my-groups'
import { openGroup } from './open-group'
import { orgCoverage } from './org-coverage'
import { removeMember } from './remove-member'
import { reviewJoinRequest } from './review-join-request'
import { setMemberRole } from './set-member-role'
import { subscribeAnnouncements } from './subscribe-announcements'
import { sweepMemberships } from './sweep-memberships'

export const actions: Actions<CommunityContract> = {
  createGroup,
  updateGroup,
  moveGroup,
  getGroup,
  groupCoverChecked,
  listGroups,
  groupFigures,
  joinGroup,
  leaveGroup,
  listJoinRequests,
  listMembers,
  myGroups,
  openGroup,
  orgCoverage,
  removeMember,
  reviewJoinRequest,
  setMemberRole,
  subscribeAnnouncements,
  sweepMemberships,
  listGroupActivities,
  searchGroups,
  recommendGroups,
  groupCode,
  resolveGroupScene,
  postAnnouncement,
  pinAnnouncement,
  listAnnouncements,
  readAnnouncement,
  replyToAnnouncement,
  listReplies,
  hideReply,
  announcementImageChecked,
}
