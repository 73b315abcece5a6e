import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'
import { assignOpinion } from './assign-opinion'
import { assignedOpinions } from './assigned-opinions'
import { getOpinion } from './get-opinion'
import { listOpinions } from './list-opinions'
import { myOpinions } from './my-opinions'
import { opinionPhotoChecked } from './opinion-photo-checked'
import { rateOpinion } from './rate-opinion'
import { replyOpinion } from './reply-opinion'
import { submitOpinion } from './submit-opinion'

/** The opinion loop (征集意见): submit, assign, reply, rate; the views of author, assignee and cadre. */
export const opinionsActions: Pick<Actions<StationContract>, 'submitOpinion' | 'myOpinions' | 'getOpinion' | 'listOpinions' | 'assignedOpinions' | 'assignOpinion' | 'replyOpinion' | 'rateOpinion' | 'opinionPhotoChecked'> = {
  submitOpinion,
  myOpinions,
  getOpinion,
  listOpinions,
  assignedOpinions,
  assignOpinion,
  replyOpinion,
  rateOpinion,
  opinionPhotoChecked,
}
