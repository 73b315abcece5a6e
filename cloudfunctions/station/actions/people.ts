import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'

/** The people actions of the station function (one file per action beside this one, as they are built). */
const notBuilt = async (): Promise<never> => {
  throw new Error('not built yet')
}

export const peopleActions: Pick<Actions<StationContract>, 'assignPerson' | 'endPost' | 'listPeople' | 'linkPeople' | 'unlinkPeople' | 'myLinks' | 'myRepresentative' | 'myPosts' | 'doorCode' | 'checkInVisit' | 'checkOutVisit' | 'myVisits'> = {
  assignPerson: notBuilt,
  endPost: notBuilt,
  listPeople: notBuilt,
  linkPeople: notBuilt,
  unlinkPeople: notBuilt,
  myLinks: notBuilt,
  myRepresentative: notBuilt,
  myPosts: notBuilt,
  doorCode: notBuilt,
  checkInVisit: notBuilt,
  checkOutVisit: notBuilt,
  myVisits: notBuilt,
}
