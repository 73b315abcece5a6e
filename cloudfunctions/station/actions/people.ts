import type { StationContract } from '../../../types/contract/station'
import type { Actions } from '../../_core/runtime/serve'
import { assignPerson } from './assign-person'
import { checkInVisit } from './check-in-visit'
import { checkOutVisit } from './check-out-visit'
import { doorCode } from './door-code'
import { endPost } from './end-post'
import { linkPeople } from './link-people'
import { listPeople } from './list-people'
import { myLinks } from './my-links'
import { myPosts } from './my-posts'
import { myRepresentative } from './my-representative'
import { myVisits } from './my-visits'
import { unlinkPeople } from './unlink-people'

/** The people actions of the station function: posts, 两联 links and visits at the door. */
export const peopleActions: Pick<Actions<StationContract>, 'assignPerson' | 'endPost' | 'listPeople' | 'linkPeople' | 'unlinkPeople' | 'myLinks' | 'myRepresentative' | 'myPosts' | 'doorCode' | 'checkInVisit' | 'checkOutVisit' | 'myVisits'> = {
  assignPerson,
  endPost,
  listPeople,
  linkPeople,
  unlinkPeople,
  myLinks,
  myRepresentative,
  myPosts,
  doorCode,
  checkInVisit,
  checkOutVisit,
  myVisits,
}
