import type { ActivityContract } from '../../../types/contract/activity'
import type { Actions } from '../../_core/runtime/serve'
import { approveHours } from './approve-hours'
import { attendanceBoard } from './attendance-board'
import { cancelActivity } from './cancel-activity'
import { cancelSignUp } from './cancel-sign-up'
import { certificate } from './certificate'
import { checkIn } from './check-in'
import { checkOut } from './check-out'
import { createActivity } from './create-activity'
import { declareHours } from './declare-hours'
import { getActivity } from './get-activity'
import { listActivities } from './list-activities'
import { manageActivities } from './manage-activities'
import { myActivities } from './my-activities'
import { myCode } from './my-code'
import { myHours } from './my-hours'
import { myRecords } from './my-records'
import { publishActivity } from './publish-activity'
import { rejectHours } from './reject-hours'
import { reverseApproval } from './reverse-approval'
import { reviewQueue } from './review-queue'
import { sendReminders } from './send-reminders'
import { sweepPlaces } from './sweep-places'
import { sendOutbox } from './send-outbox'
import { activityMessages } from './activity-messages'
import { coverChecked } from './cover-checked'
import { signUp } from './sign-up'
import { syncScans } from './sync-scans'
import { updateActivity } from './update-activity'
import { verifyCertificate } from './verify-certificate'

export const actions: Actions<ActivityContract> = {
  createActivity,
  updateActivity,
  publishActivity,
  cancelActivity,
  listActivities,
  manageActivities,
  getActivity,
  signUp,
  cancelSignUp,
  myActivities,
  checkIn,
  checkOut,
  myCode,
  attendanceBoard,
  syncScans,
  reviewQueue,
  approveHours,
  rejectHours,
  reverseApproval,
  declareHours,
  myHours,
  myRecords,
  certificate,
  sendReminders,
  sweepPlaces,
  sendOutbox,
  activityMessages,
  coverChecked,
  verifyCertificate,
}
