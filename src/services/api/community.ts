import { communityContract } from '../../../types/contract/community'
import { clientFor } from './index'

/** 社群: groups and the tower, membership, announcements, discover (`types/contract/community.ts`). */
export const communityApi = clientFor(communityContract)
