import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'

/** The opinions actions of the station function (one file per action beside this one, as they are built). */
const notBuilt = async (): Promise<never> => {
  throw new Error('not built yet')
}

export const opinionsActions: Pick<Actions<StationContract>, 'submitOpinion' | 'myOpinions' | 'getOpinion' | 'listOpinions' | 'assignedOpinions' | 'assignOpinion' | 'replyOpinion' | 'rateOpinion' | 'opinionPhotoChecked'> = {
  submitOpinion: notBuilt,
  myOpinions: notBuilt,
  getOpinion: notBuilt,
  listOpinions: notBuilt,
  assignedOpinions: notBuilt,
  assignOpinion: notBuilt,
  replyOpinion: notBuilt,
  rateOpinion: notBuilt,
  opinionPhotoChecked: notBuilt,
}
