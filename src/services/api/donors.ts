import { donorsContract } from '../../../types/contract/donors'
import { clientFor } from './index'

/** Donor recognition: the public 爱心企业榜, donor certificates (issuing one, a donor's list) and their check (`types/contract/donors.ts`). */
export const donorsApi = clientFor(donorsContract)
